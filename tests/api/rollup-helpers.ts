/** Reading an organisation's roll-up tables whole, for the property tests that compare them with a rebuild. */
import { eq } from "drizzle-orm";
import {
  rollupItems,
  rollupOrgItems,
  rollupOrgScores,
  rollupOrgSections,
  rollupRegionItems,
  rollupRegionScores,
  rollupRegionSections,
  rollupScores,
  rollupSections,
} from "../../schema";
import { db } from "./helpers";

/** Every roll-up row of the organisation, as sorted JSON lines per table. */
export async function readRollups(org: string) {
  const database = db();
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    scores: sort(await database.select().from(rollupScores).where(eq(rollupScores.organizationId, org))),
    items: sort(await database.select().from(rollupItems).where(eq(rollupItems.organizationId, org))),
    sections: sort(await database.select().from(rollupSections).where(eq(rollupSections.organizationId, org))),
    regionScores: sort(
      await database.select().from(rollupRegionScores).where(eq(rollupRegionScores.organizationId, org)),
    ),
    regionItems: sort(await database.select().from(rollupRegionItems).where(eq(rollupRegionItems.organizationId, org))),
    regionSections: sort(
      await database.select().from(rollupRegionSections).where(eq(rollupRegionSections.organizationId, org)),
    ),
    orgScores: sort(await database.select().from(rollupOrgScores).where(eq(rollupOrgScores.organizationId, org))),
    orgItems: sort(await database.select().from(rollupOrgItems).where(eq(rollupOrgItems.organizationId, org))),
    orgSections: sort(await database.select().from(rollupOrgSections).where(eq(rollupOrgSections.organizationId, org))),
  };
}

/** How many audits the branch-level score roll-ups count, over all their rows. */
export function countedAudits(rollups: Awaited<ReturnType<typeof readRollups>>): number {
  return rollups.scores.reduce((n, row) => n + (JSON.parse(row) as { audits: number }).audits, 0);
}
