import { eq, notExists, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { checklists, organizations } from "../../schema";
import { DEFAULT_TEMPLATES } from "../seed/templates";
import { seedChecklistStatements } from "./checklists";
import type { Db } from "./db";

export interface NewOrganization {
  id: string;
  slug: string;
  nameEn: string;
  nameZh: string;
}

/**
 * The statements that create an organisation ready to work: the organisation itself and the
 * default checklists (store visit, call-centre call), published as version 1. Batch them with
 * whatever else the caller creates, so an organisation never exists half-made.
 */
export function createOrganizationStatements(db: Db, org: NewOrganization, now: number): BatchItem<"sqlite">[] {
  return [db.insert(organizations).values(org), ...seedChecklistStatements(db, org.id, DEFAULT_TEMPLATES, now)];
}

/**
 * Gives every organisation that has no checklist at all the default ones. Organisations made
 * before checklists existed get them this way; it is idempotent, so start-up scripts run it.
 * Returns how many organisations were filled in.
 */
export async function backfillDefaultChecklists(db: Db, now: number): Promise<number> {
  const bare = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      notExists(db.select({ one: sql`1` }).from(checklists).where(eq(checklists.organizationId, organizations.id))),
    );
  const statements = bare.flatMap((org) => seedChecklistStatements(db, org.id, DEFAULT_TEMPLATES, now));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return bare.length;
}
