/**
 * Presenters turn rows into the API's JSON shapes. Rows never leave the worker as they are:
 * password hashes, token hashes and internal columns stay behind.
 */

import type {
  AssignmentStatus,
  AuditStatus,
  Channel,
  ChecklistStatus,
  ContactKind,
  EmailMode,
  Locale,
  MembershipStatus,
  Role,
  SessionPending,
  StaffNamePolicy,
  VersionStatus,
} from "../../schema/enums";
import type { AssignmentRow } from "../data/assignments";
import type { FullAudit, ReviewMessageRow } from "../data/audits";
import type { BranchRow } from "../data/branches";
import type { ChecklistRow, VersionRow, VersionSummary } from "../data/checklists";
import { parseJsonColumn } from "../data/db";
import type { RegionRow } from "../data/regions";
import type { SessionActor } from "../data/sessions";
import type { MemberRow } from "../data/users";
import { type AuditFlag, currentFlag } from "../domain/audits";
import { checkChecklist, type DocumentProblem } from "../domain/checklist-rules";
import type { ChecklistDocument, Localized } from "../domain/checklists";
import { type DisputeView, disputeStanding } from "../domain/disputes";
import type { OpeningHours } from "../domain/imports";
import { type Abilities, type AbilityFacts, type AssignmentView, type AuditView, abilities } from "../domain/policy";
import type { Receipt } from "../domain/receipts";
import type { ScoreResult } from "../domain/scoring";
import { staffNameShown } from "../domain/staff-names";
import { type DisputeBody, type DisputeStandingBody, presentDispute, presentDisputeStanding } from "./disputes";

export type { DisputeBody, DisputeItemBody, DisputeStandingBody } from "./disputes";
export { presentDispute } from "./disputes";

const iso = (ms: number) => new Date(ms).toISOString();

/** A report's questions, each with the replies to it, as the review screen and the phone show them. */
export function presentReviewMessages(messages: readonly ReviewMessageRow[]): {
  questions: ReviewQuestionBody[];
  replies: ReviewReplyBody[];
} {
  const questions = messages.filter((m) => m.kind === "question");
  return {
    questions: questions.map((q) => ({
      id: q.id,
      itemKey: q.itemKey,
      text: q.text,
      createdAt: iso(q.createdAt),
    })),
    replies: messages
      .filter((m) => m.kind === "reply")
      .map((r) => ({ id: r.id, questionId: r.questionId ?? "", text: r.text, createdAt: iso(r.createdAt) })),
  };
}

/** A region (`/regions`), with how many branches it holds. */
export interface RegionBody {
  id: string;
  code: string;
  name: Localized;
  branchCount: number;
  createdAt: string;
  updatedAt: string;
  /** Send it back with a change: a change based on an older version is refused (409 `stale_version`). */
  version: number;
}

export function presentRegion(row: RegionRow): RegionBody {
  return {
    id: row.id,
    code: row.code,
    name: { en: row.nameEn, zh: row.nameZh },
    branchCount: row.branchCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

/** A branch (`/branches`), with its region's labels. */
export interface BranchBody {
  id: string;
  code: string;
  name: Localized;
  channel: Channel;
  region: { id: string; code: string; name: Localized };
  address: string;
  phone: string;
  timezone: string;
  /** Empty when unknown. */
  city: string;
  /** WGS 84; both null when unknown. */
  latitude: number | null;
  longitude: number | null;
  /** By weekday in the branch's time zone, `{ mon: [["09:00", "21:00"]] }` (a day left out is closed); null when unknown. */
  openingHours: OpeningHours | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** Send it back with a change (409 `stale_version` when the branch moved on). */
  version: number;
}

export function presentBranch(row: BranchRow): BranchBody {
  return {
    id: row.id,
    code: row.code,
    name: { en: row.nameEn, zh: row.nameZh },
    channel: row.channel,
    region: { id: row.region.id, code: row.region.code, name: { en: row.region.nameEn, zh: row.region.nameZh } },
    address: row.address,
    phone: row.phone,
    timezone: row.timezone,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    openingHours: row.openingHours === null ? null : parseJsonColumn<OpeningHours>(row.openingHours),
    active: row.active,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
  };
}

/** A member as their organisation sees them (`GET /users`, `/users/:id`). */
export interface MemberBody {
  /** The user id once they accepted; the membership id before (see `MemberRow.id`). */
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  role: Role;
  status: MembershipStatus;
  regionIds: string[];
  branchIds: string[];
  createdAt: string;
  /** Send it back with a change (409 `stale_version` when the membership moved on). */
  version: number;
}

/** A membership row as the API shows it: nothing internal (user id before acceptance, acceptance time) leaves. */
export function presentMember(row: MemberRow): MemberBody {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    role: row.role,
    status: row.status,
    regionIds: row.regionIds,
    branchIds: row.branchIds,
    createdAt: iso(row.createdAt),
    version: row.version,
  };
}

/** `GET /me`: who the user is, where, in which role and scope, and what they may do there. */
export interface MeBody {
  user: {
    id: string;
    email: string;
    displayName: string;
    locale: Locale;
    /** Notifications by email: each, a daily digest (docs/JOBS.md), or none. */
    emailMode: EmailMode;
    /** IANA time zone: the digest goes out at the first run after 08:00 there. */
    timeZone: string;
    twoFactor: { enabled: boolean; recoveryCodesLeft: number };
  };
  organization: {
    id: string;
    slug: string;
    name: { en: string; zh: string };
    /** How reports may name staff (the phone's form reads it; cached with `/me` offline). */
    staffNames: StaffNamePolicy;
    /** Admins and analysts must sign in with a second factor here. */
    requireTwoFactor: boolean;
  };
  /** What the session still owes before anything else works (docs/SIGN-IN.md); null: nothing. */
  pending: SessionPending | null;
  role: Role;
  scope: { regionIds: string[]; branchIds: string[] };
  /** Computed by the policy for the current organisation: the web app asks these, never the role. */
  abilities: Abilities;
  /** Every organisation the user is an active member of, for switching. */
  organizations: Array<{ id: string; name: { en: string; zh: string }; role: Role }>;
}

export function presentMe(
  actor: SessionActor,
  organizations: Array<{
    organizationId: string;
    slug: string;
    nameEn: string;
    nameZh: string;
    role: Role;
    staffNames: StaffNamePolicy;
  }>,
  facts?: AbilityFacts,
  twoFactor: { recoveryCodesLeft: number } = { recoveryCodesLeft: 0 },
): MeBody {
  const current = organizations.find((o) => o.organizationId === actor.organizationId);
  return {
    user: {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      locale: actor.locale,
      emailMode: actor.emailMode,
      timeZone: actor.timeZone,
      twoFactor: { enabled: actor.twoFactorEnabled, recoveryCodesLeft: twoFactor.recoveryCodesLeft },
    },
    organization: {
      id: actor.organizationId,
      slug: current?.slug ?? "",
      name: { en: current?.nameEn ?? "", zh: current?.nameZh ?? "" },
      staffNames: current?.staffNames ?? "role_only",
      requireTwoFactor: actor.requireTwoFactor,
    },
    pending: actor.pending,
    role: actor.role,
    scope: { regionIds: [...actor.regionIds], branchIds: [...actor.branchIds] },
    abilities: abilities(actor, facts),
    organizations: organizations.map((o) => ({
      id: o.organizationId,
      name: { en: o.nameEn, zh: o.nameZh },
      role: o.role,
    })),
  };
}

/** Absolute link to the page where an invited person sets their password. */
export function invitationUrl(requestUrl: string, token: string): string {
  return new URL(`/invite/${token}`, requestUrl).toString();
}

/** A checklist version as lists show it: without its document. */
export interface VersionSummaryBody {
  id: string;
  number: number;
  status: VersionStatus;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export function presentVersionSummary(row: VersionSummary): VersionSummaryBody {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    publishedAt: row.publishedAt === null ? null : iso(row.publishedAt),
  };
}

/** A checklist with its versions (`/checklists`). */
export interface ChecklistBody {
  id: string;
  name: Localized;
  channel: Channel;
  status: ChecklistStatus;
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  versions: VersionSummaryBody[];
  latestPublishedVersionId: string | null;
  draftVersionId: string | null;
}

export function presentChecklist(row: ChecklistRow & { versions: VersionSummary[] }): ChecklistBody {
  return {
    id: row.id,
    name: { en: row.nameEn, zh: row.nameZh },
    channel: row.channel,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    /** Newest first. */
    versions: row.versions.map(presentVersionSummary),
    latestPublishedVersionId: row.versions.find((v) => v.status === "published")?.id ?? null,
    draftVersionId: row.versions.find((v) => v.status === "draft")?.id ?? null,
  };
}

/** A version with its document (`/checklist-versions/:id`). */
export interface VersionBody extends VersionSummaryBody {
  checklistId: string;
  /** Drafts: 1, then +1 on every save; a save names the revision it was made from. */
  revision: number;
  document: ChecklistDocument;
  /** What stops a draft from being published; always empty for a published version. */
  problems: DocumentProblem[];
}

/** A version with its document; drafts also carry the problems that stop them from being published. */
export function presentVersion(row: VersionRow): VersionBody {
  return {
    ...presentVersionSummary(row),
    checklistId: row.checklistId,
    /** Drafts: 1, then +1 on every save; a save names the revision it was made from. */
    revision: row.revision,
    document: row.document,
    problems: row.status === "draft" ? checkChecklist(row.document) : [],
  };
}

/** A planned visit (`/assignments`): where, against which checklist, for whom, and its report once sent. */
export interface AssignmentBody {
  id: string;
  status: AssignmentStatus;
  windowStart: string;
  windowEnd: string;
  /** The scenario (English, or the only one when a visit was planned by hand). */
  scenario: string;
  /** The scenario in Chinese when the visit has one (a round's); "" otherwise: show `scenario`. */
  scenarioZh: string;
  createdAt: string;
  branch: {
    id: string;
    code: string;
    name: Localized;
    channel: Channel;
    address: string;
    phone: string;
    timezone: string;
  };
  checklist: { id: string; versionId: string; versionNumber: number; name: Localized };
  /** Null when `assignmentView` hides the shopper (their own list). */
  shopper: { id: string; displayName: string } | null;
  audit: {
    id: string;
    submittedAt: string;
    late: boolean;
    score: number | null;
    criticalFailed: boolean;
    status: AuditStatus;
  } | null;
  /**
   * Item keys to pay particular attention to: the items of the branch's open or done corrective
   * actions on this checklist (open assignments, on reads; never why).
   */
  recheck: string[];
}

/** A planned visit; `recheck` comes from `recheckQuery` (data/actions.ts) on reads, empty otherwise. */
export function presentAssignment(
  row: AssignmentRow,
  view: AssignmentView,
  recheck: readonly string[] = [],
): AssignmentBody {
  return {
    id: row.id,
    status: row.status,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    scenario: row.scenario,
    scenarioZh: row.scenarioZh,
    createdAt: iso(row.createdAt),
    branch: {
      id: row.branch.id,
      code: row.branch.code,
      name: { en: row.branch.nameEn, zh: row.branch.nameZh },
      channel: row.branch.channel,
      address: row.branch.address,
      phone: row.branch.phone,
      timezone: row.branch.timezone,
    },
    checklist: {
      id: row.checklistId,
      versionId: row.checklistVersionId,
      versionNumber: row.versionNumber,
      name: { en: row.checklistNameEn, zh: row.checklistNameZh },
    },
    shopper: view.shopper ? { id: row.shopperId, displayName: row.shopperName } : null,
    audit: row.auditId
      ? {
          id: row.auditId,
          submittedAt: iso(row.submittedAt ?? 0),
          late: row.late ?? false,
          score: row.score,
          criticalFailed: row.criticalFailed ?? false,
          /** Where the report is in review: the phone lists returned reports first. */
          status: row.auditStatus ?? "waiting",
        }
      : null,
    recheck: row.status === "open" ? [...recheck] : [],
  };
}

/** A photo of an answer, addressed by its SHA-256. */
export interface EvidenceBody {
  sha256: string;
  contentType: string;
  byteSize: number;
  url: string;
}

/** One answer of a report: its value, or `na: true`. */
export type AuditAnswerBody = { item: string; comment: string; evidence: EvidenceBody[] } & (
  | { na: true }
  | { value: boolean | number | string | null }
);

/** A report (`/audits/:id`), as `auditView` lets the reader see it. */
/** A reviewer's question on a returned report, and a shopper's reply to one. */
export interface ReviewQuestionBody {
  id: string;
  itemKey: string | null;
  text: string;
  createdAt: string;
}
export interface ReviewReplyBody {
  id: string;
  questionId: string;
  text: string;
  createdAt: string;
}

export interface AuditBody {
  id: string;
  status: AuditStatus;
  /** +1 on every review change: send it back with the next review action. */
  version: number;
  /** Head office only: the reviewer holding the report. */
  claimedBy?: string | null;
  /** Head office and the shopper. */
  questions?: ReviewQuestionBody[];
  replies?: ReviewReplyBody[];
  rejectionReason?: string;
  /** The signed receipt of its publication (published reports only). */
  receipt: Receipt | null;
  /** Only for those `auditView` shows it to. */
  assignmentId?: string;
  branchId: string;
  checklistVersionId: string;
  shopperId: string | null;
  contact: ContactKind;
  visitStartedAt: string;
  visitEndedAt: string;
  location: { lat: number; lng: number; accuracy: number; takenAt: string } | null;
  staffDescription: string;
  /** The name of who served, as the organisation's policy allows today (null: none kept or shown). */
  staffName: string | null;
  /** Retention (docs/PRIVACY.md): when the scheduled job erased the location fixes, the photos, the personal details. */
  fixesErasedAt: string | null;
  photosErasedAt: string | null;
  deidentifiedAt: string | null;
  overallComment: string;
  score: number | null;
  criticalFailed: boolean;
  late: boolean;
  /** Only for those `auditView` shows them to. */
  flags?: AuditFlag[];
  submittedAt: string;
  publishedAt: string | null;
  result: ScoreResult;
  /** Sorted by item key. */
  answers: AuditAnswerBody[];
  /** The report's disputes, oldest first, as the reader may see them (docs/DISPUTES.md). */
  disputes: DisputeBody[];
  /** Whether and what the reader may dispute now; null for roles that may not raise disputes. */
  dispute: DisputeStandingBody | null;
}

/** A reader who sees no dispute details beyond outcomes (the default when none is given). */
const OUTCOMES_ONLY: DisputeView = { raiser: false, decider: false, evidence: false, raise: false, arbiter: null };

/**
 * A report, with what `auditView` (policy.ts) lets the reader see: branch and regional
 * managers get neither the shopper's identity nor their location (a mystery shopper never
 * reaches the branch they visited), nor the assignment id or the flags.
 */
export function presentAudit(
  full: FullAudit,
  view: AuditView,
  disputeView: DisputeView = OUTCOMES_ONLY,
  now: number = Date.now(),
): AuditBody {
  const { audit } = full;
  const insider = view.shopper;
  return {
    id: audit.id,
    status: audit.status,
    /** +1 on every review change: send it back with the next review action. */
    version: audit.version,
    /** Head office only: the reviewer holding the report. */
    ...(view.review ? { claimedBy: audit.claimedBy } : {}),
    /** The reviewer's questions and the shopper's replies (head office and the shopper). */
    ...(insider ? presentReviewMessages(full.messages) : {}),
    /** Why the report was rejected (head office and the shopper; empty unless rejected). */
    ...(insider ? { rejectionReason: audit.rejectionReason } : {}),
    /** The signed receipt of its publication (published reports only). */
    receipt: audit.status === "published" ? (audit.receipt as Receipt | null) : null,
    ...(view.assignment ? { assignmentId: audit.assignmentId } : {}),
    branchId: audit.branchId,
    checklistVersionId: audit.checklistVersionId,
    shopperId: view.shopper ? audit.shopperId : null,
    contact: audit.contact,
    visitStartedAt: iso(audit.visitStartedAt),
    visitEndedAt: iso(audit.visitEndedAt),
    location:
      view.shopper && audit.locationLat !== null && audit.locationLng !== null
        ? {
            lat: audit.locationLat,
            lng: audit.locationLng,
            accuracy: audit.locationAccuracy ?? 0,
            takenAt: iso(audit.locationTakenAt ?? audit.visitStartedAt),
          }
        : null,
    staffDescription: audit.staffDescription,
    staffName: staffNameShown(audit.staffName, full.staffNames),
    fixesErasedAt: audit.fixesErasedAt === null ? null : iso(audit.fixesErasedAt),
    photosErasedAt: audit.photosErasedAt === null ? null : iso(audit.photosErasedAt),
    deidentifiedAt: audit.deidentifiedAt === null ? null : iso(audit.deidentifiedAt),
    overallComment: audit.overallComment,
    score: audit.score,
    criticalFailed: audit.criticalFailed,
    late: audit.late,
    ...(view.flags ? { flags: audit.flags.map(currentFlag) } : {}),
    submittedAt: iso(audit.submittedAt),
    publishedAt: audit.publishedAt === null ? null : iso(audit.publishedAt),
    result: audit.scoreResult,
    // Sorted by key: the same report reads the same whether it comes from D1 or was just written.
    answers: [...full.answers]
      .sort((a, b) => (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0))
      .map((a) => ({
        item: a.itemKey,
        ...(a.na ? { na: true as const } : { value: a.value }),
        comment: a.comment,
        evidence: full.evidence
          .filter((e) => e.itemKey === a.itemKey)
          .sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1))
          .map((e) => ({
            sha256: e.sha256,
            contentType: e.contentType,
            byteSize: e.byteSize,
            url: `/api/v1/evidence/${e.sha256}`,
          })),
      })),
    disputes: full.disputes.map((d) => presentDispute(d, disputeView)),
    dispute: disputeView.raise
      ? presentDisputeStanding(disputeStanding(audit, full.disputes, full.disputeWindowDays, now))
      : null,
  };
}
