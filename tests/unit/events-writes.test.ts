/// <reference types="vite/client" />
/**
 * The trail is written in one place: `appendEventStatements` in worker/data/events.ts. Any other
 * insert, update or delete on `events` (drizzle or raw SQL) in worker/ or scripts/ fails here.
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
  /\b(insert\s+(or\s+\w+\s+)?into|update|delete\s+from)\s+["`]?events["`]?\b/i,
];

describe("writes to the events table", () => {
  it("happen only in appendEventStatements (worker/data/events.ts)", () => {
    const offenders: string[] = [];
    expect(Object.keys(SOURCES).length).toBeGreaterThan(50);
    for (const [path, text] of Object.entries(SOURCES)) {
      const lines = text.split("\n");
      lines.forEach((line, i) => {
        if (!WRITES.some((re) => re.test(line))) return;
        const allowed = path.endsWith("/worker/data/events.ts") && /db\.insert\(events\)/.test(line);
        if (!allowed) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("would catch one", () => {
    expect(WRITES.some((re) => re.test('await db.update(events).set({ payload: "{}" })'))).toBe(true);
    expect(WRITES.some((re) => re.test("DELETE FROM events WHERE seq = 3"))).toBe(true);
    expect(WRITES.some((re) => re.test("db.insert(eventsArchive)"))).toBe(false);
  });
});
