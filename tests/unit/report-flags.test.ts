/**
 * A report's flags put together (worker/domain/report-flags.ts): the organisation's thresholds
 * over the defaults, which dHash of a photo is trusted, the phone's metadata checked against the
 * report, every flag in its order, calls not judged by place, a legacy `short_visit` read as today's code.
 */
import { describe, expect, it } from "vitest";
import { currentFlag } from "../../worker/domain/audits";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { DEFAULT_FLAG_THRESHOLDS } from "../../worker/domain/quality-flags";
import {
  checkReportFacts,
  effectiveThresholds,
  printDHash,
  type ReportFacts,
  reportFlags,
} from "../../worker/domain/report-flags";
import { scoreAudit } from "../../worker/domain/scoring";
import { STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

const doc: ChecklistDocument = STORE_VISIT_TEMPLATE;

describe("effectiveThresholds", () => {
  it("overrides over the defaults; unknown keys and non-numbers ignored", () => {
    expect(effectiveThresholds({})).toEqual(DEFAULT_FLAG_THRESHOLDS);
    expect(effectiveThresholds(null)).toEqual(DEFAULT_FLAG_THRESHOLDS);
    expect(effectiveThresholds({ farFromBranchMeters: 300, nonsense: 1, photoHammingMax: "3" })).toEqual({
      ...DEFAULT_FLAG_THRESHOLDS,
      farFromBranchMeters: 300,
    });
  });
});

describe("printDHash", () => {
  const server = "0000000000000000";
  it("keeps the phone's within 5 bits of the server's; the server's beyond, or when the phone sent none", () => {
    expect(printDHash("000000000000001f", server)).toBe("000000000000001f"); // 5 bits
    expect(printDHash("000000000000003f", server)).toBe(server); // 6 bits
    expect(printDHash(null, server)).toBe(server);
    expect(printDHash("ffffffffffffffff", null)).toBe("ffffffffffffffff");
    expect(printDHash(undefined, null)).toBeNull();
  });
});

describe("checkReportFacts", () => {
  const sha = (c: string) => c.repeat(64);
  const answers = [{ item: "photo", evidence: [sha("a")] }];
  const fix = (iso: string) => ({ lat: 1, lng: 2, accuracy: 3, takenAt: iso });
  it("refuses photos outside the evidence, a photo twice, fixes out of order; takes what fits", () => {
    expect(checkReportFacts({ answers })).toEqual([]);
    const photo = { sha256: sha("a"), dHash: null, capturedAt: null };
    expect(
      checkReportFacts({ answers, photos: [photo], fixes: [fix("2026-12-03T10:00:00Z"), fix("2026-12-03T10:00:00Z")] }),
    ).toEqual([]);
    expect(
      checkReportFacts({
        answers,
        photos: [{ ...photo, sha256: sha("b") }, photo, photo],
        fixes: [fix("2026-12-03T10:01:00Z"), fix("2026-12-03T10:00:00Z")],
      }).map((p) => `${p.path}:${p.code}`),
    ).toEqual(["photos[0].sha256:unknown_reference", "photos[2].sha256:taken", "fixes[1].takenAt:invalid_value"]);
  });
});

describe("reportFlags", () => {
  const start = Date.parse("2026-12-07T02:00:00Z"); // 10:00 on a Monday in Shanghai
  const answers = doc.sections.flatMap((s) =>
    s.items.flatMap((item) =>
      item.kind === "yes_no" ? [{ item: item.key, value: true as const }] : item.kind === "photo" ? [] : [],
    ),
  );
  const base = (over: Partial<ReportFacts> = {}): ReportFacts => ({
    document: doc,
    result: scoreAudit(doc, answers),
    contact: "visit",
    visit: { startedAt: start, endedAt: start + 20 * 60_000 },
    window: { start: "2026-12-01", end: "2026-12-11", timeZone: "Asia/Shanghai" },
    branch: { lat: 31.2304, lng: 121.4737, openingHours: { mon: [["09:00", "21:00"]] } },
    checkIn: { lat: 31.2304, lng: 121.4737, accuracy: 20, takenAt: start },
    fixes: [],
    formSeconds: null,
    photos: [],
    others: [],
    comments: ["A comment"],
    thresholds: DEFAULT_FLAG_THRESHOLDS,
    ...over,
  });

  it("a clean report has none", () => {
    expect(reportFlags(base())).toEqual([]);
  });

  it("every flag at once, in the documented order", () => {
    const early = Date.parse("2026-12-06T23:00:00Z"); // 07:00 Monday there: before opening
    const fix = { lat: 31.2304, lng: 121.4837, accuracy: 10, takenAt: early };
    const photo = { sha256: "a".repeat(64), dHash: "0000000000000000", capturedAt: early - 3 * 3_600_000 };
    const flags = reportFlags(
      base({
        visit: { startedAt: early, endedAt: early + 60_000 },
        window: { start: "2026-12-08", end: "2026-12-11", timeZone: "Asia/Shanghai" },
        checkIn: fix,
        fixes: [fix, fix, fix],
        formSeconds: 1,
        photos: [photo],
        others: [{ auditId: "other", sha256: "b".repeat(64), dHash: "0000000000000003" }],
        comments: [],
      }),
    );
    expect(flags.map((f) => (f.code === "too_fast" ? `too_fast:${f.basis}` : f.code))).toEqual([
      "too_fast:visit",
      "too_fast:form",
      "outside_window",
      "outside_hours",
      "far_from_branch",
      "location_jitter",
      "photo_reused",
      "photo_time_mismatch",
      "straight_lining",
    ]);
    expect(flags.find((f) => f.code === "photo_reused")).toEqual({
      code: "photo_reused",
      sha256: "a".repeat(64),
      otherAuditId: "other",
      distance: 2,
    });
  });

  it("a call is not judged by where the phone was; the thresholds given are the ones used", () => {
    const far = { lat: 31.2304, lng: 121.4837, accuracy: 10, takenAt: start };
    expect(reportFlags(base({ contact: "phone_call", checkIn: far }))).toEqual([]);
    expect(reportFlags(base({ checkIn: far })).map((f) => f.code)).toEqual(["far_from_branch"]);
    const lenient = { ...DEFAULT_FLAG_THRESHOLDS, farFromBranchMeters: 2000 };
    expect(reportFlags(base({ checkIn: far, thresholds: lenient }))).toEqual([]);
    // Without a check-in, the first fix stands in for it.
    expect(reportFlags(base({ checkIn: null, fixes: [far] })).map((f) => f.code)).toEqual(["far_from_branch"]);
  });
});

describe("currentFlag", () => {
  it("reads an older report's short_visit as too_fast by the visit, leaves today's flags alone", () => {
    expect(currentFlag({ code: "short_visit", minutes: 3, minimumMinutes: 10 })).toEqual({
      code: "too_fast",
      basis: "visit",
      minutes: 3,
      minimumMinutes: 10,
    });
    const jitter = { code: "location_jitter" as const, identicalFixes: 4 };
    expect(currentFlag(jitter)).toBe(jitter);
  });
});
