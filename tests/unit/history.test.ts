import { describe, expect, it } from "vitest";
import type { Channel } from "../../schema/enums";
import { checkSubmission, isLate, localDate } from "../../worker/domain/audits";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Answer, checkAnswers, type ItemOutcome, scoreAudit } from "../../worker/domain/scoring";
import { auditFlags, checkVisitTimes } from "../../worker/domain/visit-times";
import { DEMO } from "../../worker/seed/demo";
import {
  type AnswerInsert,
  type DemoHistory,
  generateDemoHistory,
  HISTORY_BRANCHES,
  HISTORY_SCENARIOS,
  HISTORY_TIME_ZONE,
  springFestivalRush,
} from "../../worker/seed/history";
import { CALL_CENTRE_TEMPLATE, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

/** 12:00 in Shanghai on 15 June 2026. */
const NOW = Date.parse("2026-06-15T04:00:00Z");
const DAY = 86_400_000;
const TODAY = localDate(NOW, HISTORY_TIME_ZONE);
const versions = {
  store: { id: "version-store", document: STORE_VISIT_TEMPLATE },
  call_centre: { id: "version-call", document: CALL_CENTRE_TEMPLATE },
};
const documents: Record<string, ChecklistDocument> = {
  "version-store": STORE_VISIT_TEMPLATE,
  "version-call": CALL_CENTRE_TEMPLATE,
};

const history = generateDemoHistory({ now: NOW, versions });

const branchId = (code: string) => `demo-branch-${code.toLowerCase()}`;
const channelOf = new Map(HISTORY_BRANCHES.map((b) => [branchId(b.code), b.channel]));
const assignmentsById = new Map(history.assignments.map((a) => [a.id, a]));
const answersByAudit = new Map<string, AnswerInsert[]>();
for (const row of history.answers) {
  const list = answersByAudit.get(row.auditId) ?? [];
  list.push(row);
  answersByAudit.set(row.auditId, list);
}
const scenarioTags = new Map(
  (["store", "call_centre"] as Channel[]).flatMap((c) => HISTORY_SCENARIOS[c].map((s) => [s.text, s.tags] as const)),
);

function toAnswers(rows: readonly AnswerInsert[]): Answer[] {
  return rows.map((r) =>
    r.na ? { item: r.itemKey, na: true } : { item: r.itemKey, value: r.value as boolean | number | string },
  );
}

function outcome(audit: DemoHistory["audits"][number], key: string): ItemOutcome | undefined {
  return audit.scoreResult.sections.flatMap((s) => s.items).find((i) => i.key === key)?.outcome;
}

/** Share of applicable answers of an item that pass, over the audits of the chosen branches. */
function passRate(key: string, branches: (id: string) => boolean): { rate: number; n: number } {
  const outcomes = history.audits
    .filter((a) => branches(a.branchId))
    .map((a) => outcome(a, key))
    .filter((o) => o !== undefined && o !== "na" && o !== "unscored");
  return { rate: outcomes.filter((o) => o === "pass").length / outcomes.length, n: outcomes.length };
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

const localDayOf = (instant: number) => Math.floor((instant + 8 * 3_600_000) / DAY);

/**
 * Mean score of a branch's first and last quarter of the year, leaving out the Spring Festival
 * rush and critical failures (each a 0), which would otherwise drown a steady trend.
 */
function trend(code: string): { first: number; last: number } {
  const scores = history.audits
    .filter(
      (a) =>
        a.branchId === branchId(code) && !a.criticalFailed && springFestivalRush(localDayOf(a.visitStartedAt)) === 0,
    )
    .sort((a, b) => a.visitStartedAt - b.visitStartedAt)
    .map((a) => a.score ?? 0);
  const quarter = Math.floor(scores.length / 4);
  return { first: mean(scores.slice(0, quarter)), last: mean(scores.slice(-quarter)) };
}

describe("generateDemoHistory", () => {
  it("is deterministic: the same options give the same rows, another seed others", () => {
    expect(generateDemoHistory({ now: NOW, versions })).toEqual(history);
    const other = generateDemoHistory({ now: NOW, versions, seed: 7 });
    expect(other.audits.map((a) => a.id)).not.toEqual(history.audits.map((a) => a.id));
    expect(other.audits.map((a) => a.score)).not.toEqual(history.audits.map((a) => a.score));
  });

  it("makes about 1,500 audits, with one submitted assignment each, in every branch and month", () => {
    expect(history.audits.length).toBeGreaterThanOrEqual(1300);
    expect(history.audits.length).toBeLessThanOrEqual(1700);
    expect(history.answers.length).toBeGreaterThan(history.audits.length * 20);

    const submitted = history.assignments.filter((a) => a.status === "submitted");
    expect(submitted).toHaveLength(history.audits.length);
    expect(new Set(history.audits.map((a) => a.assignmentId)).size).toBe(history.audits.length);
    const ids = [...history.assignments.map((a) => a.id), ...history.audits.map((a) => a.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // All 24 demo branches, including the ones DEMO names.
    expect(HISTORY_BRANCHES).toHaveLength(24);
    const branches = new Set(history.audits.map((a) => a.branchId));
    expect(branches.size).toBe(24);
    for (const id of Object.values(DEMO.branchIds)) expect(branches).toContain(id);
    for (const b of HISTORY_BRANCHES) {
      const n = history.audits.filter((a) => a.branchId === branchId(b.code)).length;
      expect(n, b.code).toBeGreaterThan(45);
    }

    const months = new Set(history.audits.map((a) => localDate(a.visitStartedAt, HISTORY_TIME_ZONE).slice(0, 7)));
    for (let m = 0; m < 12; m++) {
      const month = new Date(Date.UTC(2026, 5 - m, 1)).toISOString().slice(0, 7);
      expect(months, month).toContain(month);
    }
  });

  it("stores, for every audit, the real score of its answers, which are complete and valid", () => {
    for (const audit of history.audits) {
      const doc = documents[audit.checklistVersionId];
      if (!doc) throw new Error(`unknown version ${audit.checklistVersionId}`);
      const channel = channelOf.get(audit.branchId);
      expect(doc.channel).toBe(channel);
      expect(audit.contact).toBe(channel === "store" ? "visit" : "phone_call");
      expect(audit.status).toBe("published");

      const rows = answersByAudit.get(audit.id) ?? [];
      const answers = toAnswers(rows);
      expect(checkAnswers(doc, answers)).toEqual([]);
      const result = scoreAudit(doc, answers);
      expect(result.complete).toBe(true);
      expect(audit.scoreResult).toEqual(result);
      expect(audit.score).toBe(result.score);
      expect(audit.criticalFailed).toBe(result.criticalFailed);

      // The equivalent report passes the server's checks (no photos needed) and matches the rows.
      const submission = history.submissions[audit.id];
      if (!submission) throw new Error(`no submission for ${audit.id}`);
      expect(checkSubmission(doc, submission)).toEqual([]);
      expect(submission.assignmentId).toBe(audit.assignmentId);
      expect(submission.checklistVersionId).toBe(audit.checklistVersionId);
      expect(Date.parse(submission.visitStartedAt)).toBe(audit.visitStartedAt);
      expect(Date.parse(submission.visitEndedAt)).toBe(audit.visitEndedAt);
      expect(submission.staffDescription).toBe(audit.staffDescription);
      expect(submission.overallComment).toBe(audit.overallComment);
      expect(submission.location?.lat ?? null).toBe(audit.locationLat);
      expect(
        submission.answers.map((a) => ({
          auditId: audit.id,
          itemKey: a.item,
          value: a.na ? null : (a.value ?? null),
          na: a.na ?? false,
          comment: a.comment ?? "",
        })),
      ).toEqual(rows);
      expect(submission.answers.some((a) => (a.evidence ?? []).length > 0)).toBe(false);
    }
  });

  it("keeps visits within the last 12 months, in opening hours and in their assignment's window", () => {
    const shoppers = new Map<string, number>();
    for (const audit of history.audits) {
      expect(audit.visitStartedAt).toBeGreaterThanOrEqual(NOW - 366 * DAY);
      expect(audit.visitStartedAt).toBeLessThan(audit.visitEndedAt);
      expect(audit.visitEndedAt).toBeLessThanOrEqual(audit.submittedAt);
      expect(audit.submittedAt).toBeLessThan(NOW);
      expect(audit.publishedAt).toBe(audit.submittedAt);

      const minutes = (audit.visitEndedAt - audit.visitStartedAt) / 60_000;
      const localHour = new Date(audit.visitStartedAt + 8 * 3_600_000).getUTCHours();
      if (audit.contact === "visit") {
        expect(minutes).toBeGreaterThanOrEqual(12);
        expect(minutes).toBeLessThanOrEqual(60);
        expect(localHour).toBeGreaterThanOrEqual(10);
        expect(localHour).toBeLessThan(22);
        expect(audit.locationLat).not.toBeNull();
      } else {
        expect(minutes).toBeLessThanOrEqual(25);
        expect(localHour).toBeGreaterThanOrEqual(9);
        expect(localHour).toBeLessThan(21);
        expect(audit.locationLat).toBeNull();
      }

      const assignment = assignmentsById.get(audit.assignmentId);
      if (!assignment) throw new Error(`no assignment for ${audit.id}`);
      expect(assignment.branchId).toBe(audit.branchId);
      expect(assignment.shopperId).toBe(audit.shopperId);
      expect(assignment.checklistVersionId).toBe(audit.checklistVersionId);
      expect(assignment.scenario).not.toBe("");
      // A shopper reading Chinese gets the scenario in Chinese (the visit list and briefing show it).
      expect(assignment.scenarioZh).toMatch(/[\u4e00-\u9fff]/);
      const visitDate = localDate(audit.visitStartedAt, HISTORY_TIME_ZONE);
      expect(visitDate >= assignment.windowStart && visitDate <= assignment.windowEnd).toBe(true);
      // Judged as the server judges a report arriving when this one was submitted.
      const submission = history.submissions[audit.id];
      if (!submission) throw new Error(`no submission for ${audit.id}`);
      const window = { start: assignment.windowStart, end: assignment.windowEnd, timeZone: HISTORY_TIME_ZONE };
      expect(checkVisitTimes(submission, window, audit.submittedAt)).toEqual([]);
      expect(audit.late).toBe(isLate(assignment.windowEnd, HISTORY_TIME_ZONE, audit.visitEndedAt));
      expect(audit.flags).toEqual(auditFlags(documents[audit.checklistVersionId] as ChecklistDocument, submission));
      expect(assignment.createdAt ?? 0).toBeLessThan(audit.visitStartedAt);
      shoppers.set(audit.shopperId, (shoppers.get(audit.shopperId) ?? 0) + 1);
    }
    // The six demo shoppers take turns.
    expect([...shoppers.keys()].sort()).toEqual(
      Object.entries(DEMO.users)
        .filter(([email]) => email.startsWith("shopper"))
        .map(([, id]) => id)
        .sort(),
    );
    for (const n of shoppers.values()) expect(n).toBeGreaterThan(history.audits.length / 8);
    // Visits happen in opening hours inside their window, so none ended late (some were sent
    // the next morning, after the window: lateness is the visit's, not the sending's).
    expect(history.audits.filter((a) => a.late)).toEqual([]);
    expect(
      history.audits.some(
        (a) => localDate(a.submittedAt, HISTORY_TIME_ZONE) > (assignmentsById.get(a.assignmentId)?.windowEnd ?? ""),
      ),
    ).toBe(true);
  });

  it("builds in the weak spots of particular branches", () => {
    const returns = passRate("return_policy_explained", (id) => id === branchId("BJ-002"));
    const returnsElsewhere = passRate("return_policy_explained", (id) => id !== branchId("BJ-002"));
    expect(returns.n).toBeGreaterThan(5);
    expect(returns.rate).toBeLessThan(0.25);
    expect(returnsElsewhere.rate).toBeGreaterThan(0.7);

    const rings = passRate("rings_before_answer", (id) => id === branchId("CC-TJ"));
    const ringsElsewhere = passRate("rings_before_answer", (id) => id !== branchId("CC-TJ"));
    expect(rings.rate).toBeLessThan(0.35);
    expect(ringsElsewhere.rate).toBeGreaterThan(0.75);

    const finish = passRate("lets_customer_finish", (id) => id === branchId("SH-002"));
    const finishElsewhere = passRate("lets_customer_finish", (id) => id !== branchId("SH-002"));
    expect(finish.rate).toBeLessThan(0.4);
    expect(finishElsewhere.rate).toBeGreaterThan(0.75);

    expect(passRate("no_i_dont_know", (id) => id === branchId("SZ-003")).rate).toBeLessThan(
      passRate("no_i_dont_know", (id) => id !== branchId("SZ-003")).rate - 0.25,
    );
    expect(passRate("no_transfer_runaround", (id) => id === branchId("CC-SZ")).rate).toBeLessThan(
      passRate("no_transfer_runaround", (id) => id !== branchId("CC-SZ")).rate - 0.25,
    );
  });

  it("has branches improving and branches getting worse over the year", () => {
    for (const code of ["BJ-001", "HZ-001", "CC-GZ"]) {
      const { first, last } = trend(code);
      expect(last - first, code).toBeGreaterThan(4);
    }
    for (const code of ["GZ-002", "FZ-001"]) {
      const { first, last } = trend(code);
      expect(first - last, code).toBeGreaterThan(4);
    }
  });

  it("dips around the Spring Festival rush", () => {
    const newYear = Date.parse("2026-02-17") / DAY;
    expect(springFestivalRush(newYear - 2)).toBe(1);
    expect(springFestivalRush(newYear - 30)).toBe(0);
    expect(springFestivalRush(Date.parse("2025-07-01") / DAY)).toBe(0);

    const rushed = (a: DemoHistory["audits"][number]) => springFestivalRush(localDayOf(a.visitStartedAt)) > 0.5;
    const stores = history.audits.filter((a) => a.contact === "visit");
    const during = stores.filter(rushed).map((a) => a.score ?? 0);
    const otherwise = stores.filter((a) => !rushed(a)).map((a) => a.score ?? 0);
    expect(during.length).toBeGreaterThan(30);
    expect(mean(otherwise) - mean(during)).toBeGreaterThan(4);
  });

  it("fails the critical item in about 1% of audits, scoring them 0 with the remark quoted", () => {
    const critical = history.audits.filter((a) => a.criticalFailed);
    const share = critical.length / history.audits.length;
    expect(share).toBeGreaterThanOrEqual(0.002);
    expect(share).toBeLessThanOrEqual(0.03);
    for (const audit of critical) {
      expect(audit.score).toBe(0);
      expect(audit.scoreResult.criticalItem).toBe("no_disparaging_remarks");
      const row = answersByAudit.get(audit.id)?.find((r) => r.itemKey === "no_disparaging_remarks");
      expect(row?.value).toBe(false);
      expect(row?.comment).not.toBe("");
    }
  });

  it("uses N/A as a shopper would", () => {
    for (const audit of history.audits) {
      const scenario = assignmentsById.get(audit.assignmentId)?.scenario ?? "";
      const tags = scenarioTags.get(scenario);
      if (!tags) throw new Error(`unknown scenario ${scenario}`);
      const na = (key: string) => outcome(audit, key) === "na";
      const complaint = tags.includes("complaint");
      if (audit.contact === "visit") {
        expect(na("apologises")).toBe(!complaint);
        expect(na("takes_ownership")).toBe(!complaint);
        expect(na("return_policy_explained")).toBe(!tags.includes("return"));
        expect(outcome(audit, "honest_about_price")).toBe("pass");
      } else {
        expect(na("objection_resolved")).toBe(!complaint && !tags.includes("objection"));
        expect(na("asks_before_hold")).toBe(na("hold_time"));
      }
      if (complaint) expect(na("uses_customer_name")).toBe(false);
    }
    const calls = history.audits.filter((a) => a.contact === "phone_call");
    const held = calls.filter((a) => outcome(a, "hold_time") !== "na").length / calls.length;
    expect(held).toBeGreaterThan(0.25);
    expect(held).toBeLessThan(0.7);
  });

  it("leaves open work for shopper@demo.test around now, and some for another shopper", () => {
    const open = history.assignments.filter((a) => a.status === "open");
    const mine = open.filter((a) => a.shopperId === DEMO.users["shopper@demo.test"]);
    expect(mine).toHaveLength(5);
    const dueNow = mine.filter((a) => a.windowStart <= TODAY && TODAY <= a.windowEnd);
    const upcoming = mine.filter((a) => a.windowStart > TODAY);
    const overdue = mine.filter((a) => a.windowEnd < TODAY);
    expect([dueNow.length, upcoming.length, overdue.length]).toEqual([2, 2, 1]);
    expect(new Set(mine.map((a) => channelOf.get(a.branchId)))).toEqual(new Set(["store", "call_centre"]));

    const others = open.filter((a) => a.shopperId !== DEMO.users["shopper@demo.test"]);
    expect(others.length).toBeGreaterThanOrEqual(2);
    expect(others.length).toBeLessThanOrEqual(3);
    expect(new Set(others.map((a) => a.shopperId)).size).toBe(1);

    for (const a of open) {
      expect(a.scenario).not.toBe("");
      expect(a.scenarioZh).toMatch(/[\u4e00-\u9fff]/);
      expect(a.windowStart <= a.windowEnd).toBe(true);
      expect(a.createdAt ?? 0).toBeLessThanOrEqual(NOW);
      expect(a.checklistVersionId).toBe(channelOf.get(a.branchId) === "store" ? "version-store" : "version-call");
      expect(history.audits.some((audit) => audit.assignmentId === a.id)).toBe(false);
    }
  });

  it("shortens the history with `months`, keeping the open work", () => {
    const short = generateDemoHistory({ now: NOW, versions, months: 1 });
    expect(short.audits.length).toBeGreaterThan(80);
    expect(short.audits.length).toBeLessThan(180);
    for (const audit of short.audits) expect(audit.visitStartedAt).toBeGreaterThanOrEqual(NOW - 32 * DAY);
    expect(short.assignments.filter((a) => a.status === "open")).toHaveLength(8);
  });
});
