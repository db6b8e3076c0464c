/// <reference types="vite/client" />
/**
 * The trail is written in one place, worker/data/events.ts: `appendEventStatements` (every
 * request) and `appendEventStatementsInBulk` (the demo seed's year of history). Any other insert,
 * update or delete on `events` (drizzle, a bulk insert helper or raw SQL) in worker/ or scripts/
 * fails here.
 */
import { describe, expect, it } from "vitest";

/** The sources, as text (Vite reads them at transform time: the test runs inside workerd, without a file system). */
const SOURCES = import.meta.glob(["/worker/**/*.ts", "/scripts/**/*.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const WRITES = [
  /\.(insert|update|delete)\(\s*events\s*\)/,
  /\bjsonInsertStatements\(\s*\w+\s*,\s*events\b/,
  /\b(insert\s+(or\s+\w+\s+)?into|update|delete\s+from)\s+["`]?events["`]?\b/i,
];

/** The functions of worker/data/events.ts that may write to `events`. */
const WRITERS = new Set(["appendEventStatements", "appendEventStatementsInBulk"]);

/** The name of the top-level function `lines[index]` is in (the last `function name(` above it). */
function enclosingFunction(lines: readonly string[], index: number): string | null {
  for (let i = index; i >= 0; i--) {
    const match = /^(?:export\s+)?(?:async\s+)?function\s+(\w+)/.exec(lines[i] ?? "");
    if (match) return match[1] ?? null;
  }
  return null;
}

describe("writes to the events table", () => {
  it("happen only in appendEventStatements and appendEventStatementsInBulk (worker/data/events.ts)", () => {
    const offenders: string[] = [];
    let allowed = 0;
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    for (const [path, text] of Object.entries(SOURCES)) {
      const lines = text.split("\n");
      lines.forEach((line, i) => {
        if (!WRITES.some((re) => re.test(line))) return;
        const writer = enclosingFunction(lines, i);
        if (path.endsWith("/worker/data/events.ts") && writer !== null && WRITERS.has(writer)) allowed++;
        else offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
    // Both writers were seen: the patterns still match the code they guard.
    expect(allowed).toBe(2);
  });

  it("would catch one", () => {
    expect(WRITES.some((re) => re.test('await db.update(events).set({ payload: "{}" })'))).toBe(true);
    expect(WRITES.some((re) => re.test("DELETE FROM events WHERE seq = 3"))).toBe(true);
    expect(WRITES.some((re) => re.test("...jsonInsertStatements(tx, events, rows)"))).toBe(true);
    expect(WRITES.some((re) => re.test("db.insert(eventsArchive)"))).toBe(false);
    expect(WRITES.some((re) => re.test("jsonInsertStatements(db, audits, rows)"))).toBe(false);
  });
});
