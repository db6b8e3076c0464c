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
 * Server-side audit states. `draft` lives only on the phone. A review step (later) sits
 * between `submitted` and `published`; until then a submitted audit is published at once.
 */
export const AUDIT_STATUSES = ["submitted", "in_review", "published", "rejected"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const CONTACT_KINDS = ["visit", "phone_call"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const EVIDENCE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
