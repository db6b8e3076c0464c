/**
 * Reads and writes of a shopper's answer to a visit they were given or claimed (docs/ROUNDS.md,
 * "Accepting and declining"): accept (a time stamp), or decline — the visit cancelled for them,
 * the decline counted, a round's visit back on the job board — in ONE guarded batch.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { assignments, audits, branches, declines, memberships, roundVisits, users } from "../../schema";
import type { Db } from "./db";

/** One assignment of the organisation as accept and decline read it (with its decline, if any). */
export function answerableAssignmentQuery(db: Db, organizationId: string, id: string) {
  return db
    .select({
      id: assignments.id,
      status: assignments.status,
      shopperId: assignments.shopperId,
      shopperName: users.displayName,
      branchId: assignments.branchId,
      timezone: branches.timezone,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      roundId: assignments.roundId,
      roundVisitId: assignments.roundVisitId,
      createdBy: assignments.createdBy,
      acceptedAt: assignments.acceptedAt,
      hasReport: sql<number>`exists (select 1 from ${audits} where ${audits.assignmentId} = ${assignments.id})`,
      declineId: sql<string | null>`${declines.id}`.as("decline_id"),
      declineLate: declines.late,
    })
    .from(assignments)
    .innerJoin(branches, eq(branches.id, assignments.branchId))
    .innerJoin(users, eq(users.id, assignments.shopperId))
    .leftJoin(declines, eq(declines.assignmentId, assignments.id))
    .where(and(eq(assignments.organizationId, organizationId), eq(assignments.id, id)))
    .limit(1);
}

export type AnswerableAssignment = Awaited<ReturnType<typeof answerableAssignmentQuery>>[number];

/** An open assignment with no report yet: what accept and decline guard on. */
function stillOpen(organizationId: string, id: string, shopperId: string) {
  return and(
    eq(assignments.organizationId, organizationId),
    eq(assignments.id, id),
    eq(assignments.shopperId, shopperId),
    eq(assignments.status, "open"),
    sql`not exists (select 1 from ${audits} where ${audits.assignmentId} = ${assignments.id})`,
  );
}

/** The accept's guarded UPDATE: the time stamp, once, while the visit is open and has no report. */
export function acceptStatement(db: Db, row: AnswerableAssignment, organizationId: string, now: number) {
  return db
    .update(assignments)
    .set({ acceptedAt: now, updatedAt: now })
    .where(and(stillOpen(organizationId, row.id, row.shopperId), isNull(assignments.acceptedAt)));
}

/**
 * The decline's statements: the decline, the round's visit back on the board (whatever the
 * round's staffing), then the guarded UPDATE LAST (`recordChange` with `guarded`): the
 * assignment cancelled only while it is open and no report arrived — otherwise the whole batch
 * fails and nothing is kept.
 */
export function declineStatements(
  db: Db,
  organizationId: string,
  row: AnswerableAssignment,
  decline: { id: string; reason: string; late: boolean },
  now: number,
): BatchItem<"sqlite">[] {
  return [
    db
      .insert(declines)
      .values({
        id: decline.id,
        organizationId,
        assignmentId: row.id,
        roundVisitId: row.roundVisitId,
        shopperId: row.shopperId,
        reason: decline.reason,
        late: decline.late,
        createdAt: now,
      })
      // A second decline at the same time: its guard below fails the batch (not this insert).
      .onConflictDoNothing(),
    ...(row.roundVisitId
      ? [
          db
            .update(roundVisits)
            .set({ status: "posted", assignmentId: null })
            .where(
              and(
                eq(roundVisits.organizationId, organizationId),
                eq(roundVisits.id, row.roundVisitId),
                eq(roundVisits.assignmentId, row.id),
                eq(roundVisits.status, "staffed"),
              ),
            ),
        ]
      : []),
    db
      .update(assignments)
      .set({ status: "cancelled", updatedAt: now })
      .where(stillOpen(organizationId, row.id, row.shopperId)),
  ];
}

const DAY_MS = 86_400_000;

/**
 * A shopper's declines: all, the late ones (after the cut-off), and those of the last 90 days.
 * `shopperId` is a user id (or a membership's, resolved within the organisation).
 */
export function declineCountsQuery(db: Db, organizationId: string, memberId: string, now: number) {
  const since = now - 90 * DAY_MS;
  return db
    .select({
      total: sql<number>`count(*)`,
      late: sql<number>`coalesce(sum(${declines.late}), 0)`,
      last90Days: sql<number>`coalesce(sum(${declines.createdAt} >= ${since}), 0)`,
    })
    .from(declines)
    .where(
      and(
        eq(declines.organizationId, organizationId),
        sql`${declines.shopperId} = coalesce((select ${memberships.userId} from ${memberships}
          where ${memberships.organizationId} = ${organizationId} and ${memberships.id} = ${memberId}), ${memberId})`,
      ),
    );
}

export interface DeclineCounts {
  total: number;
  late: number;
  last90Days: number;
}

/** The counts as numbers (SQLite sums may come back as strings or null). */
export function readDeclineCounts(
  rows: ReadonlyArray<{ total: number; late: number; last90Days: number }>,
): DeclineCounts {
  const [row] = rows;
  return { total: Number(row?.total ?? 0), late: Number(row?.late ?? 0), last90Days: Number(row?.last90Days ?? 0) };
}
