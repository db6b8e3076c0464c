/**
 * `/api/v1/phrase-lists` and `POST /api/v1/transcripts/check`: who may read, write and check,
 * validation, the default list, trail events, matches, suggestions per checklist version, and
 * scope (another organisation's phrases are neither listed, changed nor matched).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { subjectEventsQuery } from "../../worker/data/events";
import { DEFAULT_PHRASES } from "../../worker/domain/phrases";
import { createOrganization, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors } from "./helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

const list = (o: TestOrganization = org) => o.as.admin.api.v1["phrase-lists"].$get();
const add = (
  o: TestOrganization,
  json: { locale: "en" | "zh"; pattern: string; itemKey?: string | null; better: string },
) => o.as.admin.api.v1["phrase-lists"].$post({ json });
const check = (cookie: string, json: Record<string, unknown>) =>
  api("/api/v1/transcripts/check", { cookie, body: json });

describe("phrase lists", () => {
  it("gives a new organisation the default list, in both languages", async () => {
    const { phrases } = await expectOk(await list(), 200);
    expect(phrases).toHaveLength(DEFAULT_PHRASES.length);
    expect(new Set(phrases.map((p) => p.locale))).toEqual(new Set(["en", "zh"]));
    expect(phrases.find((p) => p.pattern === "I don't know")).toMatchObject({
      itemKey: "no_i_dont_know",
      active: true,
      version: 1,
    });
  });

  it("is read by head office and managers, refused to shoppers", async () => {
    for (const who of ["analyst", "reviewer", "regional", "manager"] as const) {
      await expectOk(await org.as[who].api.v1["phrase-lists"].$get(), 200);
    }
    await expectProblem(await org.as.shopper.api.v1["phrase-lists"].$get(), 403, "forbidden");
  });

  it("lets only admins add and change phrases, before looking at the body", async () => {
    for (const who of ["analyst", "reviewer", "regional", "manager", "shopper"] as const) {
      const res = await api("/api/v1/phrase-lists", { cookie: org.people[who].cookie, body: { nonsense: true } });
      await expectProblem(res, 403, "forbidden");
      const patch = await api(`/api/v1/phrase-lists/${crypto.randomUUID()}`, {
        method: "PATCH",
        cookie: org.people[who].cookie,
        body: {},
      });
      await expectProblem(patch, 403, "forbidden");
    }
  });

  it("adds a phrase with a phrase.created event, and changes it with phrase.changed", async () => {
    const created = await expectOk(
      await add(org, { locale: "en", pattern: " Calm down ", itemKey: "stays_respectful", better: "I understand." }),
      201,
    );
    expect(created.phrase).toMatchObject({
      locale: "en",
      pattern: "Calm down",
      itemKey: "stays_respectful",
      version: 1,
    });
    const id = created.phrase.id;
    const changed = await expectOk(
      await org.as.admin.api.v1["phrase-lists"][":id"].$patch({
        param: { id },
        json: { version: 1, better: "I understand why this is frustrating.", active: false },
      }),
      200,
    );
    expect(changed.phrase).toMatchObject({
      better: "I understand why this is frustrating.",
      active: false,
      version: 2,
    });
    const trail = await subjectEventsQuery(db(), org.id, "phrase", id);
    expect(trail.map((e) => e.type)).toEqual(["phrase.created", "phrase.changed"]);
    expect(trail[1]?.payload).toEqual({
      locale: "en",
      changes: {
        better: { from: "I understand.", to: "I understand why this is frustrating." },
        active: { from: true, to: false },
      },
    });
    // A change on an old version is refused.
    const stale = await org.as.admin.api.v1["phrase-lists"][":id"].$patch({
      param: { id },
      json: { version: 1, active: true },
    });
    await expectProblem(stale, 409, "stale_version");
  });

  it("refuses bad input with field errors", async () => {
    const bad = await expectProblem(
      await api("/api/v1/phrase-lists", {
        cookie: org.people.admin.cookie,
        body: { locale: "fr", pattern: "", itemKey: "no spaces", better: "" },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(bad).map((e) => e.split(":")[0])).toEqual(["better", "itemKey", "locale", "pattern"]);
    const empty = await expectProblem(
      await add(org, { locale: "zh", pattern: "！！", better: "好" }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(empty)).toEqual(["pattern:empty_pattern"]);
    const { phrases } = await expectOk(await list(), 200);
    const target = phrases[0];
    if (!target) throw new Error("no phrase");
    const patch = await org.as.admin.api.v1["phrase-lists"][":id"].$patch({
      param: { id: target.id },
      json: { version: target.version, pattern: "..." },
    });
    expect(fieldErrors(await expectProblem(patch, 400, "validation_failed"))).toEqual(["pattern:empty_pattern"]);
  });

  it("keeps each organisation's list to itself", async () => {
    const mine = await expectOk(await add(org, { locale: "zh", pattern: "随便你", better: "我们一起想办法。" }), 201);
    const theirs = await expectOk(await list(other), 200);
    expect(theirs.phrases.map((p) => p.id)).not.toContain(mine.phrase.id);
    const patch = await other.as.admin.api.v1["phrase-lists"][":id"].$patch({
      param: { id: mine.phrase.id },
      json: { version: 1, active: false },
    });
    await expectProblem(patch, 404, "not_found");
    // Not matched in the other organisation's checks either.
    const res = await expectOk(
      await other.as.shopper.api.v1.transcripts.check.$post({ json: { text: "客服：随便你。" } }),
      200,
    );
    expect(res.matches).toEqual([]);
  });
});

describe("transcript check", () => {
  const transcript = "Agent: To be honest, we can’t do that.\nCustomer: Why?\nAgent: No!\n客服：我不知道。";

  it("finds the phrases with offsets, better wordings and item keys", async () => {
    const body = await expectOk(
      await org.as.shopper.api.v1.transcripts.check.$post({ json: { text: transcript } }),
      200,
    );
    expect(body.matches.map((m) => [m.text, m.itemKey, transcript.slice(m.start, m.end)])).toEqual([
      ["To be honest", "no_insincere_phrases", "To be honest"],
      ["we can’t do that", "no_we_cant", "we can’t do that"],
      ["No", "no_flat_refusal", "No"],
      ["我不知道", "no_i_dont_know", "我不知道"],
    ]);
    expect(body.matches[1]).toMatchObject({
      locale: "en",
      pattern: "we can't do that",
      better: "Let me see what I can do.",
    });
    expect(body.suggestions).toEqual([
      { itemKey: "no_insincere_phrases", matches: 1 },
      { itemKey: "no_we_cant", matches: 1 },
      { itemKey: "no_flat_refusal", matches: 1 },
      { itemKey: "no_i_dont_know", matches: 1 },
    ]);
  });

  it("checks one language when asked, and skips inactive phrases", async () => {
    const zh = await expectOk(
      await org.as.reviewer.api.v1.transcripts.check.$post({ json: { text: transcript, locale: "zh" } }),
      200,
    );
    expect(zh.matches.map((m) => m.text)).toEqual(["我不知道"]);
    const created = await expectOk(await add(org, { locale: "en", pattern: "whatever", better: "Let me help." }), 201);
    const before = await expectOk(
      await org.as.manager.api.v1.transcripts.check.$post({ json: { text: "Agent: Whatever." } }),
      200,
    );
    expect(before.matches.map((m) => m.phraseId)).toEqual([created.phrase.id]);
    await expectOk(
      await org.as.admin.api.v1["phrase-lists"][":id"].$patch({
        param: { id: created.phrase.id },
        json: { version: 1, active: false },
      }),
      200,
    );
    const after = await expectOk(
      await org.as.manager.api.v1.transcripts.check.$post({ json: { text: "Agent: Whatever." } }),
      200,
    );
    expect(after.matches).toEqual([]);
  });

  it("suggests only items of the given checklist version", async () => {
    const text = "I'll be right back. I don't know.";
    const none = await expectOk(await org.as.shopper.api.v1.transcripts.check.$post({ json: { text } }), 200);
    expect(none.suggestions.map((s) => s.itemKey)).toEqual(["no_be_right_back", "no_i_dont_know"]);
    // The call checklist has no "be right back" item: the match stays, the suggestion goes.
    const call = await expectOk(
      await org.as.shopper.api.v1.transcripts.check.$post({ json: { text, checklistVersionId: org.versionIds.call } }),
      200,
    );
    expect(call.matches).toHaveLength(2);
    expect(call.suggestions).toEqual([{ itemKey: "no_i_dont_know", matches: 1 }]);
    // Another organisation's version is not there.
    const foreign = await expectProblem(
      await check(org.people.shopper.cookie, { text, checklistVersionId: other.versionIds.call }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(foreign)).toEqual(["checklistVersionId:unknown_reference"]);
  });

  it("takes a full-length Chinese transcript (50,000 characters, 150 KB)", async () => {
    const text = `${"您好，请问有什么可以帮您？".repeat(3_846)}我不知道`.slice(-50_000);
    expect(text).toHaveLength(50_000);
    const body = await expectOk(await org.as.shopper.api.v1.transcripts.check.$post({ json: { text } }), 200);
    expect(body.matches.map((m) => [m.text, m.start])).toEqual([["我不知道", 49_996]]);
  });

  it("is open to analysts (a phone complaint's transcript), and refuses empty, oversized or control-character text", async () => {
    expect((await check(org.people.analyst.cookie, { text: "x" })).status).toBe(200);
    for (const text of ["   ", "a".repeat(50_001), "a\u0000b"]) {
      await expectProblem(await check(org.people.shopper.cookie, { text }), 400, "validation_failed");
    }
    const locale = await expectProblem(
      await check(org.people.shopper.cookie, { text: "hi", locale: "fr", extra: 1 }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(locale).map((e) => e.split(":")[0])).toEqual(["extra", "locale"]);
  });
});
