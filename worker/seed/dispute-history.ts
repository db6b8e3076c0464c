/**
 * The demo's trust loop after review: `disputeDemoHistory` is a pure pass over the reviewed
 * history that gives the branch manager's branch (and one other branch of the region) the
 * disputes and corrective actions a real quarter would have, with the trail those steps write.
 *
 * - Disputes: three decided at BJ-001 (one item overturned, one upheld, one ruled not
 *   applicable), one report of BJ-002 voided by the arbiter, and one still open on BJ-001's
 *   latest report. Arbiters are the admin (the reviewer reviewed every demo report: a conflict
 *   of interest). Rulings rescore the report with the one scoring rule.
 * - Actions at BJ-001: open, overdue (escalated once), done (waiting for the regional manager),
 *   verified, verified by a later visit, and one that a later visit failed again (a recurrence).
 * - Notifications for the manager, the regional manager and the shoppers concerned.
 *
 * Mutates `audits` and `answers` in place (rulings, scores, a voided status) and returns the rows
 * and events; `seedDemoHistory` writes them in its one batch and chains the events in time order.
 */
import type { ActionStatus, ItemOutcomeDecision } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import { applyRulings, disputableItems } from "../domain/disputes";
import { answerOfRow, scoreAudit } from "../domain/scoring";
import type { AnswerInsert, AuditInsert } from "./history";
import type { SeedEvent } from "./review-history";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DisputeHistoryInput {
  audits: AuditInsert[];
  answers: AnswerInsert[];
  documents: Record<string, ChecklistDocument>;
  /** The checklist id of each version id. */
  checklistOf: Record<string, string>;
  organizationId: string;
  /** The manager's branch, and a second branch of the same region. */
  branchId: string;
  otherBranchId: string;
  managerId: string;
  regionalId: string;
  adminId: string;
  /** The shopper whose report of the other branch is voided (the demo's shopper2). */
  voidShopperId?: string;
  /** Each branch's code and names, by id (notifications name the branch). */
  branchNames: Record<string, { id: string; code: string; name: { en: string; zh: string } }>;
  /** Who published the later visits (their effects on actions are theirs in the trail). */
  reviewerId: string;
  now: number;
}

type Row = Record<string, unknown>;

export interface DisputeHistory {
  events: SeedEvent[];
  disputes: Row[];
  disputeItems: Row[];
  actions: Row[];
  actionItems: Row[];
  notifications: Row[];
}

/** YYYY-MM-DD of a moment in the demo's time zone (Asia/Shanghai, UTC+8). */
function localDay(at: number): string {
  return new Date(at + 8 * HOUR).toISOString().slice(0, 10);
}

const DISPUTE_REASONS = [
  "The colleague did greet the customer: our door camera shows it at the time of the visit.",
  "This was a public holiday rush; the manager on duty handled it herself.",
  "This item does not apply to our branch: we have no fitting rooms.",
  "The shopper spoke to a temporary promoter, not one of our staff.",
];

const ACTION_TITLES = [
  "Brief every shift on greeting customers within 30 seconds",
  "Role-play the return policy explanation at the Monday meeting",
  "Put the complaint steps card at every till",
  "Coach new staff on using the customer's name",
  "Add a second person at the counter at lunchtime",
  "Remind the team: never comment on competitors",
];

/**
 * Adds the demo's disputes and corrective actions to a reviewed history.
 * @example disputeDemoHistory({ audits, answers, documents, checklistOf, ... }).disputes.length // 5
 */
export function disputeDemoHistory(input: DisputeHistoryInput): DisputeHistory {
  const { audits, now, organizationId } = input;
  const answersOf = new Map<string, AnswerInsert[]>();
  for (const a of input.answers) answersOf.set(a.auditId, [...(answersOf.get(a.auditId) ?? []), a]);
  const out: DisputeHistory = {
    events: [],
    disputes: [],
    disputeItems: [],
    actions: [],
    actionItems: [],
    notifications: [],
  };
  const admin = { userId: input.adminId, role: "admin" };
  const manager = { userId: input.managerId, role: "branch_manager" };
  const regional = { userId: input.regionalId, role: "regional_manager" };
  const reviewer = { userId: input.reviewerId, role: "reviewer" };

  const published = (branchId: string) =>
    audits
      .filter((a) => a.branchId === branchId && a.status === "published" && a.publishedAt && a.scoreResult)
      .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  const lost = (audit: AuditInsert) => (audit.scoreResult ? disputableItems(audit.scoreResult) : []);
  const notify = (userId: string, kind: string, subject: { type: string; id: string }, payload: Row, at: number) => {
    const branch = typeof payload.branchId === "string" ? input.branchNames[payload.branchId] : undefined;
    out.notifications.push({
      id: `demo-notification-${out.notifications.length + 1}`,
      organizationId,
      userId,
      kind,
      subjectType: subject.type,
      subjectId: subject.id,
      // What notifyStatements adds in SQL: the branch's code and names, for the sentence.
      payload: branch ? { ...payload, branch } : payload,
      dedupeKey: `${kind}:${subject.id}:${at}`,
      createdAt: at,
      readAt: at < now - 3 * DAY ? at + HOUR : null,
    });
  };

  // ---- Disputes -------------------------------------------------------------------------
  const home = published(input.branchId).filter((a) => lost(a).length > 0);
  // Decided disputes come from reports old enough to have been raised and decided by now; the two
  // newest stay for the manager (one with a dispute waiting, the newest free to dispute).
  const settled = (audit: AuditInsert) => (audit.publishedAt ?? now) < now - 8 * DAY;
  const earlier = home.slice(2).filter(settled);
  const decided: Array<{ audit: AuditInsert | undefined; outcome: ItemOutcomeDecision | "void"; by: typeof manager }> =
    [
      { audit: earlier[0], outcome: "overturned", by: manager },
      { audit: earlier[3], outcome: "upheld", by: manager },
      { audit: earlier[6], outcome: "not_applicable", by: manager },
      {
        // Preferably a report of `voidShopperId`'s, so their phone shows a decided dispute.
        audit: [true, false]
          .map((mine) =>
            published(input.otherBranchId).find(
              (a) => settled(a) && lost(a).length > 0 && (!mine || a.shopperId === input.voidShopperId),
            ),
          )
          .find(Boolean),
        outcome: "void",
        by: regional,
      },
    ];
  decided.forEach(({ audit, outcome, by }, index) => {
    if (!audit?.publishedAt || !audit.scoreResult) return;
    const document = input.documents[audit.checklistVersionId];
    if (!document) return;
    const id = `demo-dispute-${index + 1}`;
    const itemKey = lost(audit)[0] as string;
    const raisedAt = audit.publishedAt + 2 * DAY;
    const decidedAt = raisedAt + (1 + (index % 3)) * DAY;
    const reason = DISPUTE_REASONS[index % DISPUTE_REASONS.length] as string;
    const itemOutcome: ItemOutcomeDecision = outcome === "void" ? "upheld" : outcome;
    const decisionReason =
      outcome === "overturned"
        ? "The branch's camera still confirms the greeting; scored as met."
        : outcome === "upheld"
          ? "The report's comment and photo support the original answer."
          : outcome === "not_applicable"
            ? "The branch has no fitting rooms: the item cannot be judged here."
            : "The shopper visited during a fire drill; the visit cannot be judged fairly.";
    const before = audit.score ?? null;
    const subject = { type: "dispute", id };
    out.events.push({
      at: raisedAt,
      actor: by,
      type: "dispute.raised",
      subject,
      payload: { auditId: audit.id, items: [{ itemKey, reason }] },
    });
    const rows = answersOf.get(audit.id) ?? [];
    const ruled = applyRulings(
      rows.map((r) => ({ ...r, ruling: r.ruling ?? null })),
      [{ itemKey, outcome: itemOutcome }],
    );
    for (const r of rows) r.ruling = ruled.find((x) => x.itemKey === r.itemKey)?.ruling ?? null;
    const result = scoreAudit(
      document,
      rows.map((r) => answerOfRow({ itemKey: r.itemKey, value: r.value, na: r.na ?? false, ruling: r.ruling })),
    );
    audit.scoreResult = result;
    audit.score = result.score;
    audit.criticalFailed = result.criticalFailed;
    audit.version = (audit.version ?? 1) + 1;
    if (outcome === "void") audit.status = "voided";
    const after = outcome === "void" ? null : result.score;
    out.events.push(
      {
        at: decidedAt,
        actor: admin,
        type: "dispute.decided",
        subject,
        payload: {
          auditId: audit.id,
          items: [{ itemKey, outcome: itemOutcome, reason: decisionReason }],
          report: outcome === "void" ? "void" : null,
          score: { before, after },
        },
      },
      {
        at: decidedAt,
        actor: admin,
        type: outcome === "void" ? "audit.voided" : "audit.ruled",
        subject: { type: "audit", id: audit.id },
        payload: { disputeId: id, score: { before, after } },
      },
    );
    out.disputes.push({
      id,
      organizationId,
      auditId: audit.id,
      branchId: audit.branchId,
      shopperId: audit.shopperId,
      status: "decided",
      raisedBy: by.userId,
      raisedAt,
      decidedBy: input.adminId,
      decidedAt,
      reportOutcome: outcome === "void" ? "void" : null,
      reshopAssignmentId: null,
      scoreBefore: before,
      scoreAfter: after,
      version: 2,
    });
    out.disputeItems.push({
      disputeId: id,
      itemKey,
      reason,
      evidenceSha256: null,
      outcome: itemOutcome,
      decisionReason,
    });
    const payload = { disputeId: id, auditId: audit.id, branchId: audit.branchId, score: { before, after } };
    notify(by.userId, "dispute_decided", subject, payload, decidedAt);
    notify(audit.shopperId, "dispute_decided", subject, payload, decidedAt);
  });

  // The second newest report of the manager's branch has a dispute waiting for an arbiter.
  const latest = home[1];
  if (latest?.publishedAt) {
    const id = "demo-dispute-open";
    const raisedAt = Math.min(latest.publishedAt + 6 * HOUR, now - HOUR);
    const items = lost(latest)
      .slice(0, 2)
      .map((itemKey, i) => ({ itemKey, reason: DISPUTE_REASONS[(i + 1) % DISPUTE_REASONS.length] as string }));
    out.events.push({
      at: raisedAt,
      actor: manager,
      type: "dispute.raised",
      subject: { type: "dispute", id },
      payload: { auditId: latest.id, items },
    });
    out.disputes.push({
      id,
      organizationId,
      auditId: latest.id,
      branchId: latest.branchId,
      shopperId: latest.shopperId,
      status: "open",
      raisedBy: input.managerId,
      raisedAt,
      decidedBy: null,
      decidedAt: null,
      reportOutcome: null,
      reshopAssignmentId: null,
      scoreBefore: latest.score ?? null,
      scoreAfter: null,
      version: 1,
    });
    for (const item of items)
      out.disputeItems.push({ disputeId: id, ...item, evidenceSha256: null, outcome: null, decisionReason: null });
    notify(
      input.managerId,
      "report_published",
      { type: "audit", id: latest.id },
      { branchId: latest.branchId, score: latest.score ?? null },
      latest.publishedAt,
    );
  }

  // ---- Corrective actions ----------------------------------------------------------------
  const all = published(input.branchId);
  const outcomeOf = (audit: AuditInsert, key: string) =>
    audit.scoreResult?.sections.flatMap((s) => s.items).find((i) => i.key === key)?.outcome;
  let made = 0;
  const addAction = (spec: {
    source: AuditInsert;
    itemKey: string;
    status: ActionStatus;
    createdAt: number;
    dueAt: number;
    steps: Array<{ at: number; actor: SeedEvent["actor"]; type: SeedEvent["type"]; payload: Row }>;
    extra?: Row;
  }) => {
    made += 1;
    const id = `demo-action-${made}`;
    const checklistId = input.checklistOf[spec.source.checklistVersionId] ?? "";
    const title = ACTION_TITLES[(made - 1) % ACTION_TITLES.length] as string;
    out.events.push(
      {
        at: spec.createdAt,
        actor: manager,
        type: "action.created",
        subject: { type: "action", id },
        payload: { auditId: spec.source.id, items: [spec.itemKey], title, dueDate: localDay(spec.dueAt) },
      },
      ...spec.steps.map((s) => ({ ...s, subject: { type: "action", id } })),
    );
    out.actions.push({
      id,
      organizationId,
      branchId: spec.source.branchId,
      auditId: spec.source.id,
      checklistId,
      title,
      ownerUserId: input.managerId,
      ownerName: "",
      dueDate: localDay(spec.dueAt),
      status: spec.status,
      automatic: false,
      doneNote: "",
      doneEvidenceSha256: null,
      doneAt: null,
      returnReason: "",
      verifiedBy: null,
      closedAt: null,
      watchFrom: spec.createdAt,
      recurrences: 0,
      escalations: 0,
      createdBy: input.managerId,
      createdAt: spec.createdAt,
      updatedAt: spec.steps.at(-1)?.at ?? spec.createdAt,
      version: 1 + spec.steps.length,
      ...spec.extra,
    });
    out.actionItems.push({ actionId: id, itemKey: spec.itemKey });
    return id;
  };
  const failedItems = (audit: AuditInsert) =>
    (audit.scoreResult?.sections.flatMap((s) => s.items) ?? []).filter((i) => i.outcome === "fail").map((i) => i.key);

  // Open (due in 10 days) and done (waiting for the regional manager), from the latest report.
  const recent = all.find((a) => failedItems(a).length > 0);
  if (recent?.publishedAt) {
    const created = Math.min(recent.publishedAt + 2 * HOUR, now - HOUR);
    const [first, second] = failedItems(recent);
    if (first)
      addAction({
        source: recent,
        itemKey: first,
        status: "open",
        createdAt: created,
        dueAt: now + 10 * DAY,
        steps: [],
      });
    if (second) {
      const doneAt = Math.min(created + DAY, now - 30 * 60_000);
      const note = "Done: the whole team practised it at this morning's meeting.";
      addAction({
        source: recent,
        itemKey: second,
        status: "done",
        createdAt: created,
        dueAt: now + 5 * DAY,
        steps: [{ at: doneAt, actor: manager, type: "action.done", payload: { note } }],
        extra: { doneNote: note, doneAt },
      });
    }
  }
  // Overdue: due four days ago, escalated once.
  const older = all.find((a) => (a.publishedAt ?? now) < now - 12 * DAY && failedItems(a).length > 0);
  if (older?.publishedAt) {
    const key = failedItems(older)[0] as string;
    const dueAt = now - 4 * DAY;
    addAction({
      source: older,
      itemKey: key,
      status: "open",
      createdAt: older.publishedAt + 3 * HOUR,
      dueAt,
      steps: [{ at: dueAt + 9 * HOUR, actor: null, type: "action.escalated", payload: { escalation: 1 } }],
      extra: { escalations: 1 },
    });
  }
  // Verified by the regional manager, and verified by a later visit; one that failed again.
  const chronological = [...all].reverse();
  let verified = false;
  let byVisit = false;
  let recurred = false;
  for (const [i, source] of chronological.entries()) {
    if (verified && byVisit && recurred) break;
    if (!source.publishedAt || source.publishedAt > now - 45 * DAY || source.publishedAt < now - 150 * DAY) continue;
    for (const key of failedItems(source)) {
      const next = chronological.slice(i + 1).find((a) => {
        const o = outcomeOf(a, key);
        return o === "pass" || o === "fail" || o === "partial";
      });
      if (!next?.publishedAt) continue;
      const created = source.publishedAt + 4 * HOUR;
      const doneAt = created + 2 * DAY;
      const note = "New greeting routine on the staff noticeboard; checked each shift for a week.";
      const nextOutcome = outcomeOf(next, key);
      if (!byVisit && nextOutcome === "pass") {
        byVisit = true;
        addAction({
          source,
          itemKey: key,
          status: "verified_by_visit",
          createdAt: created,
          dueAt: created + 7 * DAY,
          steps: [
            { at: doneAt, actor: manager, type: "action.done", payload: { note } },
            {
              at: next.publishedAt,
              actor: reviewer,
              type: "action.verified_by_visit",
              payload: { auditId: next.id },
            },
          ],
          extra: { doneNote: note, doneAt, closedAt: next.publishedAt, watchFrom: next.visitStartedAt },
        });
      } else if (!recurred && nextOutcome === "fail") {
        recurred = true;
        addAction({
          source,
          itemKey: key,
          status: "open",
          createdAt: created,
          dueAt: now + 7 * DAY,
          steps: [
            { at: doneAt, actor: manager, type: "action.done", payload: { note } },
            {
              at: next.publishedAt,
              actor: reviewer,
              type: "action.failed_at_visit",
              payload: { auditId: next.id, recurrence: true },
            },
          ],
          extra: { recurrences: 1, watchFrom: next.visitStartedAt },
        });
      } else if (!verified && next.publishedAt > doneAt + DAY) {
        verified = true;
        const verifiedAt = doneAt + DAY;
        addAction({
          source,
          itemKey: key,
          status: "verified",
          createdAt: created,
          dueAt: created + 7 * DAY,
          steps: [
            { at: doneAt, actor: manager, type: "action.done", payload: { note } },
            { at: verifiedAt, actor: regional, type: "action.verified", payload: {} },
          ],
          extra: {
            doneNote: note,
            doneAt,
            verifiedBy: input.regionalId,
            closedAt: verifiedAt,
            watchFrom: next.visitStartedAt,
          },
        });
      }
    }
  }
  // The overdue action is escalated to the regional manager, who was told.
  const overdue = out.actions.find((a) => a.escalations === 1);
  if (overdue) {
    notify(
      input.regionalId,
      "action_overdue",
      { type: "action", id: overdue.id as string },
      { actionId: overdue.id, branchId: overdue.branchId, title: overdue.title, dueDate: overdue.dueDate, level: 1 },
      now - 4 * DAY + 9 * HOUR,
    );
  }
  out.events.sort((a, b) => a.at - b.at);
  return out;
}
