/**
 * The shopper's draft helpers (web/areas/visits/visit-draft.ts, report-check.ts) and the outbox's transport
 * (web/lib/outbox-transport.ts): answers in and out of the form, the phone's checks before
 * sending, and how every kind of answer from the API becomes a SendResult.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkReport } from "../../web/areas/visits/report-check";
import {
  answersOf,
  asksStaff,
  entriesOf,
  itemOfProblem,
  locateItem,
  STAFF_ITEM,
  staffDescriptionOf,
} from "../../web/areas/visits/visit-draft";
import { dayChoices, fromParts, timeParts } from "../../web/areas/visits/visit-time-parts";
import { createTransport } from "../../web/lib/outbox-transport";
import type { ChecklistDocument } from "../../worker/domain/checklists";

const doc: ChecklistDocument = {
  name: { en: "Store", zh: "门店" },
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
          prompt: { en: "Greeted?", zh: "问候？" },
          guidance: { en: "", zh: "" },
          weight: 1,
          critical: "none",
          naAllowed: false,
          evidenceOnFail: "comment",
        },
        {
          key: "price",
          kind: "yes_no",
          prompt: { en: "Price right?", zh: "价格？" },
          guidance: { en: "", zh: "" },
          weight: 1,
          critical: "none",
          naAllowed: true,
          evidenceOnFail: "photo",
        },
      ],
    },
    {
      key: "closing",
      title: { en: "Closing", zh: "结束" },
      weight: 1,
      items: [
        {
          key: "rings",
          kind: "number",
          unit: "rings",
          pass: { max: 3 },
          prompt: { en: "Rings?", zh: "响铃？" },
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

const sha = "a".repeat(64);

function body(answers: ReturnType<typeof answersOf>, times = { start: "2026-11-23T10:00:00.000Z", end: "" }) {
  return {
    assignmentId: "a1",
    checklistVersionId: "v1",
    contact: "visit" as const,
    visitStartedAt: times.start,
    visitEndedAt: times.end,
    location: null,
    staffDescription: "",
    overallComment: "",
    answers,
  };
}

describe("answers between the form and the report", () => {
  it("keeps the checklist's order, trims comments and leaves out untouched items", () => {
    const answers = answersOf(doc, {
      rings: { value: 2 },
      greets: { value: false, comment: "  nobody came  " },
      price: {},
    });
    expect(answers).toEqual([
      { item: "greets", value: false, comment: "nobody came" },
      { item: "rings", value: 2 },
    ]);
  });

  it("round-trips N/A, values, comments and photos", () => {
    const answers = [
      { item: "greets", value: true, comment: "quick" },
      { item: "price", na: true, evidence: [sha] },
      { item: "rings", value: 1 },
    ];
    expect(answersOf(doc, entriesOf(answers))).toEqual(answers);
  });
});

describe("who served the shopper is asked once", () => {
  const withStaff: ChecklistDocument = {
    ...doc,
    sections: doc.sections.map((section, i) =>
      i === 1
        ? {
            ...section,
            items: [
              ...section.items,
              {
                key: STAFF_ITEM,
                kind: "text",
                prompt: { en: "Who served you?", zh: "谁接待了您？" },
                guidance: { en: "", zh: "" },
                weight: 0,
                critical: "none",
                naAllowed: false,
                evidenceOnFail: "none",
              },
            ],
          }
        : section,
    ),
  };

  it("the checklist's own text question, when it has one, stands for the review's field", () => {
    expect(asksStaff(doc)).toBe(false);
    expect(asksStaff(withStaff)).toBe(true);
    const answers = [{ item: STAFF_ITEM, value: "  Chen, grey jumper  " }];
    expect(staffDescriptionOf(withStaff, answers, "")).toBe("Chen, grey jumper");
    expect(staffDescriptionOf(withStaff, [{ item: STAFF_ITEM, value: "x".repeat(2500) }], "")).toHaveLength(2000);
    // Without the question, the review's field is the description.
    expect(staffDescriptionOf(doc, answers, "Typed on the review")).toBe("Typed on the review");
  });

  it("what was typed on the review before the field went away is kept when the item is empty", () => {
    expect(staffDescriptionOf(withStaff, [], "Typed before the update")).toBe("Typed before the update");
    expect(staffDescriptionOf(withStaff, [{ item: STAFF_ITEM, value: "  " }], "Typed")).toBe("Typed");
  });
});

describe("the phone's checks before sending", () => {
  it("asks for the end time, a comment and a photo where failures demand them", () => {
    const report = body(answersOf(doc, { greets: { value: false }, price: { value: false }, rings: { value: 5 } }));
    const problems = checkReport(doc, report);
    expect(problems.map((p) => p.path)).toEqual(["visitEndedAt", "answers[0].comment", "answers[1].evidence"]);
    expect(problems.map((p) => itemOfProblem(p, report))).toEqual([undefined, "greets", "price"]);
  });

  it("names unanswered items and passes a complete report", () => {
    const times = { start: "2026-11-23T10:00:00.000Z", end: "2026-11-23T10:20:00.000Z" };
    const partial = body(answersOf(doc, { greets: { value: true } }), times);
    expect(checkReport(doc, partial).map((p) => itemOfProblem(p, partial))).toEqual(["price", "rings"]);
    const complete = body(answersOf(doc, { greets: { value: true }, price: { na: true }, rings: { value: 3 } }), times);
    expect(checkReport(doc, complete)).toEqual([]);
  });

  it("refuses an end before the start", () => {
    const report = body([], { start: "2026-11-23T10:00:00.000Z", end: "2026-11-23T09:00:00.000Z" });
    expect(checkReport(doc, report).some((p) => p.path === "visitEndedAt" && p.code === "invalid_value")).toBe(true);
  });

  it("locates items by section and number across the checklist", () => {
    expect(locateItem(doc, "rings")).toEqual({ section: 1, number: 3 });
    expect(locateItem(doc, "nope")).toBeUndefined();
  });

  it("splits a visit time into day, hour and minute and back (this runtime's clock is UTC)", () => {
    const iso = "2026-11-23T10:15:00.000Z";
    expect(timeParts(iso)).toEqual({ day: "2026-11-23", hour: "10", minute: "15" });
    expect(fromParts(timeParts(iso))).toBe(iso);
    expect(fromParts({ day: "2026-12-04", hour: "18", minute: "21" })).toBe("2026-12-04T18:21:00.000Z");
    expect(timeParts("")).toEqual({ day: "", hour: "", minute: "" });
  });

  it("offers the days from a week ago, or the day before the window opened, to today", () => {
    expect(dayChoices("2026-12-04", "2026-12-05", "2026-12-03")).toEqual([
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
    ]);
    // A window that opened long ago reaches back to the day before it; a chosen day is always there.
    expect(dayChoices(undefined, "2026-03-01", "2026-02-20")[0]).toBe("2026-02-19");
    expect(dayChoices("2025-12-31", "2026-01-02")).toContain("2025-12-31");
    expect(dayChoices("2026-01-03", "2026-01-02").at(-1)).toBe("2026-01-03");
    expect(dayChoices(undefined, "2026-12-05", "2026-01-01")).toHaveLength(62);
  });
});

describe("the outbox's transport", () => {
  afterEach(() => vi.unstubAllGlobals());

  const photo = { sha256: sha, contentType: "image/jpeg", data: new Uint8Array([0xff, 0xd8, 0xff]), uploaded: false };
  const problem = (status: number, code: string) =>
    new Response(JSON.stringify({ code, title: "Problem", detail: `detail of ${code}` }), {
      status,
      headers: { "Content-Type": "application/problem+json" },
    });

  it("sends a photo's raw bytes with its type, and a report as JSON under its id", async () => {
    const calls: Array<{ url: string; method: string; type: string | null; body: unknown }> = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      calls.push({
        url: String(input),
        method: init?.method ?? "GET",
        type: headers.get("Content-Type"),
        body: init?.body,
      });
      return new Response(JSON.stringify({ ok: true }), {
        status: 201,
        headers: { "Content-Type": "application/json" },
      });
    });
    const transport = createTransport();
    expect(await transport.putEvidence(photo)).toEqual({ ok: true, status: 201, body: { ok: true } });
    const report = body([]);
    expect((await transport.putAudit("id-1", report)).ok).toBe(true);
    expect(calls[0]).toMatchObject({ url: `/api/v1/evidence/${sha}`, method: "PUT", type: "image/jpeg" });
    expect(calls[0]?.body).toBe(photo.data);
    expect(calls[1]).toMatchObject({ url: "/api/v1/audits/id-1", method: "PUT", type: "application/json" });
    expect(JSON.parse(String(calls[1]?.body))).toEqual(report);
  });

  it("maps problems, server errors and no answer at all", async () => {
    const transport = createTransport();
    vi.stubGlobal("fetch", async () => problem(409, "audit_conflict"));
    expect(await transport.putAudit("id-1", body([]))).toEqual({
      ok: false,
      status: 409,
      code: "audit_conflict",
      message: "detail of audit_conflict",
    });
    vi.stubGlobal("fetch", async () => new Response("<html>bad gateway</html>", { status: 502 }));
    expect(await transport.putEvidence(photo)).toMatchObject({ ok: false, status: 502, code: "internal_error" });
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await transport.putAudit("id-1", body([]))).toMatchObject({ ok: false, status: 0, code: "network_error" });
  });

  it("treats a success whose body never arrives as no answer (the outbox tries again)", async () => {
    vi.stubGlobal(
      "fetch",
      async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.error(new TypeError("connection reset"));
            },
          }),
          { status: 201, headers: { "Content-Type": "application/json" } },
        ),
    );
    expect(await createTransport().putAudit("id-1", body([]))).toMatchObject({ ok: false, status: 0 });
  });
});
