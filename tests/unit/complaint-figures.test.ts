import { describe, expect, it } from "vitest";
import { localDate } from "../../worker/domain/audits";
import { calendarOf, isBusinessDay } from "../../worker/domain/business-days";
import { CHINA_DAYS } from "../../worker/domain/calendars";
import {
  type ComplaintFacts,
  complaintFigures,
  complaintMonth,
  complaintsBySection,
  disagreement,
  median,
  pastAnyDeadline,
  readWindow,
  satisfactionSummary,
  visitsInPeriod,
} from "../../worker/domain/complaint-figures";
import { generateDemoComplaints } from "../../worker/seed/complaint-history";
import { DEMO } from "../../worker/seed/demo";
import { HISTORY_BRANCHES } from "../../worker/seed/history";
import { CALL_CENTRE_TEMPLATE, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-11-02T02:00:00Z"); // Monday 10:00 in Shanghai

const facts = (over: Partial<ComplaintFacts> = {}): ComplaintFacts => ({
  branchId: "b1",
  receivedAt: T0,
  status: "new",
  acknowledgeBy: T0 + DAY,
  remedyBy: T0 + 5 * DAY,
  resolveBy: T0 + 56 * DAY,
  acknowledgedAt: null,
  remedyProposedAt: null,
  resolvedAt: null,
  closedAt: null,
  satisfaction: null,
  ...over,
});

describe("complaint figures", () => {
  it("takes medians of odd and even counts", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("counts a complaint by its month in the branch's time zone, and reads a window wide enough", () => {
    const instant = Date.parse("2026-02-28T17:00:00Z");
    expect(complaintMonth(instant, "Asia/Shanghai")).toBe("2026-03");
    expect(complaintMonth(instant, "Europe/London")).toBe("2026-02");
    const w = readWindow("2026-03", "2026-03");
    expect(w.from).toBeLessThanOrEqual(instant);
    expect(w.to).toBeGreaterThan(Date.parse("2026-04-01T09:00:00Z"));
  });

  it("judges every deadline: late, still running, stopped by closing", () => {
    expect(pastAnyDeadline(facts(), T0 + 2 * HOUR)).toBe(false);
    expect(pastAnyDeadline(facts(), T0 + 2 * DAY)).toBe(true);
    expect(pastAnyDeadline(facts({ acknowledgedAt: T0 + 25 * HOUR }), T0 + 26 * HOUR)).toBe(true);
    expect(pastAnyDeadline(facts({ acknowledgedAt: T0 + HOUR, closedAt: T0 + 2 * HOUR }), T0 + 90 * DAY)).toBe(false);
    const onTime = facts({ acknowledgedAt: T0 + HOUR, remedyProposedAt: T0 + DAY, resolvedAt: T0 + 2 * DAY });
    expect(pastAnyDeadline(onTime, T0 + 90 * DAY)).toBe(false);
  });

  it("gives satisfaction a t interval clamped to 1–5", () => {
    expect(satisfactionSummary([])).toBeNull();
    expect(satisfactionSummary([4])).toEqual({ mean: 4, low: null, high: null, n: 1 });
    const s = satisfactionSummary([4, 5, 3]);
    expect(s?.mean).toBe(4);
    expect(s?.low).toBeCloseTo(4 - 4.303 / Math.sqrt(3), 9);
    expect(s?.high).toBe(5);
  });

  it("prorates footfall: whole months whole, the month under way to the day", () => {
    expect(visitsInPeriod(3000, ["2026-10", "2026-11"], "2026-11-15")).toBe(4500);
    expect(visitsInPeriod(3000, ["2026-12"], "2026-11-15")).toBe(0);
  });

  it("uses per-1,000 only when every branch's footfall is known", () => {
    const { rows, totals } = complaintFigures({
      groups: [
        { id: "b1", nameEn: "One", nameZh: "一", branchIds: ["b1"] },
        { id: "r", nameEn: "Region", nameZh: "区", branchIds: ["b1", "b2"] },
      ],
      complaints: [facts(), facts({ branchId: "b2" })],
      footfall: new Map([
        ["b1", 1000],
        ["b2", null],
      ]),
      audits: new Map([["b1", 4]]),
      months: ["2026-10"],
      asOf: "2026-12-01",
      now: T0,
    });
    expect(rows[0]).toMatchObject({ complaints: 1, per1000Visits: 1, perAudit: 0.25 });
    expect(rows[1]).toMatchObject({ complaints: 2, per1000Visits: null, perAudit: 0.5 });
    expect(totals.complaints).toBe(2);
  });

  it("flags disagreements and counts a complaint once per section", () => {
    expect(disagreement(0.92, 4)).toBe("complaints_despite_passing");
    expect(disagreement(0.92, 2)).toBeNull();
    expect(disagreement(0.4, 0)).toBe("failing_without_complaints");
    expect(disagreement(null, 9)).toBeNull();
    const counted = complaintsBySection(
      [
        {
          branchId: "b",
          categories: [
            { checklistId: "c", sectionKey: "s", itemKey: "i" },
            { checklistId: "c", sectionKey: "s" },
            { checklistId: "other", sectionKey: "t" },
          ],
        },
      ],
      "c",
    );
    expect([...(counted.get("b") ?? [])]).toEqual([["s", 1]]);
  });
});

describe("demo complaints", () => {
  const NOW = Date.parse("2026-06-15T04:00:00Z");
  const input = {
    now: NOW,
    organizationId: DEMO.organizationId,
    branchIds: Object.fromEntries(HISTORY_BRANCHES.map((b) => [b.code, `branch-${b.code}`])),
    checklists: {
      store: { id: "store", document: STORE_VISIT_TEMPLATE },
      call: { id: "call", document: CALL_CENTRE_TEMPLATE },
    },
    managerId: "manager",
    adminId: "admin",
  };
  const { complaints, events } = generateDemoComplaints(input);
  const of = (code: string) => complaints.filter((c) => c.branchId === `branch-${code}`);

  it("is deterministic", () => {
    expect(generateDemoComplaints(input)).toEqual({ complaints, events });
  });

  it("puts more complaints where the audits are weak, about the weak sections", () => {
    expect(of("HF-001").length).toBeGreaterThan(2 * of("CC-SH").length);
    const returns = of("BJ-002").filter((c) =>
      (c.categories as Array<{ sectionKey: string }>).some((k) => k.sectionKey === "returns_exchanges"),
    );
    expect(returns.length).toBeGreaterThan(of("BJ-002").length / 3);
    expect(complaints.every((c) => c.receivedAt <= NOW && c.receivedAt >= NOW - 121 * DAY)).toBe(true);
  });

  it("has open, overdue, closed and followed-up complaints, satisfaction lower at weak branches", () => {
    const statuses = new Set(complaints.map((c) => c.status));
    for (const s of ["new", "acknowledged", "resolved", "followed_up", "closed"]) expect(statuses).toContain(s);
    const late = complaints.filter((c) => pastAnyDeadline(c as unknown as ComplaintFacts, NOW));
    expect(late.length).toBeGreaterThan(5);
    const mean = (code: string) => {
      const s = of(code).flatMap((c) => (c.satisfaction ? [c.satisfaction as number] : []));
      return s.reduce((a, b) => a + b, 0) / s.length;
    };
    expect(mean("HF-001")).toBeLessThan(mean("SH-001"));
    expect(events.filter((e) => e.type === "complaint.created")).toHaveLength(complaints.length);
  });

  it("sets deadlines and follow-ups on business days of China's calendar, as the complaint rules do", () => {
    const calendar = calendarOf(CHINA_DAYS);
    for (const c of complaints) {
      expect(isBusinessDay(localDate(c.acknowledgeBy as number, "Asia/Shanghai"), calendar)).toBe(true);
      expect(isBusinessDay(localDate(c.remedyBy as number, "Asia/Shanghai"), calendar)).toBe(true);
      if (c.followUpDue)
        expect(isBusinessDay(localDate(c.followUpDue as number, "Asia/Shanghai"), calendar)).toBe(true);
    }
  });
});
