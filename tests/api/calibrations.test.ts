/**
 * Calibration rounds (docs/CALIBRATION.md): created by an admin on a published report, rated
 * blind by invited shoppers and reviewers (another rater's answers are 404 to a rater, the
 * report's shopper never shown), idempotent ratings, closing, and results that are the domain's
 * `calibrationResults` on the same answers; scope, roles and hostile ids.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events } from "../../schema";
import { calibrationResults, type RaterSheet } from "../../worker/domain/calibration";
import { listItems } from "../../worker/domain/checklists";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import {
  type AnswerJson,
  completeAnswers,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  TINY_JPEG,
  TINY_PNG,
  uploadEvidence,
} from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let other: TestOrganization;
let store: Version;
let auditId: string;

beforeAll(async () => {
  [org, other] = await Promise.all([
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "none" }),
  ]);
  store = await readVersion(org.as.admin, org.versionIds.store);
  const assignment = await planVisit(org, store.id);
  const audit = await expectOk(
    await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(store.document))),
    201,
  );
  auditId = audit.id;
});

const calibrations = (as: Client) => as.api.v1.calibrations;

async function create(json: Partial<Parameters<Client["api"]["v1"]["calibrations"]["$post"]>[0]["json"]> = {}) {
  return calibrations(org.as.admin).$post({
    json: {
      title: "November greeting calibration",
      auditId,
      raterIds: [org.people.shopper2.id, org.people.shopper3.id, org.people.reviewer.id],
      ...json,
    },
  });
}

/** The complete answers with every other yes/no item flipped from `from` on (a rater who reads some items differently). */
function answersVarying(from: number, every = 2): AnswerJson[] {
  let yesNo = 0;
  return completeAnswers(store.document).map((a) => {
    if (typeof a.value !== "boolean") return { item: a.item, value: a.value };
    yesNo++;
    return { item: a.item, value: yesNo >= from && yesNo % every === 0 ? !a.value : a.value };
  });
}

function rate(as: Client, id: string, json: { version: number; answers: AnswerJson[]; submit?: boolean }) {
  return calibrations(as)[":id"].ratings.$put({
    param: { id },
    json: { ...json, answers: json.answers.map(({ evidence: _e, ...a }) => a) },
  });
}

describe("creating a calibration", () => {
  it("an admin creates one on a published report; the raters see its visit, never its shopper", async () => {
    const created = await expectOk(await create(), 201);
    expect(created).toMatchObject({ status: "open", source: "report", invited: 3, submitted: 0, auditId });
    expect(created.material.branch?.code).toBeTruthy();
    expect(created.raters?.map((r) => r.id).sort()).toEqual(
      [org.people.shopper2.id, org.people.shopper3.id, org.people.reviewer.id].sort(),
    );

    const seen = await expectOk(await calibrations(org.as.shopper2)[":id"].$get({ param: { id: created.id } }), 200);
    expect(seen).toMatchObject({ auditId: null, raters: null, expertId: null, original: null });
    expect(seen.mine).toEqual({ submittedAt: null, version: 1, answers: [] });
    expect(seen.material.overallComment).toBe("A good visit.");
    const text = JSON.stringify(seen);
    for (const secret of [org.people.shopper.id, org.people.shopper.email, auditId]) expect(text).not.toContain(secret);
  });

  it("only admins create (403 before the body is read), and bad input names its fields", async () => {
    for (const as of [org.as.analyst, org.as.reviewer, org.as.shopper, org.as.manager]) {
      await expectProblem(await calibrations(as).$post({ json: {} as never }), 403, "forbidden");
    }
    const both = await expectProblem(
      await create({ checklistVersionId: store.id, raterIds: [org.people.shopper2.id] }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(both)).toEqual(["checklistVersionId:invalid_value", "raterIds:too_small", "scenario:required"]);
    const scenario = await expectProblem(
      await create({ auditId: undefined, checklistVersionId: store.id }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(scenario)).toEqual(["scenario:required"]);
  });

  it("invites only active shoppers and reviewers, never the report's own shopper, and nothing of another organisation", async () => {
    const people = await expectProblem(
      await create({
        raterIds: [org.people.shopper.id, org.people.manager.id, other.people.shopper.id, org.people.shopper2.id],
        expertId: org.people.shopper2.id,
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(people)).toEqual([
      "raterIds[0]:not_allowed",
      "raterIds[1]:unknown_reference",
      "raterIds[2]:unknown_reference",
    ]);
    const expert = await expectProblem(await create({ expertId: org.people.admin.id }), 400, "validation_failed");
    expect(fieldErrors(expert)).toEqual(["expertId:invalid_value"]);
    // Another organisation's report and checklist version are unknown here.
    const foreign = await expectProblem(
      await create({ auditId: undefined, checklistVersionId: other.versionIds.store, scenario: { en: "A", zh: "甲" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(foreign)).toEqual(["checklistVersionId:unknown_reference"]);
    const foreignAudit = await expectProblem(await create({ auditId: "made-up" }), 400, "validation_failed");
    expect(fieldErrors(foreignAudit)).toEqual(["auditId:unknown_reference"]);
  });

  it("a written scenario with a transcript and photos: raters see those photos and no other", async () => {
    const { sha256: photo } = await uploadEvidence(org.people.admin.cookie, TINY_JPEG);
    const { sha256: elsewhere } = await uploadEvidence(org.people.admin.cookie, TINY_PNG, "image/png");
    const unknown = await expectProblem(
      await create({
        auditId: undefined,
        checklistVersionId: org.versionIds.call,
        scenario: { en: "A caller asks about opening hours.", zh: "来电询问营业时间。" },
        photoShas: ["0".repeat(64)],
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(unknown)).toEqual(["photoShas[0]:unknown_reference"]);
    const created = await expectOk(
      await create({
        auditId: undefined,
        checklistVersionId: org.versionIds.call,
        scenario: { en: "A caller asks about opening hours.", zh: "来电询问营业时间。" },
        transcript: "Agent: Good morning…",
        photoShas: [photo],
      }),
      201,
    );
    expect(created).toMatchObject({ source: "scenario", auditId: null, transcript: "Agent: Good morning…" });
    expect(created.material).toMatchObject({ branch: null, photos: [photo] });
    const photos = (as: Client, sha256: string) =>
      calibrations(as)[":id"].photos[":sha256"].$get({ param: { id: created.id, sha256 } });
    const res = await photos(org.as.shopper2, photo);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    await expectProblem(await photos(org.as.shopper2, elsewhere), 404, "not_found");
    await expectProblem(await photos(org.as.shopper, photo), 404, "not_found");
    await expectProblem(await photos(org.as.shopper2, "nope"), 400, "validation_failed");
  });
});

describe("a round from invitation to results", () => {
  let id: string;

  beforeAll(async () => {
    id = (await expectOk(await create({ title: "Round to results", expertId: null }), 201)).id;
  });

  it("is 404 to whoever is not invited, in any organisation, and 403 to roles that never rate", async () => {
    await expectProblem(await calibrations(org.as.shopper)[":id"].$get({ param: { id } }), 404, "not_found");
    await expectProblem(await calibrations(other.as.admin)[":id"].$get({ param: { id } }), 404, "not_found");
    await expectProblem(await calibrations(other.as.shopper2)[":id"].$get({ param: { id } }), 404, "not_found");
    await expectProblem(await calibrations(org.as.manager)[":id"].$get({ param: { id } }), 403, "forbidden");
    await expectProblem(await rate(org.as.shopper, id, { version: 1, answers: [] }), 404, "not_found");
    await expectProblem(await rate(org.as.admin, id, { version: 1, answers: [] }), 403, "forbidden");
    for (const hostile of ["x".repeat(65), "' or 1=1 --", "%00"]) {
      await expectProblem(await calibrations(org.as.admin)[":id"].$get({ param: { id: hostile } }), 404, "not_found");
    }
    const mine = await expectOk(await calibrations(org.as.shopper).$get(), 200);
    expect(mine.items.map((c) => c.id)).not.toContain(id);
    const invited = await expectOk(await calibrations(org.as.shopper2).$get(), 200);
    expect(invited.items.map((c) => c.id)).toContain(id);
    const all = await expectOk(await calibrations(org.as.analyst).$get(), 200);
    expect(all.items.length).toBeGreaterThanOrEqual(2);
  });

  it("an invited rater's nav entry comes from GET /me", async () => {
    expect((await expectOk(await org.as.shopper2.api.v1.me.$get(), 200)).abilities.calibrations).toBe(true);
    expect((await expectOk(await org.as.shopper.api.v1.me.$get(), 200)).abilities.calibrations).toBe(false);
    expect((await expectOk(await org.as.manager.api.v1.me.$get(), 200)).abilities.calibrations).toBe(false);
    expect((await expectOk(await org.as.analyst.api.v1.me.$get(), 200)).abilities.calibrations).toBe(true);
  });

  it("saving is idempotent, blind to the others, and submitting makes the answers final", async () => {
    const a = answersVarying(99);
    const saved = await expectOk(await rate(org.as.shopper2, id, { version: 1, answers: a.slice(0, 3) }), 200);
    expect(saved.version).toBe(2);
    // The same save again (a retry naming the old version) answers the same, and writes nothing.
    const again = await expectOk(await rate(org.as.shopper2, id, { version: 1, answers: a.slice(0, 3) }), 200);
    expect(again).toEqual(saved);
    // A different save on the old version is stale.
    const stale = await expectProblem(
      await rate(org.as.shopper2, id, { version: 1, answers: a }),
      409,
      "stale_version",
    );
    expect(stale).toMatchObject({ version: 2 });

    // Another rater's answers do not exist for a rater; head office reads nobody's before close.
    const other = calibrations(org.as.shopper3)[":id"].ratings[":raterId"];
    await expectProblem(await other.$get({ param: { id, raterId: org.people.shopper2.id } }), 404, "not_found");
    const own = calibrations(org.as.shopper2)[":id"].ratings[":raterId"];
    expect(
      (await expectOk(await own.$get({ param: { id, raterId: org.people.shopper2.id } }), 200)).answers,
    ).toHaveLength(3);
    const admins = calibrations(org.as.admin)[":id"].ratings[":raterId"];
    await expectProblem(await admins.$get({ param: { id, raterId: org.people.shopper2.id } }), 409, "calibration_open");
    const seen = await expectOk(await calibrations(org.as.shopper3)[":id"].$get({ param: { id } }), 200);
    expect(seen.mine?.answers).toEqual([]);

    // Submitting needs every scored item; wrong values name their field.
    const incomplete = await expectProblem(
      await rate(org.as.shopper2, id, { version: 2, answers: a.slice(0, 3), submit: true }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(incomplete).every((e) => e.startsWith("items.") && e.endsWith(":required"))).toBe(true);
    const wrong = await expectProblem(
      await rate(org.as.shopper2, id, { version: 2, answers: [{ item: "nope", value: true }] }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(wrong)).toEqual(["answers[0].item:unknown_reference"]);

    const submitted = await expectOk(await rate(org.as.shopper2, id, { version: 2, answers: a, submit: true }), 200);
    expect(submitted.submittedAt).not.toBeNull();
    expect(await expectOk(await rate(org.as.shopper2, id, { version: 2, answers: a, submit: true }), 200)).toEqual(
      submitted,
    );
    await expectProblem(
      await rate(org.as.shopper2, id, { version: 3, answers: a.slice(1), submit: true }),
      409,
      "invalid_state",
    );
  });

  it("has no results until closed; then the others are numbers to a rater, and names to head office", async () => {
    await expectOk(await rate(org.as.shopper3, id, { version: 1, answers: answersVarying(1), submit: true }), 200);
    await expectOk(await rate(org.as.reviewer, id, { version: 1, answers: answersVarying(2, 3), submit: true }), 200);
    await expectProblem(
      await calibrations(org.as.admin)[":id"].results.$get({ param: { id } }),
      409,
      "calibration_open",
    );
    const close = (as: Client, version: number) =>
      calibrations(as)[":id"].close.$post({ param: { id }, json: { version } });
    await expectProblem(await close(org.as.analyst, 1), 403, "forbidden");
    await expectProblem(await close(other.as.admin, 1), 404, "not_found");
    await expectProblem(await close(org.as.admin, 7), 409, "stale_version");
    expect((await expectOk(await close(org.as.admin, 1), 200)).status).toBe("closed");
    await expectProblem(await close(org.as.admin, 2), 409, "calibration_closed");
    await expectProblem(
      await rate(org.as.shopper3, id, { version: 2, answers: answersVarying(3) }),
      409,
      "calibration_closed",
    );

    const results = await expectOk(await calibrations(org.as.analyst)[":id"].results.$get({ param: { id } }), 200);
    // The same numbers as the domain's function on the same answers (raters ordered by id, seed 1).
    const sheets: RaterSheet[] = [
      [org.people.shopper2.id, answersVarying(99)],
      [org.people.shopper3.id, answersVarying(1)],
      [org.people.reviewer.id, answersVarying(2, 3)],
    ]
      .map(([raterId, answers]) => ({
        raterId: raterId as string,
        answers: Object.fromEntries(
          (answers as AnswerJson[]).map((a) => [a.item, a.na ? { na: true as const } : { value: a.value as boolean }]),
        ),
      }))
      .sort((x, y) => x.raterId.localeCompare(y.raterId));
    const expected = calibrationResults(store.document, sheets, { seed: 1 });
    expect(
      results.items.map(({ key, level, distribution, consensus, agreeing, answered }) => ({
        key,
        level,
        distribution,
        consensus,
        agreeing,
        answered,
      })),
    ).toEqual(expected.items);
    for (const alpha of results.alphas) {
      const { reading, level, ...numbers } = alpha;
      expect(numbers).toEqual(expected.alphas[level]);
      expect(["not_reliable", "tentative", "reliable", "undefined"]).toContain(reading);
    }
    expect(results.raters.map((r) => ({ raterId: r.id, items: r.items, mean: r.mean }))).toEqual(expected.raters);
    expect(results.raters.map((r) => r.name).every(Boolean)).toBe(true);
    // The original report's answers are shown once closed.
    expect(results.items.every((i) => i.original !== undefined)).toBe(true);

    const blind = await expectOk(await calibrations(org.as.shopper3)[":id"].results.$get({ param: { id } }), 200);
    expect(blind.raters.filter((r) => r.id !== null).map((r) => r.id)).toEqual([org.people.shopper3.id]);
    expect(blind.raters.find((r) => r.you)?.id).toBe(org.people.shopper3.id);
    expect(blind.raters.every((r) => r.you || r.name === null)).toBe(true);
    // Still blind after close: a rater never reads another rater's answers.
    await expectProblem(
      await calibrations(org.as.shopper3)[":id"].ratings[":raterId"].$get({
        param: { id, raterId: org.people.shopper2.id },
      }),
      404,
      "not_found",
    );
    await expectProblem(await calibrations(org.as.shopper)[":id"].results.$get({ param: { id } }), 404, "not_found");
  });

  it("per-item alpha across the closed rounds of a checklist is head office's", async () => {
    const byItem = await expectOk(
      await calibrations(org.as.admin)["alpha-by-item"].$get({ query: { checklistId: org.checklistIds.store } }),
      200,
    );
    expect(byItem.rounds).toBe(1);
    const scored = listItems(store.document).filter(({ item }) =>
      ["yes_no", "number", "scale", "choice"].includes(item.kind),
    );
    expect(byItem.items.map((i) => i.key)).toEqual(scored.map(({ item }) => item.key));
    await expectProblem(
      await calibrations(org.as.shopper2)["alpha-by-item"].$get({ query: { checklistId: "x" } }),
      403,
      "forbidden",
    );
    const none = await expectOk(
      await calibrations(other.as.admin)["alpha-by-item"].$get({ query: { checklistId: org.checklistIds.store } }),
      200,
    );
    expect(none).toEqual({ checklistId: org.checklistIds.store, rounds: 0, items: [] });
  });

  it("records created, rated and closed in the trail, never with the answers", async () => {
    const rows = await db()
      .select({ type: events.type, payload: events.payload })
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.subjectId, id)));
    const types = rows.map((r) => r.type);
    expect(types.filter((t) => t === "calibration.created")).toHaveLength(1);
    // shopper2: save, submit; shopper3 and the reviewer: submit (the retries wrote nothing).
    expect(types.filter((t) => t === "calibration.rated")).toHaveLength(4);
    expect(types.filter((t) => t === "calibration.closed")).toHaveLength(1);
    expect(JSON.stringify(rows.map((r) => r.payload))).not.toContain('"value"');
  });
});
