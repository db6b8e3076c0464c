/**
 * Disputes as the API shows them (docs/DISPUTES.md): the arbitration is blind (arbiters never
 * see who raised a dispute), the head office's people are named to head office only, and the
 * shopper sees outcomes and reasons without any name.
 */
import type { ItemOutcomeDecision, ReportOutcome } from "../../schema/enums";
import type { DisputeRecord } from "../data/disputes";
import { localDate } from "../domain/audits";
import type { Localized } from "../domain/checklists";
import { type DisputeStanding, type DisputeView, disputeWindowEnd } from "../domain/disputes";

const iso = (ms: number) => new Date(ms).toISOString();

/** One disputed item: the branch's reason and photo, then the arbiter's outcome and reason. */
export interface DisputeItemBody {
  itemKey: string;
  reason: string;
  /** The branch's photo (null when none, or for readers who may not fetch it). */
  evidence: { sha256: string; url: string } | null;
  outcome: ItemOutcomeDecision | null;
  decisionReason: string | null;
}

/** A dispute (`/disputes`, `/disputes/:id`, and the report's `disputes`). */
export interface DisputeBody {
  id: string;
  auditId: string;
  /** The day of the report's visit (YYYY-MM-DD, in the branch's calendar): tells a branch's disputes apart. */
  visitDate: string;
  status: "open" | "decided";
  /** Send it back with the decision (409 `stale_version` when it moved on). */
  version: number;
  branch: { id: string; code: string; name: Localized };
  checklist: { id: string; name: Localized };
  raisedAt: string;
  /** Null for arbiters (blind arbitration) and shoppers. */
  raisedBy: { name: string } | null;
  decidedAt: string | null;
  /** Head office only. */
  decidedBy: { name: string } | null;
  reportOutcome: ReportOutcome | null;
  /** For reviewers and admins: may they decide it now, and did they review the report (then never). Null for others. */
  arbitration: { mayDecide: boolean; conflictOfInterest: boolean } | null;
  /** The new visit of a `reshop` (head office only, else null). */
  reshopAssignmentId: string | null;
  /** The report's score before and after the decision (null until decided, or without a score). */
  score: { before: number | null; after: number | null };
  windowEndsAt: string;
  items: DisputeItemBody[];
}

/** A dispute as `view` lets the reader see it. */
export function presentDispute(record: DisputeRecord, view: DisputeView): DisputeBody {
  const decided = record.status === "decided";
  return {
    id: record.id,
    auditId: record.auditId,
    visitDate: localDate(record.visitStartedAt, record.branchTimezone),
    status: record.status,
    version: record.version,
    branch: {
      id: record.branchId,
      code: record.branchCode,
      name: { en: record.branchNameEn, zh: record.branchNameZh },
    },
    checklist: { id: record.checklistId, name: { en: record.checklistNameEn, zh: record.checklistNameZh } },
    raisedAt: iso(record.raisedAt),
    raisedBy: view.raiser ? { name: record.raiserName } : null,
    decidedAt: record.decidedAt === null ? null : iso(record.decidedAt),
    decidedBy: view.decider && record.deciderName !== null ? { name: record.deciderName } : null,
    reportOutcome: record.reportOutcome,
    // For an arbiter: whether they may decide it now, and why not when they reviewed the report
    // (the screen says so before they fill in the form).
    arbitration:
      view.arbiter === null
        ? null
        : {
            mayDecide: record.status === "open" && record.reviewedBy !== view.arbiter,
            conflictOfInterest: record.reviewedBy === view.arbiter,
          },
    reshopAssignmentId: view.decider ? record.reshopAssignmentId : null,
    score: { before: decided ? record.scoreBefore : null, after: decided ? record.scoreAfter : null },
    // A dispute exists only of a published report: its publication is there (0 guards old rows).
    windowEndsAt: iso(disputeWindowEnd(record.publishedAt ?? record.raisedAt, record.windowDays)),
    items: record.items.map((item) => ({
      itemKey: item.itemKey,
      reason: item.reason,
      evidence:
        view.evidence && item.evidence
          ? { sha256: item.evidence, url: `/api/v1/disputes/${record.id}/evidence/${item.evidence}` }
          : null,
      outcome: item.outcome,
      decisionReason: item.decisionReason,
    })),
  };
}

/** The report's dispute standing as its body shows it (`AuditBody.dispute`). */
export interface DisputeStandingBody {
  open: boolean;
  windowEndsAt: string | null;
  disputable: string[];
}

export function presentDisputeStanding(standing: DisputeStanding): DisputeStandingBody {
  return {
    open: standing.open,
    windowEndsAt: standing.windowEndsAt === null ? null : iso(standing.windowEndsAt),
    disputable: standing.disputable,
  };
}
