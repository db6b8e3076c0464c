/** Reading an organisation's roll-up tables whole, for the property tests that compare them with a rebuild. */
import { eq } from "drizzle-orm";
import { ROLLUP_TABLES as TABLES } from "../../worker/data/rollups";
import { db } from "./helpers";

/** Every roll-up row of the organisation, as sorted JSON lines per table. */
export async function readRollups(org: string): Promise<Record<keyof typeof TABLES, string[]>> {
  const database = db();
  const tables = Object.entries(TABLES);
  const read = await Promise.all(
    tables.map(([, table]) => database.select().from(table).where(eq(table.organizationId, org))),
  );
  return Object.fromEntries(
    tables.map(([name], i) => [name, (read[i] ?? []).map((row) => JSON.stringify(row)).sort()]),
  ) as Record<keyof typeof TABLES, string[]>;
}

/** How many audits the branch-level score roll-ups count, over all their rows. */
export function countedAudits(rollups: Awaited<ReturnType<typeof readRollups>>): number {
  return rollups.scores.reduce((n, row) => n + (JSON.parse(row) as { audits: number }).audits, 0);
}
