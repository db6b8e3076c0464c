import { eq } from "drizzle-orm";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { checklists, organizations } from "../../schema";
import { backfillDefaultChecklists } from "../../worker/data/organizations";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors } from "./helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
});

/** A small valid document with one item of each scored kind and a note. */
function sampleDocument(name = `Sample ${crypto.randomUUID().slice(0, 8)}`): ChecklistDocument {
  return {
    name: { en: name, zh: `示例 ${name}` },
    channel: "store",
    sections: [
      {
        key: "welcome",
        title: { en: "Welcome", zh: "迎接" },
        weight: 1,
        items: [
          {
            key: "greets",
            kind: "yes_no",
            prompt: { en: "Greeted promptly?", zh: "是否及时问候？" },
            guidance: { en: "Within 10 seconds.", zh: "十秒内。" },
            weight: 1,
            critical: "none",
            naAllowed: false,
            evidenceOnFail: "comment",
          },
          {
            key: "warmth",
            kind: "scale",
            min: 1,
            max: 5,
            prompt: { en: "How warm?", zh: "热情程度？" },
            guidance: { en: "5 is very warm.", zh: "5 为非常热情。" },
            weight: 1,
            critical: "none",
            naAllowed: false,
            evidenceOnFail: "none",
          },
        ],
      },
      {
        key: "call",
        title: { en: "Phone", zh: "电话" },
        weight: 1,
        items: [
          {
            key: "rings",
            kind: "number",
            unit: "rings",
            pass: { max: 3 },
            prompt: { en: "Rings before answer", zh: "接听前响铃次数" },
            guidance: { en: "3 or fewer passes.", zh: "三声以内为合格。" },
            weight: 1,
            critical: "none",
            naAllowed: true,
            evidenceOnFail: "none",
          },
          {
            key: "policy",
            kind: "choice",
            options: [
              { key: "clear", label: { en: "Clear", zh: "清楚" }, points: 2 },
              { key: "vague", label: { en: "Vague", zh: "含糊" }, points: 1 },
              { key: "none", label: { en: "Not explained", zh: "未说明" }, points: 0 },
            ],
            prompt: { en: "Return policy explained?", zh: "是否说明退换政策？" },
            guidance: { en: "Clear means unprompted.", zh: "主动说明为清楚。" },
            weight: 1,
            critical: "none",
            naAllowed: false,
            evidenceOnFail: "none",
          },
          {
            key: "notes",
            kind: "text",
            prompt: { en: "Notes", zh: "备注" },
            guidance: { en: "", zh: "" },
            weight: 1,
            critical: "none",
            naAllowed: false,
            evidenceOnFail: "none",
          },
        ],
      },
    ],
  };
}

async function createDraft(doc: ChecklistDocument = sampleDocument()) {
  return expectOk(await org.as.admin.api.v1.checklists.$post({ json: doc }), 201);
}

const versionOf = (as: Client) => as.api.v1["checklist-versions"][":id"];

/** Reads a version as `as` (the admin unless given); it must succeed. */
async function readVersion(id: string, as: Client = org.as.admin) {
  return expectOk(await versionOf(as).$get({ param: { id } }), 200);
}

/** Saves a draft made from `revision` (the answer, unchecked). */
function putDraft(id: string, revision: number, document: ChecklistDocument, as: Client = org.as.admin) {
  return versionOf(as).$put({ param: { id }, json: { revision, document } });
}

/** Saves a draft made from `revision`; it must succeed. */
async function saveDraft(id: string, revision: number, document: ChecklistDocument) {
  return expectOk(await putDraft(id, revision, document), 200);
}

function publish(id: string, as: Client = org.as.admin) {
  return versionOf(as).publish.$post({ param: { id } });
}

const checklistOf = (as: Client) => as.api.v1.checklists[":id"];

async function readChecklist(id: string, as: Client = org.as.admin) {
  return expectOk(await checklistOf(as).$get({ param: { id } }), 200);
}

type ScoreAnswers = InferRequestType<
  Client["api"]["v1"]["checklist-versions"][":id"]["score"]["$post"]
>["json"]["answers"];

async function listChecklists(as: Client) {
  return (await expectOk(await as.api.v1.checklists.$get(), 200)).items;
}

describe("default templates", () => {
  it("every organisation starts with the published store-visit and call-centre checklists", async () => {
    for (const as of [org.as.admin, other.as.admin]) {
      const items = await listChecklists(as);
      const channels = items.filter((c) => c.versions.some((v) => v.status === "published")).map((c) => c.channel);
      expect(channels).toEqual(expect.arrayContaining(["store", "call_centre"]));
    }
    const orgIds = (await listChecklists(org.as.admin)).map((c) => c.id);
    const otherIds = (await listChecklists(other.as.admin)).map((c) => c.id);
    expect(orgIds.filter((id) => otherIds.includes(id))).toEqual([]);
  });

  it("every role reads published versions; the template list is for admins", async () => {
    const [storeVisit] = (await listChecklists(org.as.shopper)).filter((c) => c.channel === "store");
    expect(storeVisit?.latestPublishedVersionId).toBeTruthy();
    const version = await readVersion(storeVisit?.latestPublishedVersionId ?? "", org.as.manager);
    expect(version.status).toBe("published");
    expect(version.document.sections.length).toBeGreaterThan(0);
    const templates = await expectOk(await org.as.admin.api.v1["checklist-templates"].$get(), 200);
    expect(templates.items.map((t) => t.channel).sort()).toEqual(["call_centre", "store"]);
    await expectProblem(await org.as.analyst.api.v1["checklist-templates"].$get(), 403, "forbidden");
  });
});

describe("creating from a document", () => {
  it("creates a checklist with a draft version that returns the same document", async () => {
    const doc = sampleDocument();
    const { checklist, version } = await createDraft(doc);
    expect(checklist).toMatchObject({ name: doc.name, channel: "store", status: "active", draftVersionId: version.id });
    expect(version).toMatchObject({ number: 1, status: "draft", publishedAt: null, problems: [] });
    const read = await readVersion(version.id);
    expect(read.document).toEqual(doc);
  });

  it("fills defaults: weight 1, critical none, no N/A, no evidence, empty guidance", async () => {
    // The defaults are the point: the document leaves them out.
    const minimal = {
      name: { en: "Minimal", zh: "最简" },
      channel: "call_centre",
      sections: [
        {
          key: "s",
          title: { en: "S", zh: "节" },
          items: [{ key: "i", kind: "yes_no", prompt: { en: "Q", zh: "问" } }],
        },
      ],
    };
    const { version } = await createDraft(minimal as unknown as ChecklistDocument);
    expect(version.document.sections[0]).toEqual({
      key: "s",
      title: { en: "S", zh: "节" },
      weight: 1,
      items: [
        {
          key: "i",
          kind: "yes_no",
          prompt: { en: "Q", zh: "问" },
          guidance: { en: "", zh: "" },
          weight: 1,
          critical: "none",
          naAllowed: false,
          evidenceOnFail: "none",
        },
      ],
    });
  });

  it("reports every broken rule by path and writes nothing", async () => {
    const doc = sampleDocument();
    const [welcome, call] = doc.sections;
    if (!welcome || !call) throw new Error("sample changed");
    const broken = structuredClone(doc) as unknown as {
      sections: Array<{ key: string; items: Array<Record<string, unknown>> }>;
    };
    const [s0, s1] = broken.sections;
    if (!s0 || !s1) throw new Error("sample changed");
    s1.key = "welcome"; // duplicate section key
    (s0.items[1] as Record<string, unknown>).critical = "audit"; // critical on a scale
    (s1.items[0] as Record<string, unknown>).pass = {}; // number without a bound
    (s1.items[1] as Record<string, unknown>).key = "greets"; // duplicate item key
    (s1.items[2] as Record<string, unknown>).evidenceOnFail = "photo"; // evidence on a text item
    // Raw: a document the checklist type does not allow.
    const problem = await expectProblem(
      await api("/api/v1/checklists", { cookie: admin, body: broken }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "sections[0].items[1].critical:not_allowed",
      "sections[1].items[0].pass:required",
      "sections[1].items[1].key:taken",
      "sections[1].items[2].evidenceOnFail:not_allowed",
      "sections[1].key:taken",
    ]);
    expect((await listChecklists(org.as.admin)).some((c) => c.name.en === doc.name.en)).toBe(false);
  });

  it("reports shape errors by path: unknown fields, wrong kinds, missing translations, bad weights", async () => {
    const broken = structuredClone(sampleDocument()) as unknown as {
      name: Record<string, unknown>;
      sections: Array<{ weight: unknown; items: Array<Record<string, unknown>> }>;
    };
    const [s0, s1] = broken.sections;
    if (!s0 || !s1) throw new Error("sample changed");
    broken.name.zh = "";
    s0.weight = -1;
    (s0.items[0] as Record<string, unknown>).colour = "red";
    (s1.items[0] as Record<string, unknown>).unit = "hours";
    // Raw: unknown fields and values the checklist type does not allow.
    const problem = await expectProblem(
      await api("/api/v1/checklists", { cookie: admin, body: broken }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "name.zh:too_small",
      "sections[0].items[0].colour:unknown_field",
      "sections[0].weight:too_small",
      "sections[1].items[0].unit:invalid_value",
    ]);
  });

  it("only admins create; other organisations never see the checklist", async () => {
    await expectProblem(await org.as.analyst.api.v1.checklists.$post({ json: sampleDocument() }), 403, "forbidden");
    const { checklist, version } = await createDraft();
    const otherAdmin = other.as.admin;
    await expectProblem(await checklistOf(otherAdmin).$get({ param: { id: checklist.id } }), 404, "not_found");
    await expectProblem(await versionOf(otherAdmin).$get({ param: { id: version.id } }), 404, "not_found");
    await expectProblem(await publish(version.id, otherAdmin), 404, "not_found");
    await expectProblem(await putDraft(version.id, version.revision, sampleDocument(), otherAdmin), 404, "not_found");
    expect((await listChecklists(otherAdmin)).some((c) => c.id === checklist.id)).toBe(false);
  });
});

describe("drafts, publishing and versions", () => {
  it("drafts are invisible to everyone but admins", async () => {
    const { checklist, version } = await createDraft();
    for (const as of [org.as.analyst, org.as.shopper, org.as.manager]) {
      await expectProblem(await versionOf(as).$get({ param: { id: version.id } }), 404, "not_found");
      await expectProblem(await checklistOf(as).$get({ param: { id: checklist.id } }), 404, "not_found");
      expect((await listChecklists(as)).some((c) => c.id === checklist.id)).toBe(false);
    }
  });

  it("a draft saves while it breaks rules, but cannot be published until fixed", async () => {
    const { version } = await createDraft();
    const doc = structuredClone(version.document);
    const item = doc.sections[0]?.items[1];
    if (!item) throw new Error("sample changed");
    item.critical = "section";
    const saved = await saveDraft(version.id, version.revision, doc);
    expect(saved.problems.map((p) => `${p.path}:${p.code}`)).toEqual(["sections[0].items[1].critical:not_allowed"]);
    const refused = await expectProblem(await publish(version.id), 400, "validation_failed");
    expect(fieldErrors(refused)).toEqual(["sections[0].items[1].critical:not_allowed"]);
    item.critical = "none";
    await saveDraft(version.id, saved.revision, doc);
    const published = await expectOk(await publish(version.id), 200);
    expect(published.status).toBe("published");
    expect(published.publishedAt).toMatch(/^\d{4}-/);
  });

  it("publishing freezes a version forever; editing starts version 2", async () => {
    const { checklist, version } = await createDraft();
    await expectOk(await publish(version.id), 200);

    const changed = structuredClone(version.document);
    changed.name.en = "Changed after publishing";
    await expectProblem(await putDraft(version.id, version.revision, changed), 409, "version_published");
    await expectProblem(await publish(version.id), 409, "version_published");
    await expectProblem(await versionOf(org.as.admin).$delete({ param: { id: version.id } }), 409, "version_published");
    const stillSame = await readVersion(version.id);
    expect(stillSame.document).toEqual(version.document);

    const startDraft = () => checklistOf(org.as.admin).drafts.$post({ param: { id: checklist.id }, json: {} });
    const draft = await expectOk(await startDraft(), 201);
    expect(draft).toMatchObject({ number: 2, status: "draft", document: version.document });
    const again = await expectOk(await startDraft(), 200);
    expect(again.id).toBe(draft.id);

    await saveDraft(draft.id, draft.revision, changed);
    const list = await readChecklist(checklist.id);
    expect(list.name.en).toBe("Changed after publishing");
    expect(list.versions.map((v) => [v.number, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
    // Readers see only the published version, unchanged.
    const forAnalyst = await readChecklist(checklist.id, org.as.analyst);
    expect(forAnalyst.versions.map((v) => v.number)).toEqual([1]);
    expect(forAnalyst.draftVersionId).toBeNull();
  });

  it("a draft keeps the checklist's channel", async () => {
    const { version } = await createDraft();
    const moved: ChecklistDocument = { ...version.document, channel: "call_centre" };
    const problem = await expectProblem(await putDraft(version.id, version.revision, moved), 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual(["document.channel:not_allowed"]);
  });

  it("a discarded draft is gone, and a checklist with no other version with it", async () => {
    const { checklist, version } = await createDraft();
    const versionRoute = versionOf(org.as.admin);
    expect((await versionRoute.$delete({ param: { id: version.id } })).status).toBe(204);
    await expectProblem(await versionRoute.$get({ param: { id: version.id } }), 404, "not_found");
    await expectProblem(await checklistOf(org.as.admin).$get({ param: { id: checklist.id } }), 404, "not_found");
  });

  it("archiving keeps a checklist readable; only admins archive", async () => {
    const { checklist, version } = await createDraft();
    await expectOk(await publish(version.id), 200);
    await expectProblem(
      await checklistOf(org.as.analyst).$patch({ param: { id: checklist.id }, json: { status: "archived" } }),
      403,
      "forbidden",
    );
    const archived = await expectOk(
      await checklistOf(org.as.admin).$patch({ param: { id: checklist.id }, json: { status: "archived" } }),
      200,
    );
    expect(archived.status).toBe("archived");
    await readVersion(version.id, org.as.shopper);
  });

  it("non-admins cannot change versions: 403 on drafts and published ones alike", async () => {
    const { version } = await createDraft();
    // A role that may never change checklists is refused before the version is looked up, so
    // a draft it cannot see and a published version answer alike (no oracle, no schema).
    await expectProblem(await publish(version.id, org.as.analyst), 403, "forbidden");
    await expectOk(await publish(version.id), 200);
    await expectProblem(
      await putDraft(version.id, version.revision, version.document, org.as.analyst),
      403,
      "forbidden",
    );
  });
});

describe("drafts in any state, and revisions", () => {
  it("an incomplete draft is stored as it is; its problems are listed and publishing refuses it", async () => {
    const { checklist, version } = await createDraft();
    expect(version.revision).toBe(1);
    const doc = structuredClone(version.document) as unknown as {
      name: { en: string; zh: string };
      sections: Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }>;
    };
    doc.name.zh = "";
    const [s0, s1] = doc.sections;
    if (!s0 || !s1) throw new Error("sample changed");
    s0.title = { en: "Welcome", zh: "  " };
    // A new item nobody has written yet, a weight the user cleared, a choice with no options.
    s0.items.push({
      key: "",
      kind: "yes_no",
      prompt: { en: "", zh: "" },
      guidance: { en: "", zh: "" },
      weight: null,
      critical: "none",
      naAllowed: false,
      evidenceOnFail: "none",
    });
    const choice = s1.items[1];
    if (!choice) throw new Error("sample changed");
    choice.options = [];
    choice.key = "not a key";

    // A draft's weights may be null, which the document type (shared with complete documents) does not say.
    const saved = await saveDraft(version.id, 1, doc as unknown as ChecklistDocument);
    expect(saved.revision).toBe(2);
    expect(saved.document.name).toEqual({ en: version.document.name.en, zh: "" });
    expect(saved.document.sections[0]?.items[2]).toMatchObject({ key: "", prompt: { en: "", zh: "" }, weight: null });
    const expected = [
      "name.zh:required",
      "sections[0].items[2].key:required",
      "sections[0].items[2].prompt.en:required",
      "sections[0].items[2].prompt.zh:required",
      "sections[0].items[2].weight:required",
      "sections[0].title.zh:required",
      "sections[1].items[1].key:invalid_format",
      "sections[1].items[1].options:required",
    ];
    expect(saved.problems.map((p) => `${p.path}:${p.code}`).sort()).toEqual(expected);

    // Another browser opening the draft sees exactly what was typed.
    const reread = await readVersion(version.id);
    expect(reread.revision).toBe(2);
    expect(reread.document).toEqual(saved.document);

    const refused = await expectProblem(await publish(version.id), 400, "validation_failed");
    expect(fieldErrors(refused)).toEqual(expected);
    const after = await readChecklist(checklist.id);
    expect(after.versions.map((v) => v.status)).toEqual(["draft"]);
  });

  it("a draft still refuses wrong types, unknown fields, control characters and over-long values, changing nothing", async () => {
    const { version } = await createDraft();
    const doc = structuredClone(version.document) as unknown as {
      name: Record<string, unknown>;
      sections: Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }>;
    };
    const [s0, s1] = doc.sections;
    if (!s0 || !s1 || !s0.items[0] || !s1.items[0]) throw new Error("sample changed");
    doc.name.en = "Bell\u0007";
    doc.name.zh = "长".repeat(121);
    s0.weight = "1";
    s0.items[0].colour = "red";
    s1.items[0].unit = "hours";
    // Raw: wrong types and unknown fields the typed client would not send.
    const problem = await expectProblem(
      await api(`/api/v1/checklist-versions/${version.id}`, {
        cookie: admin,
        method: "PUT",
        body: { revision: 1, document: doc },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "document.name.en:invalid_characters",
      "document.name.zh:too_big",
      "document.sections[0].items[0].colour:unknown_field",
      "document.sections[0].weight:invalid_type",
      "document.sections[1].items[0].unit:invalid_value",
    ]);
    // Raw: a bare document instead of { revision, document }.
    await expectProblem(
      await api(`/api/v1/checklist-versions/${version.id}`, { cookie: admin, method: "PUT", body: version.document }),
      400,
      "validation_failed",
    );
    const same = await readVersion(version.id);
    expect(same.revision).toBe(1);
    expect(same.document).toEqual(version.document);
  });

  it("a save made from an older revision gets 409 stale_version with the current revision, and changes nothing", async () => {
    const { checklist, version } = await createDraft();
    const mine = structuredClone(version.document);
    mine.name.en = `${mine.name.en} (mine)`;
    const theirs = structuredClone(version.document);
    theirs.name.en = `${theirs.name.en} (theirs)`;
    theirs.sections[0]?.items.pop();

    const first = await saveDraft(version.id, 1, theirs);
    expect(first.revision).toBe(2);
    const stale = await expectProblem(await putDraft(version.id, 1, mine), 409, "stale_version");
    expect(stale.revision).toBe(2);

    const stored = await readVersion(version.id);
    expect(stored.revision).toBe(2);
    expect(stored.document).toEqual(first.document);
    const listed = await readChecklist(checklist.id);
    expect(listed.name.en).toBe(theirs.name.en);

    // After reloading, the same change saves on top of theirs.
    const next = await saveDraft(version.id, stale.revision ?? 0, mine);
    expect(next.revision).toBe(3);
  });

  it("two saves from the same revision at once: one wins, the other is told, never both", async () => {
    const { version } = await createDraft();
    const docs = ["A", "B"].map((tag) => {
      const doc = structuredClone(version.document);
      doc.name.en = `${doc.name.en} ${tag}`;
      return doc;
    });
    const answers = await Promise.all(docs.map((document) => putDraft(version.id, 1, document)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((r) => r.status === 200);
    const stored = await readVersion(version.id);
    expect(stored.revision).toBe(2);
    expect(stored.document.name.en).toBe(docs[winner]?.name.en);
  });
});

describe("scoring preview", () => {
  const score = (as: Client, id: string, answers: ScoreAnswers) =>
    versionOf(as).score.$post({ param: { id }, json: { answers } });

  it("returns the explained score and stores nothing", async () => {
    const { version } = await createDraft();
    const result = await expectOk(
      await score(org.as.admin, version.id, [
        { item: "greets", value: true },
        { item: "warmth", value: 4 },
        { item: "rings", value: 5 },
        { item: "policy", value: "vague" },
      ]),
      200,
    );
    // welcome: (1 + 0.75) / 2 = 0.875; call: (0 + 0.5) / 2 = 0.25; overall 100 × (0.875 + 0.25) / 2
    expect(result.score).toBeCloseTo(56.25, 10);
    expect(result).toMatchObject({ criticalFailed: false, complete: true, missing: [] });
    expect(result.sections.map((s) => [s.key, s.earned, s.possible])).toEqual([
      ["welcome", 1.75, 2],
      ["call", 0.5, 2],
    ]);
    expect(result.sections[1]?.items.map((i) => i.outcome)).toEqual(["fail", "partial", "unscored"]);
    const read = await readVersion(version.id);
    expect(read.document).toEqual(version.document);
  });

  it("reports missing answers without refusing", async () => {
    const { version } = await createDraft();
    const result = await expectOk(await score(org.as.admin, version.id, [{ item: "rings", na: true }]), 200);
    expect(result).toMatchObject({ complete: false, missing: ["greets", "warmth", "policy"] });
  });

  it("names each bad answer", async () => {
    const { version } = await createDraft();
    const problem = await expectProblem(
      await score(org.as.admin, version.id, [
        { item: "nope", value: true },
        { item: "greets", value: "yes" },
        { item: "warmth", value: 9 },
        { item: "policy", value: "maybe" },
        { item: "greets", value: true },
        { item: "warmth", na: true },
      ]),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "answers[0].item:unknown_reference",
      "answers[1].value:invalid_type",
      "answers[2].value:invalid_value",
      "answers[3].value:invalid_value",
      "answers[4].item:taken",
      "answers[5].item:taken",
    ]);
  });

  it("any role of the organisation may score a published version; other organisations get 404", async () => {
    const [storeVisit] = (await listChecklists(org.as.shopper)).filter((c) => c.channel === "store");
    const id = storeVisit?.latestPublishedVersionId ?? "";
    const body = await expectOk(await score(org.as.shopper, id, []), 200);
    expect(body).toMatchObject({ complete: false, score: null });
    await expectProblem(await score(other.as.admin, id, []), 404, "not_found");
  });
});

describe("organisations made before checklists existed", () => {
  it("get the default checklists once, and nobody else gets copies", async () => {
    const database = db();
    const orgId = `org-${crypto.randomUUID()}`;
    await database.insert(organizations).values({ id: orgId, slug: orgId, nameEn: "Old Co", nameZh: "老公司" });
    const before = await database.select().from(checklists).where(eq(checklists.organizationId, org.id));
    expect(await backfillDefaultChecklists(database, Date.now())).toBeGreaterThanOrEqual(1);
    const filled = await database.select().from(checklists).where(eq(checklists.organizationId, orgId));
    expect(filled.map((c) => c.channel).sort()).toEqual(["call_centre", "store"]);
    expect(await backfillDefaultChecklists(database, Date.now())).toBe(0);
    const after = await database.select().from(checklists).where(eq(checklists.organizationId, org.id));
    expect(after.length).toBe(before.length);
  });
});
