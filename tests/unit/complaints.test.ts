/**
 * Business days and the complaint process (domain/business-days.ts, domain/complaints.ts,
 * domain/calendars.ts): weekends, holidays, adjusted working days, time zones with and without
 * DST, the deadlines, the summary window, the step machine, the follow-up time, erasure, and
 * properties (fast-check): a deadline is never on a non-business day, adding business days is
 * monotonic, and zoned instants round-trip across DST.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPLAINT_STATUSES, ROLES } from "../../schema/enums";
import {
  addBusinessDays,
  businessDayOnOrBefore,
  calendarOf,
  dateIn,
  endOfDay,
  isBusinessDay,
  plusDays,
  zonedInstant,
} from "../../worker/domain/business-days";
import { CHINA_2026, CHINA_DAYS, defaultCalendar } from "../../worker/domain/calendars";
import {
  COMPLAINT_STEPS,
  complaintDeadlines,
  complaintStep,
  erasureCutoff,
  erasureDue,
  FOLLOW_UP_MINUTES,
  followUpDue,
  isCallableTime,
  overdue,
  withinSummaryWindow,
} from "../../worker/domain/complaints";

const NONE = calendarOf([]);
const CHINA = calendarOf(CHINA_DAYS);
const DEFAULTS = { complaintAckDays: 1, complaintRemedyDays: 5, complaintResolveWeeks: 8, complaintSummaryDays: 3 };
const ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Sydney", "Pacific/Kiritimati"];

describe("business days", () => {
  it("are Monday to Friday without a calendar", () => {
    expect(isBusinessDay("2026-12-04", NONE)).toBe(true); // Friday
    expect(isBusinessDay("2026-12-05", NONE)).toBe(false); // Saturday
    expect(isBusinessDay("2026-12-06", NONE)).toBe(false); // Sunday
    expect(addBusinessDays("2026-12-04", 1, NONE)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-05", 1, NONE)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-07", 5, NONE)).toBe("2026-12-14");
    expect(addBusinessDays("2026-12-05", 0, NONE)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-07", 0, NONE)).toBe("2026-12-07");
  });

  it("skip holidays and count adjusted working days (China 2026)", () => {
    // National Day: 1–7 Oct off; Sun 20 Sep and Sat 10 Oct worked.
    expect(isBusinessDay("2026-10-01", CHINA)).toBe(false);
    expect(isBusinessDay("2026-10-10", CHINA)).toBe(true);
    expect(isBusinessDay("2026-09-20", CHINA)).toBe(true);
    expect(addBusinessDays("2026-09-30", 1, CHINA)).toBe("2026-10-08");
    expect(addBusinessDays("2026-10-09", 1, CHINA)).toBe("2026-10-10");
    expect(addBusinessDays("2026-09-19", 1, CHINA)).toBe("2026-09-20");
    // Spring Festival: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked.
    expect(addBusinessDays("2026-02-13", 1, CHINA)).toBe("2026-02-14");
    expect(addBusinessDays("2026-02-14", 1, CHINA)).toBe("2026-02-24");
    expect(addBusinessDays("2026-02-14", 3, CHINA)).toBe("2026-02-26");
    // Labour Day: 1–5 May off, Sat 9 May worked.
    expect(addBusinessDays("2026-04-30", 1, CHINA)).toBe("2026-05-06");
    expect(addBusinessDays("2026-05-08", 1, CHINA)).toBe("2026-05-09");
    expect(businessDayOnOrBefore("2026-10-07", CHINA)).toBe("2026-09-30");
  });

  it("China 2026 holds the State Council's days: holidays on weekdays, working days on weekends", () => {
    const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
    for (const day of CHINA_2026) {
      if (day.kind === "holiday") expect([1, 2, 3, 4, 5]).toContain(weekday(day.date));
      else expect([0, 6]).toContain(weekday(day.date));
      expect(day.nameEn).not.toBe("");
      expect(day.nameZh).not.toBe("");
    }
    expect(CHINA_2026.filter((d) => d.kind === "workday").map((d) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    // No 2027 date is invented before the State Council publishes it.
    expect(CHINA_DAYS.some((d) => d.date.startsWith("2027"))).toBe(false);
    expect(defaultCalendar("zh")).toBe(CHINA_DAYS);
    expect(defaultCalendar("en")).toEqual([]);
  });
});

describe("zoned instants", () => {
  it("read local midnight and 10:00 in Shanghai (no DST) and London (BST and GMT)", () => {
    expect(new Date(zonedInstant("2026-12-07", 0, "Asia/Shanghai")).toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(new Date(endOfDay("2026-12-07", "Asia/Shanghai")).toISOString()).toBe("2026-12-07T15:59:59.999Z");
    expect(new Date(zonedInstant("2026-07-01", 600, "Europe/London")).toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(new Date(zonedInstant("2026-12-01", 600, "Europe/London")).toISOString()).toBe("2026-12-01T10:00:00.000Z");
    // The day the clocks go forward (29 March 2026) has 23 hours; the day back (25 October) 25.
    expect(endOfDay("2026-03-29", "Europe/London") + 1 - zonedInstant("2026-03-29", 0, "Europe/London")).toBe(
      23 * 3_600_000,
    );
    expect(endOfDay("2026-10-25", "Europe/London") + 1 - zonedInstant("2026-10-25", 0, "Europe/London")).toBe(
      25 * 3_600_000,
    );
    // 01:30 on 29 March does not exist in London: moved on by the gap, 02:30 BST.
    expect(new Date(zonedInstant("2026-03-29", 90, "Europe/London")).toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("round-trip: the local date of a zoned instant is its date, in every zone (property)", () => {
    const days = fc.integer({ min: 0, max: 365 * 3 }).map((n) => plusDays("2026-01-01", n));
    fc.assert(
      fc.property(days, fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 1439 }), (date, zone, minutes) => {
        expect(dateIn(zonedInstant(date, minutes, zone), zone)).toBe(date);
        expect(dateIn(endOfDay(date, zone), zone)).toBe(date);
        expect(dateIn(endOfDay(date, zone) + 1, zone)).toBe(plusDays(date, 1));
      }),
    );
  });
});

describe("deadlines", () => {
  it("acknowledge: end of the next business day in the branch's zone; the day received never counts", () => {
    // Friday 4 Dec 2026, 09:00 in Shanghai → end of Monday 7 Dec in Shanghai.
    const received = Date.parse("2026-12-04T01:00:00Z");
    const d = complaintDeadlines(received, DEFAULTS, "Asia/Shanghai", NONE);
    expect(new Date(d.acknowledgeBy).toISOString()).toBe("2026-12-07T15:59:59.999Z");
    expect(new Date(d.remedyBy).toISOString()).toBe("2026-12-11T15:59:59.999Z");
    // Eight weeks on is Friday 29 Jan 2027: a business day, kept.
    expect(new Date(d.resolveBy).toISOString()).toBe("2027-01-29T15:59:59.999Z");
    // The same instant is still Thursday in London: the next business day is Friday.
    const london = complaintDeadlines(Date.parse("2026-12-03T23:30:00Z"), DEFAULTS, "Europe/London", NONE);
    expect(new Date(london.acknowledgeBy).toISOString()).toBe("2026-12-04T23:59:59.999Z");
  });

  it("follow the calendar: received on 30 Sep 2026 in China, acknowledge by the end of 8 Oct", () => {
    const received = Date.parse("2026-09-30T06:00:00Z");
    const d = complaintDeadlines(received, DEFAULTS, "Asia/Shanghai", CHINA);
    expect(dateIn(d.acknowledgeBy, "Asia/Shanghai")).toBe("2026-10-08");
    // 8, 9, 10 (a worked Saturday), 12, 13 October.
    expect(dateIn(d.remedyBy, "Asia/Shanghai")).toBe("2026-10-13");
  });

  it("resolve: a week-end eight weeks on comes back to the Friday before", () => {
    const received = Date.parse("2026-12-05T04:00:00Z"); // Saturday in Shanghai
    const d = complaintDeadlines(received, DEFAULTS, "Asia/Shanghai", NONE);
    expect(dateIn(d.resolveBy, "Asia/Shanghai")).toBe("2027-01-29");
  });

  it("never fall on a non-business day, in any zone, with or without the China calendar (property)", () => {
    const instants = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") });
    const settings = fc.record({
      complaintAckDays: fc.integer({ min: 1, max: 10 }),
      complaintRemedyDays: fc.integer({ min: 1, max: 30 }),
      complaintResolveWeeks: fc.integer({ min: 1, max: 26 }),
      complaintSummaryDays: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(instants, settings, fc.constantFrom(...ZONES), fc.boolean(), (received, s, zone, china) => {
        const calendar = china ? CHINA : NONE;
        const d = complaintDeadlines(received, s, zone, calendar);
        for (const at of [d.acknowledgeBy, d.remedyBy, d.resolveBy]) {
          expect(isBusinessDay(dateIn(at, zone), calendar)).toBe(true);
          expect(at).toBeGreaterThan(received);
          // The last millisecond of its day.
          expect(dateIn(at + 1, zone)).not.toBe(dateIn(at, zone));
        }
      }),
    );
  });

  it("adding business days is monotonic: more days never come earlier, a later start never earlier (property)", () => {
    const dates = fc.integer({ min: 0, max: 700 }).map((n) => plusDays("2026-01-01", n));
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (date, a, b, china) => {
          const calendar = china ? CHINA : NONE;
          const [low, high] = a <= b ? [a, b] : [b, a];
          const first = addBusinessDays(date, low, calendar);
          const second = addBusinessDays(date, high, calendar);
          expect(first <= second).toBe(true);
          // Strictly later, except from a non-business day: 0 and 1 business days both land on the next one.
          if (high > low && (low > 0 || isBusinessDay(date, calendar))) expect(first < second).toBe(true);
          expect(addBusinessDays(plusDays(date, 1), low, calendar) >= first).toBe(true);
          expect(isBusinessDay(first, calendar)).toBe(true);
        },
      ),
    );
  });
});

describe("the summary window", () => {
  it("is open until the end of the third business day after the day received", () => {
    const received = Date.parse("2026-12-04T01:00:00Z"); // Friday in Shanghai
    const end = Date.parse("2026-12-09T15:59:59.999Z"); // end of Wednesday
    expect(withinSummaryWindow(received, end, 3, "Asia/Shanghai", NONE)).toBe(true);
    expect(withinSummaryWindow(received, end + 1, 3, "Asia/Shanghai", NONE)).toBe(false);
  });
});

describe("the steps", () => {
  it("go new → acknowledged → remedy_proposed → resolved → followed_up | closed", () => {
    expect(complaintStep("new", "acknowledge", "branch_manager")).toEqual({
      ok: true,
      next: "acknowledged",
      event: "complaint.acknowledged",
    });
    expect(complaintStep("acknowledged", "propose_remedy", "regional_manager")).toMatchObject({
      next: "remedy_proposed",
    });
    expect(complaintStep("remedy_proposed", "resolve", "admin")).toMatchObject({ next: "resolved" });
    expect(complaintStep("resolved", "follow_up", "branch_manager")).toMatchObject({ next: "followed_up" });
    expect(complaintStep("resolved", "close", "branch_manager")).toMatchObject({ next: "closed" });
  });

  it("each step starts from exactly one status; analysts, reviewers and shoppers take none", () => {
    for (const step of COMPLAINT_STEPS) {
      const from = COMPLAINT_STATUSES.filter((s) => complaintStep(s, step, "admin").ok);
      expect(from).toHaveLength(1);
      for (const role of ROLES) {
        const answer = complaintStep(from[0] ?? "new", step, role);
        const handler = role === "admin" || role === "regional_manager" || role === "branch_manager";
        expect(answer.ok).toBe(handler);
        if (!handler) expect(answer).toEqual({ ok: false, refusal: "forbidden" });
      }
    }
    for (const status of ["followed_up", "closed"] as const)
      for (const step of COMPLAINT_STEPS)
        expect(complaintStep(status, step, "admin")).toEqual({ ok: false, refusal: "invalid_state" });
  });

  it("overdue lists the deadlines missed and still owed", () => {
    const c = { acknowledgeBy: 10, remedyBy: 20, resolveBy: 30, followUpDue: null };
    expect(overdue({ ...c, status: "new" }, 25)).toEqual(["acknowledge", "remedy"]);
    expect(overdue({ ...c, status: "acknowledged" }, 25)).toEqual(["remedy"]);
    expect(overdue({ ...c, status: "remedy_proposed" }, 31)).toEqual(["resolve"]);
    expect(overdue({ ...c, status: "resolved", followUpDue: 40 }, 41)).toEqual(["follow_up"]);
    expect(overdue({ ...c, status: "closed", followUpDue: 40 }, 41)).toEqual([]);
  });
});

describe("the follow-up call", () => {
  it("is at 10:00 on the next business day, in the branch's zone, clear of lunch and dinner", () => {
    expect(isCallableTime(FOLLOW_UP_MINUTES)).toBe(true);
    expect(isCallableTime(12 * 60 + 30)).toBe(false);
    expect(isCallableTime(18 * 60)).toBe(false);
    expect(isCallableTime(7 * 60)).toBe(false);
    // Resolved on Friday evening in Shanghai → Monday 10:00 Shanghai.
    const due = followUpDue(Date.parse("2026-12-04T11:00:00Z"), "Asia/Shanghai", NONE);
    expect(new Date(due).toISOString()).toBe("2026-12-07T02:00:00.000Z");
    // In London in summer: 10:00 BST.
    const summer = followUpDue(Date.parse("2026-07-01T15:00:00Z"), "Europe/London", NONE);
    expect(new Date(summer).toISOString()).toBe("2026-07-02T09:00:00.000Z");
    // Before National Day: after the holiday.
    const autumn = followUpDue(Date.parse("2026-09-30T08:00:00Z"), "Asia/Shanghai", CHINA);
    expect(new Date(autumn).toISOString()).toBe("2026-10-08T02:00:00.000Z");
  });

  it("always falls on a business day at a callable local time (property)", () => {
    const instants = fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-20T00:00:00Z") });
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (resolved, zone) => {
        const due = followUpDue(resolved, zone, CHINA);
        expect(due).toBeGreaterThan(resolved);
        expect(isBusinessDay(dateIn(due, zone), CHINA)).toBe(true);
        const local = new Intl.DateTimeFormat("en-GB", {
          timeZone: zone,
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }).format(due);
        expect(local).toBe("10:00");
      }),
    );
  });
});

describe("erasure", () => {
  it("is due retention days after the complaint finished", () => {
    expect(erasureDue(1_000, 180)).toBe(1_000 + 180 * 86_400_000);
    expect(erasureCutoff(erasureDue(1_000, 180), 180)).toBe(1_000);
  });
});
