import type { BatchItem } from "drizzle-orm/batch";
import { organizations } from "../../schema";
import { DEFAULT_TEMPLATES } from "../../schema/seed/templates";
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
