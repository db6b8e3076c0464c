/**
 * Reading the trail for people: a filtered page of the audit log with the actors' names, and
 * the verification of an organisation's whole chain.
 */
import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import { memberships, users } from "../../schema";
import { type ChainVerdict, createChainVerifier } from "../domain/trail";
import type { Db } from "./db";
import {
  chainHeadOf,
  chainHeadQuery,
  chainPageQuery,
  type EventFilter,
  type EventRow,
  listEventsQuery,
} from "./events";
import { memberName } from "./users";

/**
 * A page of the audit log, newest first, the organisation's names of the actors on it, and which
 * of its subjects are a deleted person (their user or a membership of theirs: the presenter shows
 * those events without personal details, docs/PRIVACY.md): ONE round trip (the names and erased
 * statements read the page's ids through the page query itself).
 */
export async function auditLogPage(
  db: Db,
  organizationId: string,
  filter: EventFilter,
  before: number | null,
  limit: number,
): Promise<{ items: EventRow[]; names: Map<string, string>; erased: Set<string>; nextCursor: number | null }> {
  const page = listEventsQuery(db, organizationId, filter, before, limit + 1).as("page");
  const subjects = db.select({ id: page.subjectId }).from(page);
  const [rows, nameRows, erasedRows] = await db.batch([
    listEventsQuery(db, organizationId, filter, before, limit + 1),
    db
      .select({ id: users.id, name: memberName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          inArray(users.id, db.select({ id: page.actorId }).from(page)),
        ),
      ),
    db
      .select({ userId: users.id, membershipId: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          isNotNull(users.deletedAt),
          or(inArray(users.id, subjects), inArray(memberships.id, subjects)),
        ),
      ),
  ]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    names: new Map(nameRows.map((r) => [r.id, r.name])),
    erased: new Set(erasedRows.flatMap((r) => [r.userId, r.membershipId])),
    nextCursor: rows.length > limit && last ? last.seq : null,
  };
}

/** Events read per round trip while verifying. */
export const VERIFY_PAGE_SIZE = 500;

/**
 * Verifies an organisation's chain from its first event to its head, page by page (memory stays
 * at one page). Cost: one D1 round trip per 500 events and one SHA-256 per event. A Worker has
 * 30 s of CPU by default (up to 5 min when configured) and 1,000 subrequests on the paid plan:
 * 200,000 events are 400 reads and ~1–2 s of hashing, well inside; a chain of many millions
 * would need checkpoints (verify from a known-good seq) — `npm run audit-log:verify` has no limit.
 */
export async function verifyChain(db: Db, organizationId: string): Promise<ChainVerdict> {
  const head = chainHeadOf(await chainHeadQuery(db, organizationId));
  const verifier = createChainVerifier();
  for (let after = 0; head && after < head.seq; after += VERIFY_PAGE_SIZE) {
    await verifier.push(await chainPageQuery(db, organizationId, after, VERIFY_PAGE_SIZE));
  }
  return verifier.verdict();
}
