/**
 * Presenters turn rows into the API's JSON shapes. Rows never leave the worker as they are:
 * password hashes, token hashes and internal columns stay behind.
 */

import type { Locale, MembershipStatus, Role } from "../../schema/enums";
import type { AssignmentRow } from "../data/assignments";
import type { FullAudit } from "../data/audits";
import type { BranchRow } from "../data/branches";
import type { ChecklistRow, VersionRow, VersionSummary } from "../data/checklists";
import type { RegionRow } from "../data/regions";
import type { SessionActor } from "../data/sessions";
import type { MemberRow } from "../data/users";
import { checkChecklist } from "../domain/checklist-rules";
import { type Abilities, type AssignmentView, type AuditView, abilities } from "../domain/policy";

const iso = (ms: number) => new Date(ms).toISOString();

export function presentRegion(row: RegionRow) {
  return {
    id: row.id,
    code: row.code,
    name: { en: row.nameEn, zh: row.nameZh },
    branchCount: row.branchCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    /** Send it back with a change: a change based on an older version is refused (409 `stale_version`). */
    version: row.version,
  };
}

export function presentBranch(row: BranchRow) {
  return {
    id: row.id,
    code: row.code,
    name: { en: row.nameEn, zh: row.nameZh },
    channel: row.channel,
    region: { id: row.region.id, code: row.region.code, name: { en: row.region.nameEn, zh: row.region.nameZh } },
    address: row.address,
    phone: row.phone,
    timezone: row.timezone,
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
  user: { id: string; email: string; displayName: string; locale: Locale };
  organization: { id: string; slug: string; name: { en: string; zh: string } };
  role: Role;
  scope: { regionIds: string[]; branchIds: string[] };
  /** Computed by the policy for the current organisation: the web app asks these, never the role. */
  abilities: Abilities;
  /** Every organisation the user is an active member of, for switching. */
  organizations: Array<{ id: string; name: { en: string; zh: string }; role: Role }>;
}

export function presentMe(
  actor: SessionActor,
  organizations: Array<{ organizationId: string; slug: string; nameEn: string; nameZh: string; role: Role }>,
): MeBody {
  const current = organizations.find((o) => o.organizationId === actor.organizationId);
  return {
    user: { id: actor.userId, email: actor.email, displayName: actor.displayName, locale: actor.locale },
    organization: {
      id: actor.organizationId,
      slug: current?.slug ?? "",
      name: { en: current?.nameEn ?? "", zh: current?.nameZh ?? "" },
    },
    role: actor.role,
    scope: { regionIds: [...actor.regionIds], branchIds: [...actor.branchIds] },
    abilities: abilities(actor),
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

export function presentVersionSummary(row: VersionSummary) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    publishedAt: row.publishedAt === null ? null : iso(row.publishedAt),
  };
}

export function presentChecklist(row: ChecklistRow & { versions: VersionSummary[] }) {
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

/** A version with its document; drafts also carry the problems that stop them from being published. */
export function presentVersion(row: VersionRow) {
  return {
    ...presentVersionSummary(row),
    checklistId: row.checklistId,
    /** Drafts: 1, then +1 on every save; a save names the revision it was made from. */
    revision: row.revision,
    document: row.document,
    problems: row.status === "draft" ? checkChecklist(row.document) : [],
  };
}

export function presentAssignment(row: AssignmentRow, view: AssignmentView) {
  return {
    id: row.id,
    status: row.status,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    scenario: row.scenario,
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
        }
      : null,
  };
}

/**
 * A report, with what `auditView` (policy.ts) lets the reader see: branch and regional
 * managers get neither the shopper's identity nor their location (a mystery shopper never
 * reaches the branch they visited), nor the assignment id or the flags.
 */
export function presentAudit(full: FullAudit, view: AuditView) {
  const { audit } = full;
  return {
    id: audit.id,
    status: audit.status,
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
    overallComment: audit.overallComment,
    score: audit.score,
    criticalFailed: audit.criticalFailed,
    late: audit.late,
    ...(view.flags ? { flags: audit.flags } : {}),
    submittedAt: iso(audit.submittedAt),
    publishedAt: audit.publishedAt === null ? null : iso(audit.publishedAt),
    result: audit.scoreResult,
    // Sorted by key: the same report reads the same whether it comes from D1 or was just written.
    answers: [...full.answers]
      .sort((a, b) => (a.itemKey < b.itemKey ? -1 : a.itemKey > b.itemKey ? 1 : 0))
      .map((a) => ({
        item: a.itemKey,
        ...(a.na ? { na: true } : { value: a.value }),
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
  };
}
