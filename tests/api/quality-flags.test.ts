/**
 * Shopper-quality flags (docs/QUALITY.md) as the submission computes and stores them: each flag
 * with its numbers, the phone's metadata (form timing, fixes, photo dHash and capture time),
 * photo prints and their bands, the organisation's thresholds, the `flagged` review policy, a
 * legacy `short_visit`, hostile metadata, the review queue's filter and sort, and who sees flags.
 */
import { and, count, eq } from "drizzle-orm";
import { encode } from "jpeg-js";
import { beforeAll, describe, expect, it } from "vitest";
import { audits, branches, evidence, photoBands, photoPrints, uploads } from "../../schema";
import { listItems } from "../../worker/domain/checklists";
import { dHashBands, hammingDistance } from "../../worker/domain/quality-flags";
import { createOrganization, type TestOrganization } from "./factory";
import {
  type AnswerJson,
  completeAnswers,
  db,
  expectOk,
  expectProblem,
  fieldErrors,
  putAudit,
  reportBody,
  uploadEvidence,
} from "./helpers";
import {
  type Assignment,
  planVisit,
  type ReportInput,
  readAudit,
  readVersion,
  report,
  submitReport,
  type Version,
} from "./report-helpers";

let org: TestOrganization;
let store: Version;

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "all" });
  store = await readVersion(org.as.admin, org.versionIds.store);
  // Wangfujing, where the test reports check in (report-helpers: 39.9139, 116.4102).
  await db()
    .update(branches)
    .set({ latitude: 39.9139, longitude: 116.4102 })
    .where(eq(branches.id, org.branchIds.north1));
});

const photoKey = () => listItems(store.document).find(({ item }) => item.kind === "photo")?.item.key ?? "";

/** Complete top answers, one of them with a comment (so the report is not straight-lined). */
function commented(extra: AnswerJson[] = []): AnswerJson[] {
  const [first, ...rest] = completeAnswers(store.document);
  return [{ ...(first as AnswerJson), comment: "Greeted at the door." }, ...rest, ...extra];
}

/**
 * A 72 × 64 JPEG of 9 × 8 blocks with brightness from `seed` (its own dHash), `shift` added to every
 * pixel: a different file of the same picture.
 */
function patternJpeg(seed: number, shift = 0): Uint8Array {
  const width = 72;
  const height = 64;
  const data = new Uint8Array(width * height * 4);
  let state = seed * 7919 + 13;
  const levels = Array.from({ length: 72 }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 30 + (state % 190);
  });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.min(255, (levels[Math.floor(y / 8) * 9 + Math.floor(x / 8)] ?? 0) + shift);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(encode({ data, width, height }, 95).data);
}

async function upload(bytes: Uint8Array, cookie = org.people.shopper.cookie): Promise<string> {
  const { res, sha256 } = await uploadEvidence(cookie, bytes);
  expect([200, 201], await res.clone().text()).toContain(res.status);
  return sha256;
}

async function serverDHash(sha: string): Promise<string | null> {
  const [row] = await db()
    .select({ dHash: uploads.dHash })
    .from(uploads)
    .where(and(eq(uploads.organizationId, org.id), eq(uploads.sha256, sha)));
  return row?.dHash ?? null;
}

async function submit(overrides: Partial<ReportInput> = {}, list: AnswerJson[] = commented(), plan?: Assignment) {
  const assignment = plan ?? (await planVisit(org, store.id));
  const id = crypto.randomUUID();
  const audit = await expectOk(await submitReport(org.as.shopper, id, report(assignment, list, overrides)), 201);
  const read = await expectOk(await readAudit(org.as.reviewer, id), 200);
  return { id, audit, flags: read.flags ?? [], assignment };
}

describe("flags stored at submission, with their numbers", () => {
  it("a clean report has none; it keeps the phone's form timing and fixes", async () => {
    const start = Date.now() - 3_600_000;
    const fixes = [0, 1, 2].map((i) => ({
      lat: 39.9139 + i * 0.00001,
      lng: 116.4102,
      accuracy: 20 + i,
      takenAt: new Date(start + i * 60_000).toISOString(),
    }));
    const { id, flags } = await submit({ formSeconds: 900, fixes });
    expect(flags).toEqual([]);
    const [row] = await db().select().from(audits).where(eq(audits.id, id));
    expect(row?.formSeconds).toBe(900);
    expect(row?.fixes).toEqual(fixes.map((f) => ({ ...f, takenAt: Date.parse(f.takenAt) })));
  });

  it("too_fast by the form: under 3 seconds a scored item", async () => {
    const { flags } = await submit({ formSeconds: 20 });
    const scored = listItems(store.document).filter(({ item }) => item.kind !== "photo" && item.kind !== "text").length;
    expect(flags).toEqual([{ code: "too_fast", basis: "form", seconds: 20, minimumSeconds: expect.any(Number) }]);
    expect((flags[0] as { minimumSeconds: number }).minimumSeconds).toBeLessThanOrEqual(scored * 3);
  });

  it("far_from_branch: a precise check-in 2 km away; a poor one next door is not", async () => {
    const takenAt = new Date(Date.now() - 3_600_000).toISOString();
    const far = await submit({ location: { lat: 39.9139, lng: 116.4336, accuracy: 30, takenAt } });
    expect(far.flags).toEqual([
      { code: "far_from_branch", meters: expect.any(Number), accuracyMeters: 30, thresholdMeters: 500 },
    ]);
    expect((far.flags[0] as { meters: number }).meters).toBeGreaterThan(1900);
    const near = await submit({ location: { lat: 39.9139, lng: 116.4182, accuracy: 300, takenAt } });
    expect(near.flags).toEqual([]);
  });

  it("location_jitter: three identical fixes in a row", async () => {
    const start = Date.now() - 3_600_000;
    const fix = (i: number) => ({
      lat: 39.9139,
      lng: 116.4102,
      accuracy: 10,
      takenAt: new Date(start + i * 60_000).toISOString(),
    });
    const { flags } = await submit({ fixes: [fix(0), fix(1), fix(2)] });
    expect(flags).toEqual([{ code: "location_jitter", identicalFixes: 3 }]);
  });

  it("photo_time_mismatch: a photo taken 2 hours before the visit (30 minutes' tolerance)", async () => {
    const sha = await upload(patternJpeg(101));
    const start = Date.now() - 3_600_000;
    const capturedAt = new Date(start - 2 * 3_600_000).toISOString();
    const { flags } = await submit(
      {
        visitStartedAt: new Date(start).toISOString(),
        visitEndedAt: new Date(start + 20 * 60_000).toISOString(),
        photos: [{ sha256: sha, dHash: null, capturedAt }],
      },
      commented([{ item: photoKey(), evidence: [sha] }]),
    );
    expect(flags).toEqual([
      {
        code: "photo_time_mismatch",
        sha256: sha,
        capturedAt: Date.parse(capturedAt),
        minutesOutside: 90,
        toleranceMinutes: 30,
      },
    ]);
  });

  it("outside_hours: a visit when the branch was closed by its opening hours", async () => {
    const closed = {
      mon: [["00:00", "00:01"]],
      tue: [["00:00", "00:01"]],
      wed: [["00:00", "00:01"]],
      thu: [["00:00", "00:01"]],
      fri: [["00:00", "00:01"]],
      sat: [["00:00", "00:01"]],
      sun: [["00:00", "00:01"]],
    } as Record<string, [string, string][]>;
    await db().update(branches).set({ openingHours: closed }).where(eq(branches.id, org.branchIds.north2));
    const assignment = await planVisit(org, store.id, { branchId: org.branchIds.north2 });
    const { flags } = await submit({}, commented(), assignment);
    expect(flags).toEqual([
      {
        code: "outside_hours",
        weekday: expect.any(String),
        localTime: expect.any(String),
        openingHours: [["00:00", "00:01"]],
      },
    ]);
  });

  it("straight_lining: every scored item at the top and not one comment", async () => {
    const { flags } = await submit({}, completeAnswers(store.document));
    expect(flags).toEqual([{ code: "straight_lining", items: expect.any(Number), direction: "top" }]);
  });
});

describe("photo_reused and photo prints", () => {
  it("the same file in a second report: flagged with the first report, 0 bits apart; prints and bands stored", async () => {
    const sha = await upload(patternJpeg(201));
    const withPhoto = commented([{ item: photoKey(), evidence: [sha] }]);
    const first = await submit({}, withPhoto);
    expect(first.flags).toEqual([]);
    const second = await submit({}, withPhoto);
    expect(second.flags).toEqual([{ code: "photo_reused", sha256: sha, otherAuditId: first.id, distance: 0 }]);

    const server = await serverDHash(sha);
    expect(server).toMatch(/^[0-9a-f]{16}$/);
    const prints = await db().select().from(photoPrints).where(eq(photoPrints.auditId, second.id));
    expect(prints).toEqual([
      { auditId: second.id, sha256: sha, organizationId: org.id, dHash: server, capturedAt: null },
    ]);
    const bands = await db().select().from(photoBands).where(eq(photoBands.auditId, second.id));
    expect(bands.map((b) => b.band).sort()).toEqual(dHashBands(server ?? "").sort());
  });

  it("a near copy (another file of the same picture) is found through the bands, with its distance", async () => {
    const original = await upload(patternJpeg(301));
    const copy = await upload(patternJpeg(301, 6));
    expect(copy).not.toBe(original);
    const first = await submit({}, commented([{ item: photoKey(), evidence: [original] }]));
    const second = await submit({}, commented([{ item: photoKey(), evidence: [copy] }]));
    const distance = hammingDistance((await serverDHash(original)) ?? "", (await serverDHash(copy)) ?? "");
    expect(distance).toBeLessThanOrEqual(5);
    expect(second.flags).toEqual([{ code: "photo_reused", sha256: copy, otherAuditId: first.id, distance }]);
    // A different picture is far from both.
    const other = await upload(patternJpeg(302));
    expect((await submit({}, commented([{ item: photoKey(), evidence: [other] }]))).flags).toEqual([]);
  });

  it("the phone's dHash is kept when it agrees with the server's; the server's wins when it is far", async () => {
    const agree = await upload(patternJpeg(401));
    const lie = await upload(patternJpeg(402));
    const server = (await serverDHash(agree)) ?? "";
    const flipped = (Number.parseInt(server.slice(0, 1), 16) ^ 1).toString(16) + server.slice(1);
    const { id } = await submit(
      {
        photos: [
          { sha256: agree, dHash: flipped, capturedAt: null },
          { sha256: lie, dHash: "0123456789abcdef", capturedAt: null },
        ],
      },
      commented([{ item: photoKey(), evidence: [agree, lie] }]),
    );
    const prints = await db().select().from(photoPrints).where(eq(photoPrints.auditId, id));
    expect(new Map(prints.map((p) => [p.sha256, p.dHash]))).toEqual(
      new Map([
        [agree, flipped],
        [lie, await serverDHash(lie)],
      ]),
    );
  });

  it("a photo of another organisation never matches", async () => {
    const elsewhere = await createOrganization({ reviewPolicy: "all" });
    const bytes = patternJpeg(501);
    const version = await readVersion(elsewhere.as.admin, elsewhere.versionIds.store);
    const theirs = await uploadEvidence(elsewhere.people.shopper.cookie, bytes);
    const assignment = await planVisit(elsewhere, version.id);
    await expectOk(
      await submitReport(
        elsewhere.as.shopper,
        crypto.randomUUID(),
        report(assignment, commented([{ item: photoKey(), evidence: [theirs.sha256] }])),
      ),
      201,
    );
    const sha = await upload(bytes);
    expect((await submit({}, commented([{ item: photoKey(), evidence: [sha] }]))).flags).toEqual([]);
  });
});

describe("hostile metadata: refused whole, nothing stored", () => {
  async function refused(body: Record<string, unknown>, status = 400) {
    const id = crypto.randomUUID();
    const problem = await expectProblem(
      await putAudit(org.people.shopper.cookie, id, body),
      status,
      "validation_failed",
    );
    const [a] = await db().select({ n: count() }).from(audits).where(eq(audits.id, id));
    const [p] = await db().select({ n: count() }).from(photoPrints).where(eq(photoPrints.auditId, id));
    const [e] = await db().select({ n: count() }).from(evidence).where(eq(evidence.auditId, id));
    expect([a?.n, p?.n, e?.n]).toEqual([0, 0, 0]);
    return fieldErrors(problem);
  }

  it("a photo the evidence does not list, described twice, bad hashes and times, too many fixes, out of order", async () => {
    const assignment = await planVisit(org, store.id);
    const sha = await upload(patternJpeg(601));
    const list = commented([{ item: photoKey(), evidence: [sha] }]);
    const stranger = "a".repeat(64);
    const photo = { sha256: sha, dHash: null, capturedAt: null };
    expect(await refused(reportBody(assignment, list, { photos: [{ ...photo, sha256: stranger }] }))).toEqual([
      "photos[0].sha256:unknown_reference",
    ]);
    expect(await refused(reportBody(assignment, list, { photos: [photo, photo] }))).toEqual(["photos[1].sha256:taken"]);
    expect(
      await refused(
        reportBody(assignment, list, {
          photos: [{ sha256: sha, dHash: "XYZ", capturedAt: "yesterday" }],
          formSeconds: -1,
        }),
      ),
    ).toEqual(["formSeconds:too_small", "photos[0].capturedAt:invalid_format", "photos[0].dHash:invalid_format"]);
    const fix = (minutes: number) => ({
      lat: 39.9139,
      lng: 116.4102,
      accuracy: 10,
      takenAt: new Date(Date.now() - minutes * 60_000).toISOString(),
    });
    expect(await refused(reportBody(assignment, list, { fixes: [fix(10), fix(20)] }))).toEqual([
      "fixes[1].takenAt:invalid_value",
    ]);
    const many = await refused(
      reportBody(assignment, list, { fixes: Array.from({ length: 31 }, (_, i) => fix(60 - i)) }),
    );
    expect(many).toEqual(["fixes:too_big"]);
    expect(await refused(reportBody(assignment, list, { fixes: [{ ...fix(5), extra: 1 }] }))).toHaveLength(1);
  });
});

describe("thresholds, policy, legacy flags and who sees them", () => {
  it("the organisation's thresholds: defaults shown, an override applies, null puts the default back, unknown keys refused", async () => {
    const settings = org.as.admin.api.v1.organization;
    const before = await expectOk(await settings.$get(), 200);
    expect(before.flagThresholds).toEqual(before.flagThresholdDefaults);
    expect(before.flagThresholdDefaults).toMatchObject({ farFromBranchMeters: 500, photoHammingMax: 5 });
    const changed = await expectOk(
      await settings.$patch({ json: { flagThresholds: { farFromBranchMeters: 5000 }, version: before.version } }),
      200,
    );
    expect(changed.flagThresholds.farFromBranchMeters).toBe(5000);
    expect((await expectOk(await settings.$get(), 200)).flagThresholds.farFromBranchMeters).toBe(5000);
    const takenAt = new Date(Date.now() - 3_600_000).toISOString();
    expect((await submit({ location: { lat: 39.9139, lng: 116.4336, accuracy: 30, takenAt } })).flags).toEqual([]);

    const bad = await expectProblem(
      await (settings.$patch as unknown as (a: unknown) => Promise<Response>)({
        json: { flagThresholds: { farFromBranchMeters: 1, photoHammingMax: 9, nonsense: 3 }, version: changed.version },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad)).toEqual([
      "flagThresholds.farFromBranchMeters:too_small",
      "flagThresholds.nonsense:unknown_field",
      "flagThresholds.photoHammingMax:too_big",
    ]);
    const reset = await expectOk(
      await settings.$patch({ json: { flagThresholds: { farFromBranchMeters: null }, version: changed.version } }),
      200,
    );
    expect(reset.flagThresholds).toEqual(reset.flagThresholdDefaults);
  });

  it("the flagged policy sends a flagged report to review and publishes a clean one", async () => {
    const flaggedOrg = await createOrganization({ reviewPolicy: "flagged" });
    const version = await readVersion(flaggedOrg.as.admin, flaggedOrg.versionIds.store);
    const [first, ...rest] = completeAnswers(version.document);
    const list = [{ ...(first as AnswerJson), comment: "Fine." }, ...rest];
    const send = async (overrides: Partial<ReportInput>) =>
      expectOk(
        await submitReport(
          flaggedOrg.as.shopper,
          crypto.randomUUID(),
          report(await planVisit(flaggedOrg, version.id), list, overrides),
        ),
        201,
      );
    expect((await send({ formSeconds: 600 })).status).toBe("published");
    expect((await send({ formSeconds: 5 })).status).toBe("waiting");
  });

  it("a short_visit stored before flags had their codes reads as too_fast by the visit", async () => {
    const { id } = await submit();
    await db()
      .update(audits)
      .set({ flags: [{ code: "short_visit", minutes: 3, minimumMinutes: 10 }] })
      .where(eq(audits.id, id));
    const read = await expectOk(await readAudit(org.as.reviewer, id), 200);
    expect(read.flags).toEqual([{ code: "too_fast", basis: "visit", minutes: 3, minimumMinutes: 10 }]);
    const queue = await expectOk(
      await org.as.reviewer.api.v1["review-queue"].$get({ query: { flag: "too_fast" } }),
      200,
    );
    expect(queue.items.find((i) => i.id === id)?.flags).toEqual(["too_fast"]);
  });

  it("head office reads the flags; the shopper and managers never do", async () => {
    const { id } = await submit({ formSeconds: 10 });
    for (const as of [org.as.reviewer, org.as.analyst, org.as.admin]) {
      expect((await expectOk(await readAudit(as, id), 200)).flags).toHaveLength(1);
    }
    for (const as of [org.as.shopper]) {
      expect("flags" in (await expectOk(await readAudit(as, id), 200))).toBe(false);
    }
    // Managers read reports once published.
    const published = await createOrganization({ reviewPolicy: "none" });
    const version = await readVersion(published.as.admin, published.versionIds.store);
    const other = crypto.randomUUID();
    await expectOk(
      await submitReport(
        published.as.shopper,
        other,
        report(await planVisit(published, version.id), completeAnswers(version.document), { formSeconds: 10 }),
      ),
      201,
    );
    expect((await expectOk(await readAudit(published.as.reviewer, other), 200)).flags?.length).toBe(2);
    for (const as of [published.as.manager, published.as.regional]) {
      const read = await expectOk(await readAudit(as, other), 200);
      expect("flags" in read).toBe(false);
    }
  });
});

describe("the review queue by flag", () => {
  it("filters by one code or several, sorts by the number of flags, and pages on", async () => {
    const queueOrg = await createOrganization({ reviewPolicy: "all" });
    const version = await readVersion(queueOrg.as.admin, queueOrg.versionIds.store);
    const [first, ...rest] = completeAnswers(version.document);
    const clean = [{ ...(first as AnswerJson), comment: "Fine." }, ...rest];
    const send = async (overrides: Partial<ReportInput>, list = clean) => {
      const id = crypto.randomUUID();
      await expectOk(
        await submitReport(queueOrg.as.shopper, id, report(await planVisit(queueOrg, version.id), list, overrides)),
        201,
      );
      return id;
    };
    const none = await send({});
    const one = await send({ formSeconds: 5 });
    const two = await send({ formSeconds: 5 }, completeAnswers(version.document));
    const queue = queueOrg.as.reviewer.api.v1["review-queue"];

    const all = await expectOk(await queue.$get({ query: {} }), 200);
    expect(all.items.map((i) => [i.id, i.flags])).toEqual([
      [none, []],
      [one, ["too_fast"]],
      [two, ["too_fast", "straight_lining"]],
    ]);
    const lined = await expectOk(await queue.$get({ query: { flag: "straight_lining" } }), 200);
    expect(lined.items.map((i) => i.id)).toEqual([two]);
    const either = await expectOk(await queue.$get({ query: { flag: "straight_lining,too_fast" } }), 200);
    expect(either.items.map((i) => i.id)).toEqual([one, two]);

    const sorted = await expectOk(await queue.$get({ query: { sort: "flags", limit: "2" } }), 200);
    expect(sorted.items.map((i) => i.id)).toEqual([two, one]);
    expect(sorted.nextCursor).toMatch(/^1:\d+\./);
    const next = await expectOk(
      await queue.$get({ query: { sort: "flags", limit: "2", cursor: sorted.nextCursor ?? "" } }),
      200,
    );
    expect(next.items.map((i) => i.id)).toEqual([none]);

    await expectProblem(await queue.$get({ query: { flag: "made_up" } }), 400, "validation_failed");
    // A cursor of one sort is not a cursor of the other.
    await expectProblem(await queue.$get({ query: { cursor: sorted.nextCursor ?? "" } }), 400, "validation_failed");
  });
});
