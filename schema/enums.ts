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
