/**
 * The pure rules of corrective actions (worker/domain/actions.ts): who moves an action where,
 * overdue and escalation dates, the next visit's judgement (properties over random results),
 * critical failures, the items an action may name, and the figures.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_STATUSES, type ActionStatus, ROLES } from "../../schema/enums";
import {
  ACTION_VERIFIER_ROLES,
  ACTION_WRITER_ROLES,
  type ActionFact,
  actionFigures,
  actionStep,
  addDays,
  checkActionItems,
  closedMoment,
  editable,
  escalationsDue,
  failedCriticalItems,
  isOverdue,
  judgeActions,
  type WatchedAction,
} from "../../worker/domain/actions";
import type { ItemOutcome, ItemResult, ScoreResult } from "../../worker/domain/scoring";

const KEYS = ["a", "b", "c", "d", "e"] as const;
const OUTCOMES: ItemOutcome[] = ["pass", "fail", "partial", "na", "unscored", "missing"];

function item(key: string, outcome: ItemOutcome): ItemResult {
  const ratio = outcome === "pass" ? 1 : outcome === "fail" ? 0 : outcome === "partial" ? 0.5 : null;
  return { key, kind: "yes_no", outcome, ratio, weight: 1, counted: ratio !== null, rule: "" };
}

function resultOf(outcomes: Partial<Record<string, ItemOutcome>>): ScoreResult {
  return {
    score: null,
    criticalFailed: false,
    criticalItem: null,
    complete: true,
    missing: [],
    sections: [
      {
        key: "s",
        weight: 1,
        earned: 0,
        possible: 0,
        ratio: null,
        included: true,
        zeroedBy: null,
        items: Object.entries(outcomes).map(([key, outcome]) => item(key, outcome as ItemOutcome)),
      },
    ],
  };
}

/** A result over some of KEYS (items absent from the report say nothing either). */
const results = fc
  .dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...OUTCOMES), { maxKeys: KEYS.length })
  .map(resultOf);

const watched = fc.array(
  fc.record({
    id: fc.uuid(),
    status: fc.constantFrom(...ACTION_STATUSES),
    itemKeys: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }),
    watchFrom: fc.integer({ min: 0, max: 100 }),
  }),
  { maxLength: 8 },
);

const outcomeIn = (result: ScoreResult) =>
  new Map(result.sections.flatMap((s) => s.items.map((i) => [i.key, i.outcome] as const)));

describe("judgeActions (properties)", () => {
  it("verified_by_visit only when every judged item passed, and at least one was judged", () => {
    fc.assert(
      fc.property(watched, results, fc.integer({ min: 0, max: 120 }), (actions, result, startedAt) => {
        const outcomes = outcomeIn(result);
        for (const j of judgeActions(actions, result, startedAt)) {
          const action = actions.find((a) => a.id === j.id) as WatchedAction;
          const judged = action.itemKeys
            .map((k) => outcomes.get(k))
            .filter((o) => o === "pass" || o === "fail" || o === "partial");
          expect(judged.length).toBeGreaterThan(0);
          expect(j.next === "verified_by_visit").toBe(judged.every((o) => o === "pass"));
          expect(j.finding === "met").toBe(j.next === "verified_by_visit");
          if (j.finding === "failed") expect(j.next).toBe("open");
        }
      }),
    );
  });

  it("a recurrence only from done or verified, and only on a failure", () => {
    fc.assert(
      fc.property(watched, results, fc.integer({ min: 0, max: 120 }), (actions, result, startedAt) => {
        for (const j of judgeActions(actions, result, startedAt)) {
          const action = actions.find((a) => a.id === j.id) as WatchedAction;
          expect(j.recurrence).toBe(
            j.finding === "failed" && (action.status === "done" || action.status === "verified"),
          );
        }
      }),
    );
  });

  it("visits that started at or before watchFrom never judge; verified_by_visit is final", () => {
    fc.assert(
      fc.property(watched, results, fc.integer({ min: 0, max: 120 }), (actions, result, startedAt) => {
        for (const j of judgeActions(actions, result, startedAt)) {
          const action = actions.find((a) => a.id === j.id) as WatchedAction;
          expect(startedAt).toBeGreaterThan(action.watchFrom);
          expect(action.status).not.toBe("verified_by_visit");
        }
      }),
    );
  });

  it("examples: met, failed again after done, N/A says nothing", () => {
    const result = resultOf({ a: "pass", b: "fail", c: "na" });
    expect(
      judgeActions(
        [
          { id: "1", status: "open", itemKeys: ["a"], watchFrom: 0 },
          { id: "2", status: "done", itemKeys: ["a", "b"], watchFrom: 0 },
          { id: "3", status: "verified", itemKeys: ["c"], watchFrom: 0 },
          { id: "4", status: "open", itemKeys: ["b"], watchFrom: 10 },
        ],
        result,
        5,
      ),
    ).toEqual([
      { id: "1", finding: "met", next: "verified_by_visit", recurrence: false },
      { id: "2", finding: "failed", next: "open", recurrence: true },
    ]);
  });
});

describe("actionStep", () => {
  it("answers every status, step and role as the state diagram says", () => {
    for (const role of ROLES) {
      for (const status of ACTION_STATUSES) {
        const writer = ACTION_WRITER_ROLES.includes(role);
        const verifier = ACTION_VERIFIER_ROLES.includes(role);
        const expectStep = (
          step: Parameters<typeof actionStep>[1],
          from: ActionStatus,
          next: ActionStatus,
          may: boolean,
        ) =>
          expect(actionStep(status, step, role)).toEqual(
            !may
              ? { ok: false, refusal: "forbidden" }
              : status === from
                ? { ok: true, next }
                : { ok: false, refusal: "invalid_state" },
          );
        expectStep("done", "open", "done", writer);
        expectStep("verified", "done", "verified", verifier);
        expectStep("returned", "done", "open", verifier);
        expectStep("reopened", "verified", "open", verifier);
      }
    }
  });

  it("edits while open or done only", () => {
    expect(ACTION_STATUSES.filter(editable)).toEqual(["open", "done"]);
  });
});

describe("dates", () => {
  it("overdue: open and past its due date (a done action is not overdue)", () => {
    expect(isOverdue({ status: "open", dueDate: "2026-03-01" }, "2026-03-01")).toBe(false);
    expect(isOverdue({ status: "open", dueDate: "2026-03-01" }, "2026-03-02")).toBe(true);
    expect(isOverdue({ status: "done", dueDate: "2026-03-01" }, "2026-03-09")).toBe(false);
  });

  it("escalations: one at the due date, a second 3 days later, none once done", () => {
    const open = { status: "open" as const, dueDate: "2026-02-27" };
    expect(["2026-02-26", "2026-02-27", "2026-03-01", "2026-03-02"].map((d) => escalationsDue(open, d))).toEqual([
      0, 1, 1, 2,
    ]);
    expect(escalationsDue({ ...open, status: "done" }, "2026-03-09")).toBe(0);
  });

  it("addDays crosses months and leap days", () => {
    expect(addDays("2028-02-27", 2)).toBe("2028-02-29");
    expect(addDays("2026-12-30", 7)).toBe("2027-01-06");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("items", () => {
  it("failedCriticalItems: critical keys that failed (partial is not a critical failure)", () => {
    const result = resultOf({ a: "fail", b: "partial", c: "pass", d: "fail" });
    expect(failedCriticalItems(result, new Set(["a", "b", "c"]))).toEqual(["a"]);
  });

  it("checkActionItems: items that lost points only", () => {
    const result = resultOf({ a: "fail", b: "partial", c: "pass", d: "na" });
    expect(checkActionItems(result, ["a", "b"])).toEqual([]);
    expect(checkActionItems(result, ["c", "d", "z"]).map((p) => `${p.path}:${p.code}`)).toEqual([
      "itemKeys[0]:not_allowed",
      "itemKeys[1]:not_allowed",
      "itemKeys[2]:unknown_reference",
    ]);
  });
});

describe("actionFigures", () => {
  const DAY = 86_400_000;
  const utc = (instant: number) => new Date(instant).toISOString().slice(0, 10);
  const T = Date.parse("2026-03-10T04:00:00Z");
  const fact = (f: Partial<ActionFact>): ActionFact => ({
    status: "open",
    dueDate: "2026-03-15",
    createdAt: T - 10 * DAY,
    doneAt: null,
    closedAt: null,
    recurrences: 0,
    today: "2026-03-10",
    localDate: utc,
    ...f,
  });

  it("empty: counts of zero and rates of null", () => {
    expect(actionFigures([])).toEqual({
      open: 0,
      overdue: 0,
      done: 0,
      closed: 0,
      closedOnTime: 0,
      closureRateOnTime: null,
      medianDaysToClose: null,
      recurrences: 0,
      recurrenceRate: null,
    });
  });

  it("on time by the branch's calendar; median of days to close; recurrence over actions ever closed", () => {
    const figures = actionFigures([
      fact({ dueDate: "2026-03-09" }), // overdue
      fact({ status: "done", doneAt: T - 8 * DAY, dueDate: "2026-03-02" }), // on time, 2 days
      fact({ status: "verified", doneAt: T - 2 * DAY, closedAt: T - DAY, dueDate: "2026-03-05" }), // late, 8 days
      fact({ status: "verified_by_visit", closedAt: T - 6 * DAY, dueDate: "2026-03-04" }), // on time (visit), 4 days
      fact({ recurrences: 2 }),
    ]);
    expect(figures).toEqual({
      open: 2,
      overdue: 1,
      done: 1,
      closed: 2,
      closedOnTime: 2,
      closureRateOnTime: 0.5,
      medianDaysToClose: 4,
      recurrences: 1,
      recurrenceRate: 0.25,
    });
  });

  it("closedMoment: done first, else the visit's verification; none while open", () => {
    expect(closedMoment({ status: "verified", doneAt: 5, closedAt: 9 })).toBe(5);
    expect(closedMoment({ status: "verified_by_visit", doneAt: null, closedAt: 9 })).toBe(9);
    expect(closedMoment({ status: "open", doneAt: 5, closedAt: null })).toBeNull();
  });
});
