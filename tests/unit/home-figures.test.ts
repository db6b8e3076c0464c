import { describe, expect, it } from "vitest";
import {
  belowTarget,
  biggestDrops,
  decideFigure,
  doneOldestFirst,
  dueThisWeek,
  isOverdue,
  TARGET_SCORE,
  weekOf,
} from "../../web/areas/home/home-figures";

const row = (code: string, mean: number | null, change: number | null, insufficient = false) => ({
  branch: { code },
  score: { mean, insufficient },
  change,
});

describe("the head-office home's lists", () => {
  const league = [
    row("A", 91, 2),
    row("B", 72.5, -6.1),
    row("C", 79.9, -0.4),
    row("D", 60, null, true),
    row("E", null, null),
    row("F", 80, -9),
  ];

  it("branches below the 80-point target, lowest first, leaving out thin data", () => {
    expect(TARGET_SCORE).toBe(80);
    expect(belowTarget(league).map((r) => r.branch.code)).toEqual(["B", "C"]);
    expect(belowTarget(league, 95).map((r) => r.branch.code)).toEqual(["B", "C", "F", "A"]);
  });

  it("biggest drops first, only falls", () => {
    expect(biggestDrops(league).map((r) => r.branch.code)).toEqual(["F", "B", "C"]);
  });
});

describe("visits due this week", () => {
  it("weeks run Monday to Sunday", () => {
    expect(weekOf("2026-12-02")).toEqual({ start: "2026-11-30", end: "2026-12-06" });
    expect(weekOf("2026-12-06")).toEqual({ start: "2026-11-30", end: "2026-12-06" });
    expect(weekOf("2026-11-30")).toEqual({ start: "2026-11-30", end: "2026-12-06" });
    expect(weekOf("2027-01-01")).toEqual({ start: "2026-12-28", end: "2027-01-03" });
  });

  it("open visits whose window opens by Sunday, overdue ones included, earliest deadline first", () => {
    const visit = (id: string, windowStart: string, windowEnd: string, status = "open") => ({
      id,
      status,
      windowStart,
      windowEnd,
    });
    const due = dueThisWeek(
      [
        visit("next-week", "2026-12-07", "2026-12-13"),
        visit("this-week", "2026-12-03", "2026-12-05"),
        visit("overdue", "2026-11-20", "2026-11-27"),
        visit("done", "2026-12-01", "2026-12-02", "submitted"),
        visit("spanning", "2026-12-01", "2026-12-20"),
      ],
      "2026-12-02",
    );
    expect(due.map((v) => v.id)).toEqual(["overdue", "this-week", "spanning"]);
    expect(isOverdue(due[0] as { windowEnd: string }, "2026-12-02")).toBe(true);
    expect(isOverdue({ windowEnd: "2026-12-02" }, "2026-12-02")).toBe(false);
  });
});

describe("what waits for a verifier or an arbiter", () => {
  it("done actions, the oldest done first; anything not done left out", () => {
    const actions = [
      { id: "c", status: "done", doneAt: "2026-12-03T09:00:00.000Z" },
      { id: "b", status: "done", doneAt: "2026-12-01T18:30:00.000Z" },
      { id: "x", status: "open", doneAt: null },
      { id: "a", status: "done", doneAt: "2026-12-03T09:00:00.000Z" },
      { id: "v", status: "verified", doneAt: "2026-11-20T08:00:00.000Z" },
    ];
    expect(doneOldestFirst(actions).map((a) => a.id)).toEqual(["b", "a", "c"]);
  });

  it("counts the open disputes the reader may decide, 100+ past one page", () => {
    const items = [
      { arbitration: { mayDecide: true } },
      { arbitration: { mayDecide: false } },
      { arbitration: null },
      { arbitration: { mayDecide: true } },
    ];
    expect(decideFigure({ items, nextCursor: null })).toBe("2");
    expect(decideFigure({ items: [], nextCursor: null })).toBe("0");
    expect(decideFigure({ items, nextCursor: "x" })).toBe("2+");
  });
});
