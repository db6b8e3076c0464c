/** Presenters: rows become exactly the API's shapes, and nothing internal leaves the Worker. */
import { describe, expect, it } from "vitest";
import type { ActionRow } from "../../worker/data/actions";
import type { AssignmentRow } from "../../worker/data/assignments";
import type { FullAudit } from "../../worker/data/audits";
import type { BranchRow } from "../../worker/data/branches";
import type { ChecklistRow, VersionRow, VersionSummary } from "../../worker/data/checklists";
import type { DisputeRecord } from "../../worker/data/disputes";
import type { RegionRow } from "../../worker/data/regions";
import type { MemberRow } from "../../worker/data/users";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import type { Period } from "../../worker/domain/periods";
import { EMPTY_SCORES, scoreFigure } from "../../worker/domain/scorecards";
import type { ScoreResult } from "../../worker/domain/scoring";
import { CsvNumber } from "../../worker/lib/csv";
import {
  type AssignmentBody,
  type AuditBody,
  type BranchBody,
  type ChecklistBody,
  type DisputeBody,
  invitationUrl,
  type MemberBody,
  presentAssignment,
  presentAudit,
  presentBranch,
  presentChecklist,
  presentDispute,
  presentMember,
  presentRegion,
  presentVersion,
  presentVersionSummary,
  type RegionBody,
  type VersionBody,
} from "../../worker/presenters";
import { type ActionBody, presentAction, presentActionHistory } from "../../worker/presenters/actions";
import { AUDIT_COLUMNS, auditCells, ITEM_COLUMNS, itemCells } from "../../worker/presenters/exports";
import { presentMailStatus, presentNotification } from "../../worker/presenters/notifications";
import {
  type CatalogItemBody,
  type PeriodBody,
  presentCatalogItem,
  presentChange,
  presentName,
  presentPeriod,
  presentPoint,
  presentRate,
  presentScore,
  type ScoreBody,
} from "../../worker/presenters/scorecards";

const row: MemberRow = {
  id: "membership-1",
  userId: "user-from-elsewhere",
  email: "li@example.com",
  displayName: "Li (typed by the admin)",
  locale: "zh",
  membershipId: "membership-1",
  role: "branch_manager",
  status: "invited",
  acceptedAt: null,
  regionIds: [],
  branchIds: ["b1"],
  version: 1,
  createdAt: Date.UTC(2026, 11, 4, 10, 30),
};

describe("presentMember", () => {
  it("shows the member as the organisation knows them, with ISO times", () => {
    const body: MemberBody = presentMember(row);
    expect(body).toEqual({
      id: "membership-1",
      email: "li@example.com",
      displayName: "Li (typed by the admin)",
      locale: "zh",
      role: "branch_manager",
      status: "invited",
      regionIds: [],
      branchIds: ["b1"],
      version: 1,
      createdAt: "2026-12-04T10:30:00.000Z",
    });
  });

  it("never lets the person's user id, membership id or acceptance time out", () => {
    const text = JSON.stringify(presentMember(row));
    expect(text).not.toContain("user-from-elsewhere");
    const keys = Object.keys(presentMember(row));
    for (const internal of ["userId", "membershipId", "acceptedAt"]) expect(keys).not.toContain(internal);
  });
});

/** 2026-12-04 10:30 UTC and an hour later: every time below is one of these. */
const T1 = Date.UTC(2026, 11, 4, 10, 30);
const T2 = T1 + 3_600_000;
const ISO1 = "2026-12-04T10:30:00.000Z";
const ISO2 = "2026-12-04T11:30:00.000Z";

describe("presentRegion / presentBranch", () => {
  it("a region: names as { en, zh }, its branch count, ISO times", () => {
    const row: RegionRow = {
      id: "r1",
      organizationId: "org-1",
      code: "N",
      nameEn: "North",
      nameZh: "北区",
      branchCount: 3,
      createdAt: T1,
      updatedAt: T2,
      version: 2,
    };
    const body: RegionBody = presentRegion(row);
    expect(body).toEqual({
      id: "r1",
      code: "N",
      name: { en: "North", zh: "北区" },
      branchCount: 3,
      createdAt: ISO1,
      updatedAt: ISO2,
      version: 2,
    });
  });

  it("a branch: its region as a label, its place and hours, no organisation id", () => {
    const row: BranchRow = {
      id: "b1",
      organizationId: "org-1",
      regionId: "r1",
      code: "WFJ",
      nameEn: "Wangfujing",
      nameZh: "王府井",
      channel: "store",
      address: "1 Wangfujing St",
      phone: "+86 10 1234",
      timezone: "Asia/Shanghai",
      city: "Beijing",
      latitude: 39.9139,
      longitude: 116.4109,
      // Inside a D1 batch the JSON column arrives as text.
      openingHours: '{"mon":[["09:00","21:00"]]}' as unknown as BranchRow["openingHours"],
      active: false,
      createdAt: T1,
      updatedAt: T2,
      version: 3,
      region: { id: "r1", code: "N", nameEn: "North", nameZh: "北区" },
    };
    const body: BranchBody = presentBranch(row);
    expect(body).toEqual({
      id: "b1",
      code: "WFJ",
      name: { en: "Wangfujing", zh: "王府井" },
      channel: "store",
      region: { id: "r1", code: "N", name: { en: "North", zh: "北区" } },
      address: "1 Wangfujing St",
      phone: "+86 10 1234",
      timezone: "Asia/Shanghai",
      city: "Beijing",
      latitude: 39.9139,
      longitude: 116.4109,
      openingHours: { mon: [["09:00", "21:00"]] },
      active: false,
      createdAt: ISO1,
      updatedAt: ISO2,
      version: 3,
    });
  });
});

const DOC: ChecklistDocument = {
  name: { en: "Store visit", zh: "门店走访" },
  channel: "store",
  sections: [
    {
      key: "welcome",
      title: { en: "Welcome", zh: "迎宾" },
      weight: 1,
      items: [
        {
          key: "greeted",
          kind: "yes_no",
          prompt: { en: "Greeted?", zh: "有问候吗？" },
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

describe("checklists and versions", () => {
  const summary = (id: string, number: number, status: "draft" | "published"): VersionSummary => ({
    id,
    checklistId: "c1",
    organizationId: "org-1",
    number,
    status,
    createdBy: "u1",
    createdAt: T1,
    updatedAt: T2,
    publishedAt: status === "published" ? T2 : null,
    publishedBy: status === "published" ? "u1" : null,
    revision: 1,
  });

  it("a version summary: no organisation, author or revision", () => {
    expect(presentVersionSummary(summary("v1", 1, "published"))).toEqual({
      id: "v1",
      number: 1,
      status: "published",
      createdAt: ISO1,
      updatedAt: ISO2,
      publishedAt: ISO2,
    });
  });

  it("a checklist names its newest published version and its draft", () => {
    const row: ChecklistRow & { versions: VersionSummary[] } = {
      id: "c1",
      organizationId: "org-1",
      nameEn: "Store visit",
      nameZh: "门店走访",
      channel: "store",
      status: "active",
      createdBy: "u1",
      createdAt: T1,
      updatedAt: T2,
      versions: [summary("v3", 3, "draft"), summary("v2", 2, "published"), summary("v1", 1, "published")],
    };
    const body: ChecklistBody = presentChecklist(row);
    expect(body).toEqual({
      id: "c1",
      name: { en: "Store visit", zh: "门店走访" },
      channel: "store",
      status: "active",
      createdAt: ISO1,
      updatedAt: ISO2,
      versions: [
        { id: "v3", number: 3, status: "draft", createdAt: ISO1, updatedAt: ISO2, publishedAt: null },
        { id: "v2", number: 2, status: "published", createdAt: ISO1, updatedAt: ISO2, publishedAt: ISO2 },
        { id: "v1", number: 1, status: "published", createdAt: ISO1, updatedAt: ISO2, publishedAt: ISO2 },
      ],
      latestPublishedVersionId: "v2",
      draftVersionId: "v3",
    });
  });

  it("a version carries its document and revision; a draft its problems", () => {
    const row: VersionRow = { ...summary("v3", 3, "draft"), revision: 4, document: DOC };
    const body: VersionBody = presentVersion(row);
    expect(body).toEqual({
      id: "v3",
      number: 3,
      status: "draft",
      createdAt: ISO1,
      updatedAt: ISO2,
      publishedAt: null,
      checklistId: "c1",
      revision: 4,
      document: DOC,
      problems: [],
    });
    const broken = presentVersion({ ...row, document: { ...DOC, sections: [] } });
    expect(broken.problems.length).toBeGreaterThan(0);
    expect(presentVersion({ ...row, status: "published", document: { ...DOC, sections: [] } }).problems).toEqual([]);
  });
});

describe("presentAssignment", () => {
  const row: AssignmentRow = {
    id: "a1",
    status: "submitted",
    windowStart: "2026-12-01",
    windowEnd: "2026-12-07",
    scenario: "Ask about a phone upgrade.",
    scenarioZh: "咨询手机升级。",
    createdAt: T1,
    updatedAt: T2,
    shopperId: "s1",
    shopperName: "Wang Fang",
    checklistVersionId: "v2",
    checklistId: "c1",
    checklistNameEn: "Store visit",
    checklistNameZh: "门店走访",
    versionNumber: 2,
    branch: {
      id: "b1",
      code: "WFJ",
      nameEn: "Wangfujing",
      nameZh: "王府井",
      channel: "store",
      address: "1 Wangfujing St",
      phone: "+86 10 1234",
      timezone: "Asia/Shanghai",
      regionId: "r1",
    },
    auditId: "au1",
    auditStatus: "published",
    submittedAt: T2,
    late: true,
    score: 87.5,
    criticalFailed: false,
  };
  const expected: AssignmentBody = {
    id: "a1",
    status: "submitted",
    windowStart: "2026-12-01",
    windowEnd: "2026-12-07",
    scenario: "Ask about a phone upgrade.",
    scenarioZh: "咨询手机升级。",
    createdAt: ISO1,
    branch: {
      id: "b1",
      code: "WFJ",
      name: { en: "Wangfujing", zh: "王府井" },
      channel: "store",
      address: "1 Wangfujing St",
      phone: "+86 10 1234",
      timezone: "Asia/Shanghai",
    },
    checklist: { id: "c1", versionId: "v2", versionNumber: 2, name: { en: "Store visit", zh: "门店走访" } },
    shopper: { id: "s1", displayName: "Wang Fang" },
    audit: { id: "au1", submittedAt: ISO2, late: true, score: 87.5, criticalFailed: false, status: "published" },
    recheck: [],
  };

  it("head office sees the shopper and the report's summary", () => {
    expect(presentAssignment(row, { shopper: true })).toEqual(expected);
  });

  it("re-checks go with open visits only", () => {
    expect(presentAssignment(row, { shopper: true }, ["greets"]).recheck).toEqual([]);
    expect(presentAssignment({ ...row, status: "open" }, { shopper: false }, ["greets"]).recheck).toEqual(["greets"]);
  });

  it("the shopper's own list leaves the shopper out; an open visit has no report", () => {
    const open = { ...row, status: "open" as const, auditId: null, submittedAt: null, late: null, score: null };
    expect(presentAssignment({ ...open, criticalFailed: null }, { shopper: false })).toEqual({
      ...expected,
      status: "open",
      shopper: null,
      audit: null,
    });
  });
});

describe("presentAudit", () => {
  const result: ScoreResult = {
    score: 50,
    criticalFailed: false,
    criticalItem: null,
    complete: true,
    missing: [],
    sections: [],
  };
  const full: FullAudit = {
    audit: {
      id: "au1",
      organizationId: "org-1",
      assignmentId: "a1",
      branchId: "b1",
      checklistVersionId: "v2",
      shopperId: "s1",
      status: "published",
      contact: "visit",
      visitStartedAt: T1,
      visitEndedAt: T2,
      visitMonth: "2026-12",
      locationLat: 39.9,
      locationLng: 116.4,
      locationAccuracy: null,
      locationTakenAt: null,
      staffDescription: "Tall, blue shirt",
      overallComment: "Fine",
      staffName: null,
      fixesErasedAt: null,
      photosErasedAt: null,
      deidentifiedAt: null,
      score: 50,
      criticalFailed: false,
      scoreResult: result,
      late: false,
      flags: [{ code: "short_visit", minutes: 3, minimumMinutes: 10 }],
      formSeconds: null,
      fixes: [],
      contentHash: "hash",
      submittedAt: T2,
      publishedAt: T2,
      version: 3,
      claimedBy: null,
      claimedAt: null,
      reviewedBy: "r1",
      rejectionReason: "",
      submittedScore: 50,
      receipt: { reportId: "au1", contentHash: "c", seq: 7, chainHash: "h", signature: "s", keyId: "k" },
    },
    messages: [
      {
        id: "m2",
        organizationId: "org-1",
        auditId: "au1",
        kind: "reply",
        questionId: "m1",
        itemKey: null,
        text: "He said nothing at all.",
        authorId: "s1",
        clientId: "c1:0",
        createdAt: T2,
      },
      {
        id: "m1",
        organizationId: "org-1",
        auditId: "au1",
        kind: "question",
        questionId: null,
        itemKey: "alpha",
        text: "What did he say?",
        authorId: "r1",
        clientId: null,
        createdAt: T1,
      },
    ],
    disputes: [],
    disputeWindowDays: 7,
    staffNames: "role_only",
    // Out of order on purpose: the answers come sorted by key, their photos by hash.
    answers: [
      { auditId: "au1", itemKey: "zeta", value: null, na: true, comment: "", ruling: null },
      { auditId: "au1", itemKey: "alpha", value: false, na: false, comment: "No greeting", ruling: null },
    ],
    evidence: [
      {
        auditId: "au1",
        itemKey: "alpha",
        sha256: "bb",
        objectKey: "k2",
        contentType: "image/png",
        byteSize: 20,
        capturedAt: T1,
      },
      {
        auditId: "au1",
        itemKey: "alpha",
        sha256: "aa",
        objectKey: "k1",
        contentType: "image/jpeg",
        byteSize: 10,
        capturedAt: T1,
      },
    ],
    regionId: "r1",
  };
  const answers = [
    {
      item: "alpha",
      value: false,
      comment: "No greeting",
      evidence: [
        { sha256: "aa", contentType: "image/jpeg", byteSize: 10, url: "/api/v1/evidence/aa" },
        { sha256: "bb", contentType: "image/png", byteSize: 20, url: "/api/v1/evidence/bb" },
      ],
    },
    { item: "zeta", na: true, comment: "", evidence: [] },
  ];

  it("head office sees everything: shopper, location, assignment, flags", () => {
    const body: AuditBody = presentAudit(full, { shopper: true, assignment: true, flags: true, review: true });
    expect(body).toEqual({
      id: "au1",
      status: "published",
      version: 3,
      claimedBy: null,
      questions: [{ id: "m1", itemKey: "alpha", text: "What did he say?", createdAt: ISO1 }],
      replies: [{ id: "m2", questionId: "m1", text: "He said nothing at all.", createdAt: ISO2 }],
      rejectionReason: "",
      receipt: { reportId: "au1", contentHash: "c", seq: 7, chainHash: "h", signature: "s", keyId: "k" },
      assignmentId: "a1",
      branchId: "b1",
      checklistVersionId: "v2",
      shopperId: "s1",
      contact: "visit",
      visitStartedAt: ISO1,
      visitEndedAt: ISO2,
      // Accuracy and time default to 0 and the visit's start when the phone sent none.
      location: { lat: 39.9, lng: 116.4, accuracy: 0, takenAt: ISO1 },
      staffDescription: "Tall, blue shirt",
      staffName: null,
      fixesErasedAt: null,
      photosErasedAt: null,
      deidentifiedAt: null,
      overallComment: "Fine",
      score: 50,
      criticalFailed: false,
      late: false,
      // Stored as `short_visit` before issue 16: read as today's `too_fast` by the visit.
      flags: [{ code: "too_fast", basis: "visit", minutes: 3, minimumMinutes: 10 }],
      submittedAt: ISO2,
      publishedAt: ISO2,
      result,
      answers,
      disputes: [],
      dispute: null,
    });
  });

  it("a branch manager sees neither the shopper, their location, the assignment nor the flags", () => {
    const body = presentAudit(full, { shopper: false, assignment: false, flags: false, review: false });
    expect(body).toMatchObject({ shopperId: null, location: null, answers });
    for (const hidden of ["assignmentId", "flags", "claimedBy", "questions", "replies", "rejectionReason"]) {
      expect(Object.keys(body)).not.toContain(hidden);
    }
    expect(JSON.stringify(body)).not.toContain("s1");
  });

  it("says when retention erased the fixes, the photos and the personal details, to every reader", () => {
    const erased = {
      ...full,
      audit: { ...full.audit, fixesErasedAt: Date.parse(ISO1), photosErasedAt: null, deidentifiedAt: Date.parse(ISO2) },
    };
    const body = presentAudit(erased, { shopper: false, assignment: false, flags: false, review: false });
    expect(body).toMatchObject({ fixesErasedAt: ISO1, photosErasedAt: null, deidentifiedAt: ISO2 });
  });
});

describe("presentDispute", () => {
  const DAY = 86_400_000;
  const T0 = Date.parse("2026-03-01T02:00:00Z");
  const record: DisputeRecord = {
    id: "d1",
    organizationId: "org-1",
    auditId: "au1",
    branchId: "b1",
    shopperId: "s1",
    status: "decided",
    raisedBy: "m1",
    raisedAt: T0 + DAY,
    decidedBy: "r1",
    decidedAt: T0 + 2 * DAY,
    reportOutcome: "reshop",
    reshopAssignmentId: "as9",
    scoreBefore: 37.5,
    scoreAfter: 50,
    version: 2,
    regionId: "r-north",
    branchCode: "NO-001",
    branchNameEn: "Wangfujing",
    branchNameZh: "王府井店",
    branchTimezone: "Asia/Shanghai",
    checklistId: "c1",
    checklistNameEn: "Store visit",
    checklistNameZh: "门店走访",
    publishedAt: T0,
    // 01:30 on 28 February in Beijing: the visit's day is the branch's, not UTC's (27 February).
    visitStartedAt: Date.parse("2026-02-27T17:30:00Z"),
    reviewedBy: "r1",
    windowDays: 7,
    raiserName: "Li Na",
    deciderName: "Rui Reviewer",
    items: [
      {
        itemKey: "a2",
        reason: "The camera shows it.",
        evidence: "ab".repeat(32),
        outcome: "overturned",
        decisionReason: "Seen.",
      },
      { itemKey: "b2", reason: "Not our fault.", evidence: null, outcome: "upheld", decisionReason: "As judged." },
    ],
  };

  it("head office's arbiters see the decision and its people but not who raised it (blind)", () => {
    const body: DisputeBody = presentDispute(record, {
      raiser: false,
      decider: true,
      evidence: true,
      raise: false,
      arbiter: "a1",
    });
    expect(body).toEqual({
      id: "d1",
      auditId: "au1",
      visitDate: "2026-02-28",
      status: "decided",
      version: 2,
      branch: { id: "b1", code: "NO-001", name: { en: "Wangfujing", zh: "王府井店" } },
      checklist: { id: "c1", name: { en: "Store visit", zh: "门店走访" } },
      raisedAt: "2026-03-02T02:00:00.000Z",
      raisedBy: null,
      decidedAt: "2026-03-03T02:00:00.000Z",
      decidedBy: { name: "Rui Reviewer" },
      reportOutcome: "reshop",
      arbitration: { mayDecide: false, conflictOfInterest: false },
      reshopAssignmentId: "as9",
      score: { before: 37.5, after: 50 },
      windowEndsAt: "2026-03-08T02:00:00.000Z",
      items: [
        {
          itemKey: "a2",
          reason: "The camera shows it.",
          evidence: { sha256: "ab".repeat(32), url: `/api/v1/disputes/d1/evidence/${"ab".repeat(32)}` },
          outcome: "overturned",
          decisionReason: "Seen.",
        },
        { itemKey: "b2", reason: "Not our fault.", evidence: null, outcome: "upheld", decisionReason: "As judged." },
      ],
    });
  });

  it("branch staff see who raised it, never head office's people or the new visit; the shopper sees no names", () => {
    const manager = presentDispute(record, {
      raiser: true,
      decider: false,
      evidence: true,
      raise: true,
      arbiter: null,
    });
    expect(manager).toMatchObject({ raisedBy: { name: "Li Na" }, decidedBy: null, reshopAssignmentId: null });
    const shopper = presentDispute(record, {
      raiser: false,
      decider: false,
      evidence: false,
      raise: false,
      arbiter: null,
    });
    expect(shopper).toMatchObject({ raisedBy: null, decidedBy: null, reshopAssignmentId: null });
    expect(shopper.items.map((i) => [i.outcome, i.decisionReason, i.evidence])).toEqual([
      ["overturned", "Seen.", null],
      ["upheld", "As judged.", null],
    ]);
    expect(JSON.stringify(shopper)).not.toMatch(/Li Na|Rui Reviewer/);
  });

  it("an open dispute shows no scores yet", () => {
    const open = presentDispute(
      {
        ...record,
        status: "open",
        decidedAt: null,
        decidedBy: null,
        deciderName: null,
        scoreBefore: null,
        scoreAfter: null,
        reportOutcome: null,
        reshopAssignmentId: null,
      },
      { raiser: false, decider: true, evidence: true, raise: false, arbiter: null },
    );
    expect(open).toMatchObject({
      status: "open",
      decidedAt: null,
      decidedBy: null,
      score: { before: null, after: null },
      arbitration: null,
    });
    // An arbiter learns before filling anything in whether they may decide it: not the report's reviewer.
    const view = { raiser: false, decider: true, evidence: true, raise: false };
    const openRecord = { ...record, status: "open" as const, decidedAt: null, decidedBy: null, deciderName: null };
    expect(presentDispute(openRecord, { ...view, arbiter: "a1" }).arbitration).toEqual({
      mayDecide: true,
      conflictOfInterest: false,
    });
    expect(presentDispute(openRecord, { ...view, arbiter: "r1" }).arbitration).toEqual({
      mayDecide: false,
      conflictOfInterest: true,
    });
  });
});

describe("invitationUrl", () => {
  it("is the invite page on the request's own origin", () => {
    expect(invitationUrl("https://courtesy.example/api/v1/users?x=1", "tok_123")).toBe(
      "https://courtesy.example/invite/tok_123",
    );
  });
});

describe("scorecard presenters", () => {
  it("presentPeriod keeps the period's public fields", () => {
    const period: Period = {
      from: "2026-10-01",
      to: "2026-12-04",
      fromMonth: "2026-10",
      toMonth: "2026-12",
      months: ["2026-10", "2026-11", "2026-12"],
      previous: { fromMonth: "2026-07", toMonth: "2026-09" },
      asOf: "2026-12-04",
      partialMonth: "2026-12",
    };
    const body: PeriodBody = presentPeriod(period);
    // Every field of a period is public: the body is the period, field for field.
    expect(body).toEqual(period);
  });

  it("presentScore rounds points to 2 decimals and the critical rate to 4", () => {
    const body: ScoreBody = presentScore({
      audits: 3,
      n: 3,
      mean: 71.23456,
      sd: 4.56789,
      low: 60.005,
      high: 82.4449,
      insufficient: false,
      criticalFailed: 1,
      criticalRate: 1 / 3,
    });
    expect(body).toEqual({
      audits: 3,
      n: 3,
      mean: 71.23,
      sd: 4.57,
      low: 60.01,
      high: 82.44,
      insufficient: false,
      criticalFailed: 1,
      criticalRate: 0.3333,
    });
  });

  it("presentScore of nothing: nulls, not zeros", () => {
    expect(presentScore(scoreFigure(EMPTY_SCORES))).toMatchObject({ audits: 0, n: 0, mean: null, criticalRate: null });
  });

  it("presentRate rounds to 4 decimals", () => {
    expect(presentRate({ passes: 2, fails: 1, nas: 4, rate: 2 / 3, low: 0.20765, high: 0.93851 })).toEqual({
      passes: 2,
      fails: 1,
      nas: 4,
      rate: 0.6667,
      low: 0.2077,
      high: 0.9385,
    });
  });

  it("presentCatalogItem: keyed in its checklist; no section for an item no version names", () => {
    const item = {
      checklistId: "c1",
      key: "greeted",
      prompt: { en: "Greeted?", zh: "有问候吗？" },
      sectionKey: "welcome",
      sectionTitle: { en: "Welcome", zh: "迎宾" },
      critical: true,
      order: 3,
    };
    const body: CatalogItemBody = presentCatalogItem(item);
    expect(body).toEqual({
      id: "c1:greeted",
      checklistId: "c1",
      key: "greeted",
      prompt: { en: "Greeted?", zh: "有问候吗？" },
      section: { key: "welcome", title: { en: "Welcome", zh: "迎宾" } },
      critical: true,
    });
    expect(presentCatalogItem({ ...item, known: false }).section).toBeNull();
  });

  it("presentPoint, presentChange and presentName", () => {
    const now = { ...scoreFigure(EMPTY_SCORES), n: 4, mean: 80.126, low: 70.001, high: 90.555 };
    const before = { ...scoreFigure(EMPTY_SCORES), n: 2, mean: 75.5 };
    expect(presentPoint(now)).toEqual({ n: 4, mean: 80.13, low: 70, high: 90.56 });
    expect(presentChange(now, before)).toEqual({ previous: { n: 2, mean: 75.5 }, change: 4.63 });
    expect(presentChange(now, scoreFigure(EMPTY_SCORES))).toEqual({ previous: { n: 0, mean: null }, change: null });
    expect(presentName({ id: "b1", code: "WFJ", nameEn: "Wangfujing", nameZh: "王府井" })).toEqual({
      id: "b1",
      code: "WFJ",
      name: { en: "Wangfujing", zh: "王府井" },
    });
  });
});

describe("CSV export rows", () => {
  it("auditCells: one cell per AUDIT_COLUMNS, the score as a 2-decimal number", () => {
    const cells = auditCells({
      id: "au1",
      visitStartedAt: T1,
      visitMonth: "2026-12",
      branchCode: "WFJ",
      branchNameEn: "Wangfujing",
      branchNameZh: "王府井",
      regionCode: "N",
      regionNameEn: "North",
      regionNameZh: "北区",
      checklistNameEn: "Store visit",
      checklistNameZh: "门店走访",
      versionNumber: 2,
      contact: "visit",
      score: 87.456,
      criticalFailed: false,
      late: true,
      overallComment: "Fine",
      staffDescription: "Blue shirt",
      staffName: "Jane van Smith",
      staffNames: "initials",
    });
    expect(cells).toEqual([
      "au1",
      ISO1,
      "2026-12",
      "WFJ",
      "Wangfujing",
      "王府井",
      "N",
      "North",
      "北区",
      "Store visit",
      "门店走访",
      2,
      "visit",
      new CsvNumber("87.46"),
      false,
      true,
      "Fine",
      "Blue shirt",
      "J. v. S.",
    ]);
    expect(cells).toHaveLength(AUDIT_COLUMNS.length);
  });

  it("itemCells: one row per item in document order, outcome from the stored result, missing when it has none", () => {
    const [section] = DOC.sections;
    if (!section) throw new Error("DOC has a section");
    const [greeted] = section.items;
    if (!greeted) throw new Error("DOC has an item");
    const doc: ChecklistDocument = {
      ...DOC,
      sections: [
        { ...section, items: [greeted, { ...greeted, key: "smiled", prompt: { en: "Smiled?", zh: "微笑了吗？" } }] },
      ],
    };
    const stored = {
      ...{ score: 0, criticalFailed: false, criticalItem: null, complete: true, missing: [] },
      sections: [
        {
          key: "welcome",
          weight: 1,
          earned: 0,
          possible: 1,
          ratio: 0,
          included: true,
          zeroedBy: null,
          items: [
            { key: "greeted", kind: "yes_no", outcome: "fail", ratio: 0, weight: 1, counted: true, rule: "yes_no" },
          ],
        },
      ],
    };
    const rows = itemCells(
      {
        id: "au1",
        visitStartedAt: T1,
        visitMonth: "2026-12",
        branchCode: "WFJ",
        regionCode: "N",
        checklistNameEn: "Store visit",
        checklistVersionId: "v2",
        scoreResult: JSON.stringify(stored),
      },
      doc,
      {
        answers: new Map([
          [
            "au1",
            new Map([["greeted", { auditId: "au1", itemKey: "greeted", value: false, na: false, comment: "No" }]]),
          ],
        ]),
        photos: new Map([["au1 greeted", 2]]),
        documents: new Map(),
      },
    );
    const common = ["au1", ISO1, "WFJ", "N", "Store visit", "welcome", "Welcome"];
    expect(rows).toEqual([
      [...common, "greeted", "Greeted?", "有问候吗？", "fail", false, false, "No", 2],
      [...common, "smiled", "Smiled?", "微笑了吗？", "missing", undefined, false, "", 0],
    ]);
    for (const row of rows) expect(row).toHaveLength(ITEM_COLUMNS.length);
  });
});

describe("presentAction", () => {
  const row: ActionRow = {
    id: "ac1",
    organizationId: "org-1",
    version: 3,
    status: "open",
    automatic: false,
    branchId: "b1",
    branchCode: "WFJ",
    branchNameEn: "Wangfujing",
    branchNameZh: "王府井",
    regionId: "r1",
    timezone: "Asia/Shanghai",
    auditId: "au1",
    // 00:10 on 2 December in Beijing (16:10 on the 1st in UTC): the visit's day in the branch's calendar.
    visitStartedAt: Date.parse("2026-12-01T16:10:00Z"),
    checklistId: "c1",
    checklistNameEn: "Store visit",
    checklistNameZh: "门店走访",
    title: "Greet within 10 seconds",
    items: [{ itemKey: "greeted", label: { en: "Greeted?", zh: "有问候吗？" } }],
    ownerUserId: "u1",
    ownerName: "",
    ownerMemberName: "Li Na",
    dueDate: "2026-12-05",
    doneNote: "",
    doneEvidenceSha256: null,
    doneAt: null,
    returnReason: "",
    verifiedBy: null,
    verifiedByName: null,
    closedAt: null,
    recurrences: 1,
    createdBy: "u2",
    createdAt: T1,
    updatedAt: T2,
  };
  const expected: ActionBody = {
    id: "ac1",
    version: 3,
    status: "open",
    overdue: true,
    automatic: false,
    branch: { id: "b1", code: "WFJ", name: { en: "Wangfujing", zh: "王府井" } },
    regionId: "r1",
    auditId: "au1",
    visitDate: "2026-12-02",
    checklist: { id: "c1", name: { en: "Store visit", zh: "门店走访" } },
    title: "Greet within 10 seconds",
    items: [{ itemKey: "greeted", label: { en: "Greeted?", zh: "有问候吗？" } }],
    owner: { userId: "u1", name: "Li Na" },
    dueDate: "2026-12-05",
    doneNote: "",
    doneEvidence: null,
    doneAt: null,
    returnReason: "",
    verifiedBy: null,
    closedAt: null,
    recurrences: 1,
    createdAt: ISO1,
    updatedAt: ISO2,
  };

  it("shows the action, overdue in the branch's calendar, and the owner's member name", () => {
    expect(presentAction(row, "2026-12-06")).toEqual(expected);
    expect(presentAction(row, "2026-12-05").overdue).toBe(false);
  });

  it("a free-text owner, a done photo behind the action's own address, the verifier's name", () => {
    const done = {
      ...row,
      status: "verified" as const,
      ownerUserId: null,
      ownerName: "Wang (floor lead)",
      ownerMemberName: null,
      doneEvidenceSha256: "a".repeat(64),
      doneAt: T1,
      verifiedBy: "u3",
      verifiedByName: "Liu Yang",
      closedAt: T2,
    };
    expect(presentAction(done, "2026-12-06")).toMatchObject({
      overdue: false,
      owner: { userId: null, name: "Wang (floor lead)" },
      doneEvidence: { sha256: "a".repeat(64), url: `/api/v1/actions/ac1/evidence/${"a".repeat(64)}` },
      doneAt: ISO1,
      verifiedBy: { name: "Liu Yang" },
      closedAt: ISO2,
    });
  });

  it("history: people by name; what a visit did, without an actor (it may be the shopper's publication)", () => {
    const event = (type: string, payload: Record<string, unknown>) => ({
      seq: 1,
      at: T1,
      type,
      actorId: "s1",
      actorName: "Sam Shopper",
      payload,
    });
    expect(
      presentActionHistory([
        event("action.created", { automatic: true }),
        event("action.failed_at_visit", { auditId: "au2", recurrence: true }),
        { ...event("action.done", { note: "Trained" }), actorId: "u1", actorName: "Li Na" },
      ]),
    ).toEqual([
      { at: ISO1, type: "action.created", actor: null, payload: { automatic: true } },
      { at: ISO1, type: "action.failed_at_visit", actor: null, payload: { auditId: "au2", recurrence: true } },
      { at: ISO1, type: "action.done", actor: { name: "Li Na" }, payload: { note: "Trained" } },
    ]);
  });
});

describe("presentNotification / presentMailStatus", () => {
  it("shows a notification with ISO times and its payload parsed, and nothing internal", () => {
    const body = presentNotification({
      id: "n1",
      kind: "report_published",
      subjectType: "audit",
      subjectId: "a1",
      // Inside db.batch a JSON column arrives as text.
      payload:
        '{"score":82.5,"branch":{"id":"b1","code":"BJ-001","name":{"en":"Wangfujing","zh":"王府井店"}}}' as never,
      createdAt: Date.parse("2026-03-01T08:00:00Z"),
      readAt: null,
    });
    expect(body).toEqual({
      id: "n1",
      kind: "report_published",
      subject: { type: "audit", id: "a1" },
      payload: { score: 82.5, branch: { id: "b1", code: "BJ-001", name: { en: "Wangfujing", zh: "王府井店" } } },
      createdAt: "2026-03-01T08:00:00.000Z",
      readAt: null,
    });
    expect(
      presentNotification({
        id: "n2",
        kind: "action_due",
        subjectType: "action",
        subjectId: "x",
        payload: {},
        createdAt: 0,
        readAt: 1000,
      }).readAt,
    ).toBe("1970-01-01T00:00:01.000Z");
  });

  it("says whether email goes out, never the URL or the token", () => {
    expect(
      presentMailStatus({ mode: "http", configured: true, url: "https://mail.test", token: "secret", from: "x" }),
    ).toEqual({ configured: true, mode: "http" });
  });
});
