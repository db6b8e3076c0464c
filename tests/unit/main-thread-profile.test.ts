/** bench/main-thread-profile.ts: the main thread's tasks and self times from a Chrome trace, on a hand-made trace. */
import { describe, expect, it } from "vitest";
import { fileOf, kindOf, summariseTrace, type TraceEvent } from "../../bench/main-thread-profile";

const PAGE = "http://127.0.0.1:1234/visits/a1/form";
const main = { pid: 7, tid: 1 };
/** A complete event on the tab's main thread, `start` and `dur` in ms from navigation start (ts 1,000,000 µs). */
const x = (name: string, start: number, dur: number, data: Record<string, unknown> = {}): TraceEvent => ({
  name,
  ph: "X",
  ts: 1_000_000 + start * 1000,
  dur: dur * 1000,
  ...main,
  args: { data },
});

describe("fileOf", () => {
  it("keeps the file of a script URL", () => {
    expect(fileOf("http://127.0.0.1:8841/assets/app-abc.js?v=1")).toBe("app-abc.js");
    expect(fileOf(undefined)).toBe("(no file)");
  });
});

describe("kindOf", () => {
  it("names script, style, layout and paint events", () => {
    expect(kindOf(x("EvaluateScript", 0, 1, { url: "http://h/boot.js" }))).toBe("evaluate boot.js");
    expect(kindOf(x("UpdateLayoutTree", 0, 1))).toBe("style");
    expect(kindOf(x("Layout", 0, 1))).toBe("layout");
    expect(kindOf(x("Paint", 0, 1))).toBe("paint");
    expect(kindOf(x("RunTask", 0, 1))).toBeUndefined();
  });
});

describe("summariseTrace", () => {
  const events: TraceEvent[] = [
    // Another tab's main thread: ignored.
    {
      name: "navigationStart",
      ph: "R",
      ts: 500_000,
      pid: 9,
      tid: 1,
      args: { data: { documentLoaderURL: "http://other/" } },
    },
    {
      name: "navigationStart",
      ph: "R",
      ts: 1_000_000,
      ...main,
      args: { data: { documentLoaderURL: PAGE, isMainFrame: true } },
    },
    // Task 1 (10–40 ms): 20 ms evaluating boot.js, of which 5 ms in a style recalc; 10 ms of nothing named.
    x("RunTask", 10, 30),
    x("EvaluateScript", 10, 20, { url: "http://127.0.0.1:1234/boot.js" }),
    x("UpdateLayoutTree", 15, 5),
    // Task 2 (50–60 ms): layout 6, paint 4; a nested RunTask is not a task of its own.
    x("RunTask", 50, 10),
    x("RunTask", 51, 2),
    x("Layout", 50, 6),
    x("Paint", 56, 4),
    // After the open (on screen at 100): left out.
    x("RunTask", 120, 10),
    { name: "courtesy:boot", ph: "R", ts: 1_012_000, ...main },
    { name: "courtesy:late", ph: "R", ts: 1_150_000, ...main },
    // CPU samples: 3 samples 1 ms apart on `render` (app.js), then one on (idle).
    { name: "Profile", ph: "P", ts: 1_000_000, ...main, id: "0x1", args: { data: { startTime: 1_000_000 } } },
    {
      name: "ProfileChunk",
      ph: "P",
      ts: 1_001_000,
      pid: main.pid,
      tid: 99,
      id: "0x1",
      args: {
        data: {
          cpuProfile: {
            nodes: [
              { id: 1, callFrame: { functionName: "(root)", url: "" } },
              { id: 2, parent: 1, callFrame: { functionName: "render", url: "http://h/assets/app.js" } },
              { id: 3, parent: 1, callFrame: { functionName: "(idle)", url: "" } },
            ],
            samples: [2, 2, 2, 3, 3],
          },
          timeDeltas: [20_000, 1000, 1000, 1000, 1000],
        },
      },
    },
  ];
  const profile = summariseTrace(events, PAGE, 100);

  it("lists the tab's top-level tasks up to on screen, with exclusive time per kind", () => {
    expect(profile.tasks.map((t) => [t.start, t.duration])).toEqual([
      [10, 30],
      [50, 10],
    ]);
    expect(profile.tasks[0]?.parts).toEqual([
      { what: "evaluate boot.js", ms: 15 },
      { what: "other", ms: 10 },
      { what: "style", ms: 5 },
    ]);
    expect(profile.tasks[0]?.marks).toEqual(["boot"]);
    expect(profile.tasks[1]?.parts).toEqual([
      { what: "layout", ms: 6 },
      { what: "paint", ms: 4 },
    ]);
    expect(profile.busyMs).toBe(40);
    expect(profile.marks).toEqual([{ name: "boot", at: 12 }]);
  });

  it("adds up the V8 samples' self time by function and file, without idle", () => {
    expect(profile.functions).toEqual([{ what: "render app.js", ms: 3 }]);
    expect(profile.files).toEqual([{ what: "app.js", ms: 3 }]);
  });
});
