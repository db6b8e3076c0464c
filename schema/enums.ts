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
 * questions; the shopper's reply puts it back to `waiting`. A dispute's arbiter may void a
 * published report (`voided`: still shown with its outcome, counted nowhere).
 */
export const AUDIT_STATUSES = ["waiting", "claimed", "returned", "published", "rejected", "voided"] as const;
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

/**
 * A branch's dispute of items of a published report (docs/DISPUTES.md): `open` until an
 * arbiter decides every item; a decided dispute is never reopened.
 */
export const DISPUTE_STATUSES = ["open", "decided"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** An arbiter's outcome for one disputed item (the score effect is in docs/SCORING.md). */
export const ITEM_OUTCOMES = ["upheld", "not_applicable", "overturned"] as const;
export type ItemOutcomeDecision = (typeof ITEM_OUTCOMES)[number];

/** An arbiter's outcome for the whole report: excluded from every score, or that and a new visit. */
export const REPORT_OUTCOMES = ["void", "reshop"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** What a decided dispute made of an answer: scored as met, or out of the denominator. */
export const ANSWER_RULINGS = ["met", "not_applicable"] as const;
export type AnswerRuling = (typeof ANSWER_RULINGS)[number];

/**
 * A corrective action (docs/ACTIONS.md): `open` → `done` (the owner's note) → `verified` by a
 * regional manager or admin, or `verified_by_visit` when the next published visit finds the
 * items met. A returned or failed-again action goes back to `open`.
 */
export const ACTION_STATUSES = ["open", "done", "verified", "verified_by_visit"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What an in-app notification is about. */
export const NOTIFICATION_KINDS = [
  "report_published",
  "report_returned",
  "dispute_decided",
  "action_due",
  "action_overdue",
  "action_returned",
  "review_sla_breached",
  /** A shopper declined a one-off visit: its planner hears of it (a round's visit goes back to the job board). */
  "visit_declined",
  "payout_paid",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An email in the outbox: waiting for the sender, handed over, or refused by it. */
export const MAIL_STATUSES = ["pending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What a bulk import brings in (docs/IMPORTS.md). */
export const IMPORT_KINDS = ["branches", "members"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A committed import: writing its rows in chunks, or finished. */
export const IMPORT_STATUSES = ["running", "finished", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** How a round's visits find their shoppers: by the staffing rules, or posted to the job board. */
export const ROUND_STAFFING = ["rule", "board"] as const;
export type RoundStaffing = (typeof ROUND_STAFFING)[number];

/** A round once committed, or cancelled (its open visits cancelled with it). */
export const ROUND_STATUSES = ["committed", "cancelled"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A round's visit: given to a shopper, on the job board, left unstaffed (with why), or cancelled. */
export const ROUND_VISIT_STATUSES = ["staffed", "posted", "unstaffed", "cancelled"] as const;
export type RoundVisitStatus = (typeof ROUND_VISIT_STATUSES)[number];

/**
 * A fee a published report earned (docs/PAYOUTS.md): payable, in an approved payout batch, paid,
 * or withdrawn (its report was voided before it was paid out).
 */
export const EARNING_STATUSES = ["payable", "approved", "paid", "withdrawn"] as const;
export type EarningStatus = (typeof EARNING_STATUSES)[number];

/** A payout batch head office approved, then marked paid once the money went out. */
export const PAYOUT_STATUSES = ["approved", "paid"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** A calibration round: raters are scoring it blind, or it is closed and its results are shown. */
export const CALIBRATION_STATUSES = ["open", "closed"] as const;
export type CalibrationStatus = (typeof CALIBRATION_STATUSES)[number];

/** How a customer complained (docs/COMPLAINTS.md). */
export const COMPLAINT_CHANNELS = ["in_store", "phone", "online", "social"] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/**
 * A complaint's steps, in the handbook's order: logged, acknowledged, a remedy proposed,
 * resolved, then followed up (the customer asked whether they are satisfied) or closed without
 * a follow-up, with a reason.
 */
export const COMPLAINT_STATUSES = [
  "new",
  "acknowledged",
  "remedy_proposed",
  "resolved",
  "followed_up",
  "closed",
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** What was offered to put a complaint right. */
export const REMEDY_KINDS = ["refund", "exchange", "repair", "discount", "gift", "apology_only", "other"] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/** A day off on a weekday (a public holiday), or a weekend day worked instead (China's adjusted working days). */
export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * How a report may name the branch's staff (docs/PRIVACY.md). `role_only` (new organisations):
 * no names, only a role and a description; `initials`: a name is kept as its initials;
 * `allowed`: the name as the shopper wrote it. Mystery-shopping codes of conduct advise not to
 * identify staff unless they were told in advance that audits happen.
 */
export const STAFF_NAME_POLICIES = ["allowed", "initials", "role_only"] as const;
export type StaffNamePolicy = (typeof STAFF_NAME_POLICIES)[number];

/** How a person hears of notifications by email: each as it happens, one daily digest, or none. */
export const EMAIL_MODES = ["each", "daily", "off"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * A session that is not (yet) a full one: the password was right and a two-factor code is owed
 * (`two_factor`), or the organisation requires two-factor sign-in for the role and the person must
 * set it up first (`enroll_two_factor`). Null: a full session.
 */
export const SESSION_PENDING = ["two_factor", "enroll_two_factor"] as const;
export type SessionPending = (typeof SESSION_PENDING)[number];
