/**
 * "Your data" (`GET /api/v1/me/export`, docs/PRIVACY.md): everything about one person across
 * their organisations, read in keyset pages so the Worker holds one page at a time whatever the
 * person's history (a shopper with thousands of reports streams them page by page). Every query
 * names the person's own id and the organisation of one of their memberships.
 */
import { and, asc, eq, gt, or, type SQL, sql } from "drizzle-orm";
import {
  actions,
  answers,
  assignments,
  audits,
  branches,
  calibrationAnswers,
  calibrationRaters,
  calibrations,
  complaints,
  declines,
  disputeItems,
  disputes,
  earnings,
  events,
  evidence,
  expenses,
  membershipBranches,
  membershipRegions,
  memberships,
  notifications,
  organizations,
  sessions,
  shopperProfiles,
  users,
} from "../../schema";
import { staffNameShown } from "../domain/staff-names";
import { type Db, inJsonList, parseJsonColumn } from "./db";

/** Rows by a key, in their order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Rows per page of every list in the export: a page of reports also reads their answers. */
export const MY_DATA_PAGE = 100;

/** The person's profile: no password hash, no second-factor secret (only whether one is on). */
export function myProfileQuery(db: Db, userId: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      emailMode: users.emailMode,
      timeZone: users.timeZone,
      twoFactorSince: users.totpEnabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
}

/** Every membership (any state) with its organisation, scope and shopper coverage. */
export function myMembershipsQuery(db: Db, userId: string) {
  return db
    .select({
      id: memberships.id,
      organizationId: memberships.organizationId,
      organizationEn: sql<string>`${organizations.nameEn}`.as("organization_en"),
      organizationZh: sql<string>`${organizations.nameZh}`.as("organization_zh"),
      role: memberships.role,
      status: memberships.status,
      label: memberships.displayLabel,
      acceptedAt: memberships.acceptedAt,
      createdAt: memberships.createdAt,
      regionIds:
        sql<string>`(select json_group_array(${membershipRegions.regionId}) from ${membershipRegions} where ${membershipRegions.membershipId} = ${memberships.id})`.as(
          "scope_regions",
        ),
      branchIds:
        sql<string>`(select json_group_array(${membershipBranches.branchId}) from ${membershipBranches} where ${membershipBranches.membershipId} = ${memberships.id})`.as(
          "scope_branches",
        ),
      coverage: sql<
        string | null
      >`(select json_object('channels', json(${shopperProfiles.channels}), 'regionIds', json(${shopperProfiles.regionIds}), 'cities', json(${shopperProfiles.cities}), 'excludedBranchIds', json(${shopperProfiles.excludedBranchIds}), 'rating', ${shopperProfiles.rating}) from ${shopperProfiles} where ${shopperProfiles.membershipId} = ${memberships.id})`.as(
        "coverage",
      ),
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

export type MyMembershipRow = Awaited<ReturnType<typeof myMembershipsQuery>>[number];

/** The person's sessions: times only (never a token hash). */
export function mySessionsQuery(db: Db, userId: string) {
  return db
    .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(sessions.createdAt))
    .limit(MY_DATA_PAGE * 10);
}

/** Where a page starts: after the last id of the previous one (null: the first page). */
const after = (column: Parameters<typeof gt>[0], cursor: string | null): SQL | undefined =>
  cursor === null ? undefined : gt(column, cursor);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One page of the reports the person submitted in one organisation (index audits_org_shopper_idx),
 * with their answers, comments and photo hashes read in the same round trip.
 */
export async function myReportsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  const page = db
    .select({
      id: audits.id,
      branchId: audits.branchId,
      branchEn: sql<string>`${branches.nameEn}`.as("branch_en"),
      branchZh: sql<string>`${branches.nameZh}`.as("branch_zh"),
      status: audits.status,
      contact: audits.contact,
      visitStartedAt: audits.visitStartedAt,
      visitEndedAt: audits.visitEndedAt,
      locationLat: audits.locationLat,
      locationLng: audits.locationLng,
      locationAccuracy: audits.locationAccuracy,
      locationTakenAt: audits.locationTakenAt,
      fixes: sql<string>`${audits.fixes}`.as("fixes_json"),
      staffDescription: audits.staffDescription,
      staffName: audits.staffName,
      staffNames: sql<"allowed" | "initials" | "role_only">`${organizations.staffNames}`.as("staff_names_policy"),
      overallComment: audits.overallComment,
      score: audits.score,
      submittedAt: audits.submittedAt,
      publishedAt: audits.publishedAt,
      fixesErasedAt: audits.fixesErasedAt,
      photosErasedAt: audits.photosErasedAt,
      deidentifiedAt: audits.deidentifiedAt,
    })
    .from(audits)
    .innerJoin(branches, eq(branches.id, audits.branchId))
    .innerJoin(organizations, eq(organizations.id, audits.organizationId))
    .where(and(eq(audits.organizationId, organizationId), eq(audits.shopperId, userId), after(audits.id, cursor)))
    .orderBy(asc(audits.id))
    .limit(MY_DATA_PAGE);
  // The same page's ids, as a subquery: answers and photos come in the same batch.
  const pageIds = sql`(select ${audits.id} from ${audits} where ${audits.organizationId} = ${organizationId} and ${audits.shopperId} = ${userId}${cursor === null ? sql`` : sql` and ${audits.id} > ${cursor}`} order by ${audits.id} limit ${MY_DATA_PAGE})`;
  const [rows, answerRows, photoRows] = await db.batch([
    page,
    db
      .select({
        auditId: answers.auditId,
        item: answers.itemKey,
        value: sql<string | null>`${answers.value}`.as("answer_value"),
        na: answers.na,
        comment: answers.comment,
      })
      .from(answers)
      .where(sql`${answers.auditId} in ${pageIds}`)
      .orderBy(asc(answers.auditId), asc(answers.itemKey)),
    db
      .select({ auditId: evidence.auditId, item: evidence.itemKey, sha256: evidence.sha256 })
      .from(evidence)
      .where(sql`${evidence.auditId} in ${pageIds}`)
      .orderBy(asc(evidence.auditId), asc(evidence.itemKey), asc(evidence.sha256)),
  ]);
  const answersOf = groupBy(answerRows, (a) => a.auditId);
  const photosOf = groupBy(photoRows, (p) => p.auditId);
  return rows.map((r) => ({
    id: r.id,
    organizationId,
    branch: { id: r.branchId, name: { en: r.branchEn, zh: r.branchZh } },
    status: r.status,
    contact: r.contact,
    visitStartedAt: iso(r.visitStartedAt),
    visitEndedAt: iso(r.visitEndedAt),
    location:
      r.locationLat === null || r.locationLng === null
        ? null
        : {
            lat: r.locationLat,
            lng: r.locationLng,
            accuracy: r.locationAccuracy,
            takenAt: iso(r.locationTakenAt),
          },
    fixes: parseJsonColumn<Array<Record<string, number>>>(r.fixes).map((f) => ({
      ...f,
      takenAt: iso(f.takenAt ?? null),
    })),
    staffDescription: r.staffDescription,
    staffName: staffNameShown(r.staffName, r.staffNames),
    overallComment: r.overallComment,
    score: r.score,
    submittedAt: iso(r.submittedAt),
    publishedAt: iso(r.publishedAt),
    erased: { fixes: iso(r.fixesErasedAt), photos: iso(r.photosErasedAt), deidentified: iso(r.deidentifiedAt) },
    answers: (answersOf.get(r.id) ?? []).map((a) => ({
      item: a.item,
      ...(a.na ? { na: true } : { value: a.value === null ? null : parseJsonColumn<unknown>(a.value) }),
      comment: a.comment,
      photos: (photosOf.get(r.id) ?? []).filter((p) => p.item === a.item).map((p) => p.sha256),
    })),
  }));
}

/** One page of the visits the person was given (planned, done, cancelled) in one organisation. */
export function myAssignmentsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      id: assignments.id,
      organizationId: assignments.organizationId,
      branchId: assignments.branchId,
      windowStart: assignments.windowStart,
      windowEnd: assignments.windowEnd,
      scenario: assignments.scenario,
      status: assignments.status,
      feeCents: assignments.feeCents,
      reimbursementCapCents: assignments.reimbursementCapCents,
      acceptedAt: assignments.acceptedAt,
      createdAt: assignments.createdAt,
    })
    .from(assignments)
    .where(
      and(
        eq(assignments.organizationId, organizationId),
        eq(assignments.shopperId, userId),
        after(assignments.id, cursor),
      ),
    )
    .orderBy(asc(assignments.id))
    .limit(MY_DATA_PAGE);
}

export function myDeclinesPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      id: declines.id,
      organizationId: declines.organizationId,
      assignmentId: declines.assignmentId,
      reason: declines.reason,
      late: declines.late,
      createdAt: declines.createdAt,
    })
    .from(declines)
    .where(and(eq(declines.organizationId, organizationId), eq(declines.shopperId, userId), after(declines.id, cursor)))
    .orderBy(asc(declines.id))
    .limit(MY_DATA_PAGE);
}

export function myEarningsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      assignmentId: earnings.assignmentId,
      organizationId: earnings.organizationId,
      auditId: earnings.auditId,
      feeCents: earnings.feeCents,
      reimbursementCapCents: earnings.reimbursementCapCents,
      reimbursementCents: earnings.reimbursementCents,
      status: earnings.status,
      payoutId: earnings.payoutId,
      payableAt: earnings.payableAt,
    })
    .from(earnings)
    .where(
      and(
        eq(earnings.organizationId, organizationId),
        eq(earnings.shopperId, userId),
        after(earnings.assignmentId, cursor),
      ),
    )
    .orderBy(asc(earnings.assignmentId))
    .limit(MY_DATA_PAGE);
}

export function myExpensesPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      assignmentId: expenses.assignmentId,
      organizationId: expenses.organizationId,
      amountCents: expenses.amountCents,
      receiptSha256: expenses.receiptSha256,
      note: expenses.note,
      createdAt: expenses.createdAt,
      updatedAt: expenses.updatedAt,
    })
    .from(expenses)
    .where(
      and(
        eq(expenses.organizationId, organizationId),
        eq(expenses.shopperId, userId),
        after(expenses.assignmentId, cursor),
      ),
    )
    .orderBy(asc(expenses.assignmentId))
    .limit(MY_DATA_PAGE);
}

/** The calibrations the person rated, with their own answers (never another rater's). */
export async function myCalibrationsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  const rows = await db
    .select({
      calibrationId: calibrationRaters.calibrationId,
      title: calibrations.title,
      submittedAt: calibrationRaters.submittedAt,
    })
    .from(calibrationRaters)
    .innerJoin(calibrations, eq(calibrations.id, calibrationRaters.calibrationId))
    .where(
      and(
        eq(calibrationRaters.organizationId, organizationId),
        eq(calibrationRaters.userId, userId),
        after(calibrationRaters.calibrationId, cursor),
      ),
    )
    .orderBy(asc(calibrationRaters.calibrationId))
    .limit(MY_DATA_PAGE);
  const answerRows = rows.length
    ? await db
        .select({
          calibrationId: calibrationAnswers.calibrationId,
          item: calibrationAnswers.itemKey,
          value: sql<string | null>`${calibrationAnswers.value}`.as("calibration_value"),
          na: calibrationAnswers.na,
          comment: calibrationAnswers.comment,
        })
        .from(calibrationAnswers)
        .where(
          and(
            eq(calibrationAnswers.raterId, userId),
            inJsonList(
              calibrationAnswers.calibrationId,
              rows.map((r) => r.calibrationId),
            ),
          ),
        )
        .orderBy(asc(calibrationAnswers.calibrationId), asc(calibrationAnswers.itemKey))
    : [];
  const answersOf = groupBy(answerRows, (a) => a.calibrationId);
  return rows.map((r) => ({
    calibrationId: r.calibrationId,
    organizationId,
    title: r.title,
    submittedAt: iso(r.submittedAt),
    answers: (answersOf.get(r.calibrationId) ?? []).map((a) => ({
      item: a.item,
      ...(a.na ? { na: true } : { value: a.value === null ? null : parseJsonColumn<unknown>(a.value) }),
      comment: a.comment,
    })),
  }));
}

/** The disputes the person raised, with each item's reason and outcome. */
export async function myDisputesPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  const rows = await db
    .select({
      id: disputes.id,
      auditId: disputes.auditId,
      branchId: disputes.branchId,
      status: disputes.status,
      raisedAt: disputes.raisedAt,
      decidedAt: disputes.decidedAt,
      reportOutcome: disputes.reportOutcome,
      items:
        sql<string>`(select json_group_array(json_object('item', ${disputeItems.itemKey}, 'reason', ${disputeItems.reason}, 'photo', ${disputeItems.evidenceSha256}, 'outcome', ${disputeItems.outcome}, 'decisionReason', ${disputeItems.decisionReason})) from ${disputeItems} where ${disputeItems.disputeId} = ${disputes.id})`.as(
          "dispute_items_json",
        ),
    })
    .from(disputes)
    .where(and(eq(disputes.organizationId, organizationId), eq(disputes.raisedBy, userId), after(disputes.id, cursor)))
    .orderBy(asc(disputes.id))
    .limit(MY_DATA_PAGE);
  return rows.map((r) => ({
    ...r,
    organizationId,
    raisedAt: iso(r.raisedAt),
    decidedAt: iso(r.decidedAt),
    items: parseJsonColumn<unknown[]>(r.items),
  }));
}

/** Corrective actions the person owns or created. */
export function myActionsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      id: actions.id,
      organizationId: actions.organizationId,
      branchId: actions.branchId,
      auditId: actions.auditId,
      title: actions.title,
      owner: sql<boolean>`${actions.ownerUserId} is not null and ${actions.ownerUserId} = ${userId}`.as("is_owner"),
      creator: sql<boolean>`${actions.createdBy} is not null and ${actions.createdBy} = ${userId}`.as("is_creator"),
      dueDate: actions.dueDate,
      status: actions.status,
      doneNote: actions.doneNote,
      doneEvidenceSha256: actions.doneEvidenceSha256,
      doneAt: actions.doneAt,
      createdAt: actions.createdAt,
    })
    .from(actions)
    .where(
      and(
        eq(actions.organizationId, organizationId),
        or(eq(actions.ownerUserId, userId), eq(actions.createdBy, userId)),
        after(actions.id, cursor),
      ),
    )
    .orderBy(asc(actions.id))
    .limit(MY_DATA_PAGE);
}

/** Complaints the person logged: the facts, never the customer's contact details (not theirs). */
export function myComplaintsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      id: complaints.id,
      organizationId: complaints.organizationId,
      branchId: complaints.branchId,
      channel: complaints.channel,
      receivedAt: complaints.receivedAt,
      product: complaints.product,
      problem: complaints.problem,
      wants: complaints.wants,
      status: complaints.status,
      createdAt: complaints.createdAt,
    })
    .from(complaints)
    .where(
      and(eq(complaints.organizationId, organizationId), eq(complaints.loggedBy, userId), after(complaints.id, cursor)),
    )
    .orderBy(asc(complaints.id))
    .limit(MY_DATA_PAGE);
}

export function myNotificationsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      id: notifications.id,
      organizationId: notifications.organizationId,
      kind: notifications.kind,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      payload: sql<string>`${notifications.payload}`.as("notification_payload"),
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.organizationId, organizationId),
        eq(notifications.userId, userId),
        after(notifications.id, cursor),
      ),
    )
    .orderBy(asc(notifications.id))
    .limit(MY_DATA_PAGE);
}

/** The events the person caused in one organisation (index events_actor_idx), by seq. */
export function myEventsPage(db: Db, organizationId: string, userId: string, cursor: string | null) {
  return db
    .select({
      seq: events.seq,
      type: events.type,
      // As an ISO time like every other list of the file (the column is epoch milliseconds).
      at: sql<string>`strftime('%Y-%m-%dT%H:%M:%S', ${events.at} / 1000, 'unixepoch') || printf('.%03dZ', ${events.at} % 1000)`.as(
        "event_at",
      ),
      subjectType: events.subjectType,
      subjectId: events.subjectId,
    })
    .from(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        eq(events.actorId, userId),
        cursor === null ? undefined : gt(events.seq, Number(cursor)),
      ),
    )
    .orderBy(asc(events.seq))
    .limit(MY_DATA_PAGE);
}

/** A list of the export: its name in the file, how to read a page, and the key its pages follow. */
export interface MyDataList {
  name: string;
  read: (db: Db, organizationId: string, userId: string, cursor: string | null) => Promise<object[]>;
  key: string;
}

/** The lists of the export, in the file's order (docs/PRIVACY.md, "Your data"). */
export const MY_DATA_LISTS: readonly MyDataList[] = [
  { name: "reports", read: myReportsPage, key: "id" },
  { name: "assignments", read: myAssignmentsPage, key: "id" },
  { name: "declines", read: myDeclinesPage, key: "id" },
  { name: "earnings", read: myEarningsPage, key: "assignmentId" },
  { name: "expenses", read: myExpensesPage, key: "assignmentId" },
  { name: "calibrations", read: myCalibrationsPage, key: "calibrationId" },
  { name: "disputesRaised", read: myDisputesPage, key: "id" },
  { name: "actions", read: myActionsPage, key: "id" },
  { name: "complaintsLogged", read: myComplaintsPage, key: "id" },
  { name: "notifications", read: myNotificationsPage, key: "id" },
  { name: "events", read: myEventsPage, key: "seq" },
];
