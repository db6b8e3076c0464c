/**
 * Value sets shared by the database schema, the domain rules and the API.
 * Kept free of drizzle imports so `worker/domain/` and the web app can use them.
 */

/** Roles, from widest to narrowest. Head office: admin, analyst. Field: the rest. */
export const ROLES = ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["store", "call_centre"] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const MEMBERSHIP_STATUSES = ["invited", "active", "deactivated"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const CHECKLIST_STATUSES = ["active", "archived"] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const VERSION_STATUSES = ["draft", "published"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** An assignment is open until its audit arrives; admins may cancel an open one. */
export const ASSIGNMENT_STATUSES = ["open", "submitted", "cancelled"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * Server-side report states (the machine is `worker/domain/review.ts`). `draft` lives only on
 * the phone. A report arrives `waiting` (or `published`, when the organisation's review policy
 * lets it through); a reviewer claims it, then publishes, rejects or returns it with
 * questions; the shopper's reply puts it back to `waiting`.
 */
export const AUDIT_STATUSES = ["waiting", "claimed", "returned", "published", "rejected"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** Which reports wait for a reviewer: every one, only those with flags, or none (published on arrival). */
export const REVIEW_POLICIES = ["all", "flagged", "none"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** A reviewer's question on a returned report, or the shopper's reply to one. */
export const REVIEW_MESSAGE_KINDS = ["question", "reply"] as const;
export type ReviewMessageKind = (typeof REVIEW_MESSAGE_KINDS)[number];

export const CONTACT_KINDS = ["visit", "phone_call"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const EVIDENCE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
