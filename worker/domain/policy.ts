/**
 * Who may do what. One pure function, `decide`, answers for every role, action and
 * resource; the data layer uses the matching `*Scope` functions to filter lists, so a
 * list never shows a row that `decide` would hide.
 *
 * Two kinds of "no":
 * - `not_found`: the target is outside the actor's organisation or role scope. Answering
 *   404 keeps its existence secret (a branch manager must not learn other branches' ids).
 * - `forbidden`: the actor can see the target (or the kind of resource) but the role may
 *   not take this action (403).
 */
import type { Role } from "../../schema/enums";

export interface Actor {
  userId: string;
  organizationId: string;
  role: Role;
  /** Regions a regional manager covers. Empty for other roles. */
  regionIds: readonly string[];
  /** Branches a branch manager runs. Empty for other roles. */
  branchIds: readonly string[];
}

/**
 * `review`: claim, release, edit, return, publish or reject a report (and see the review queue);
 * `reopen`: put a published report back into review; `reply`: answer a reviewer's questions.
 * Whether the report's state allows it is the review state machine's answer (domain/review.ts).
 * `decide`: arbitrate a dispute (domain/disputes.ts adds the conflict of interest);
 * `verify`: verify a done corrective action, or return it (domain/actions.ts has the states);
 * `rate`: score a calibration one is invited to, blind (docs/CALIBRATION.md).
 */
export const ACTIONS = [
  "list",
  "read",
  "create",
  "update",
  "review",
  "reopen",
  "reply",
  "decide",
  "verify",
  "rate",
] as const;
export type Action = (typeof ACTIONS)[number];

/** A resource, described by what the policy needs to know. Omit `id` for list and create. */
export type Resource =
  | { type: "organization" }
  | { type: "region"; id?: string }
  | { type: "branch"; id?: string; regionId?: string }
  | { type: "user"; id?: string }
  /** `draft`: the target is a draft version (or the list should include drafts). */
  | { type: "checklist"; draft?: boolean }
  /** A planned visit. Managers never see these: a mystery visit must stay a mystery. */
  | { type: "assignment"; shopperId?: string }
  /** A report. Managers see published reports of their branches only. */
  | { type: "audit"; shopperId?: string; branchId?: string; regionId?: string; published?: boolean }
  /** The organisation's trail of events (the audit log): read only, by head office's overseers. */
  | { type: "trail" }
  /** A branch's dispute of a published report: raised by the branch's managers, decided by head office. */
  | { type: "dispute"; branchId?: string; regionId?: string }
  /** A corrective action of a branch: the branch's managers act, regional managers and admins verify. */
  | { type: "action"; branchId?: string; regionId?: string }
  /** One's own notifications: everyone has them, nobody sees anyone else's. */
  | { type: "notification" }
  /**
   * A photo in the evidence store. Uploading is for whoever attaches photos: shoppers to
   * reports, the branch's managers to disputes and actions, admins to actions. Reading a photo
   * is decided by what it is attached to.
   */
  | { type: "evidence" }
  /** A bulk import of branches or members (docs/IMPORTS.md): admins only, like the rows it writes. */
  | { type: "import" }
  /** An audit round (docs/ROUNDS.md): admins commit and cancel them, analysts read them. */
  | { type: "round" }
  /** What a shopper covers, for staffing rounds: admins keep it; a shopper reads their own. */
  | { type: "shopper_profile"; userId?: string }
  /** The job board (docs/ROUNDS.md): posted visits, which shoppers list, claim and release. */
  | { type: "job_board" }
  /** A shopper's expense on a visit (docs/PAYOUTS.md): claimed by the visit's shopper, read by admins too. */
  | { type: "expense"; shopperId?: string }
  /** A shopper's own earnings (docs/PAYOUTS.md): only they list them; head office sees payouts. */
  | { type: "earning" }
  /** Payout batches: personal financial data, admins only (docs/PAYOUTS.md). */
  | { type: "payout" }
  /**
   * Shoppers' reliability figures (docs/QUALITY.md): head office reads every shopper's (shoppers
   * are organisation-wide, so regional managers do not); a shopper reads their own only.
   */
  | { type: "reliability"; userId?: string }
  /**
   * A calibration round (docs/CALIBRATION.md): admins create and close it, analysts read it, and
   * the shoppers and reviewers it invites (`raterIds`) rate it; to anyone else it does not exist.
   */
  | { type: "calibration"; raterIds?: readonly string[] }
  /** The organisation's forbidden-phrase list (docs/COMPLAINTS.md): admins keep it, head office and managers read it. */
  | { type: "phrase" }
  /** A transcript checked for forbidden phrases: whoever audits a call or handles a complaint (nothing is stored). */
  | { type: "transcript" }
  /**
   * A customer's complaint logged by a branch (docs/COMPLAINTS.md): the branch's managers, their
   * regional managers and admins handle it; analysts read it (never the contact details).
   */
  | { type: "complaint"; branchId?: string; regionId?: string }
  /** The organisation's business-day calendar (public holidays): admins keep it. */
  | { type: "calendar" };

export type ResourceType = Resource["type"];
export type Decision = "allow" | "forbidden" | "not_found";

/** Which branches an actor can see. */
export type BranchScope =
  | { kind: "all" }
  | { kind: "regions"; regionIds: readonly string[] }
  | { kind: "branches"; branchIds: readonly string[] }
  | { kind: "none" };

/** Which regions an actor can see. */
export type RegionScope = { kind: "all" } | { kind: "regions"; regionIds: readonly string[] } | { kind: "none" };

const HEAD_OFFICE_READERS: readonly Role[] = ["admin", "analyst", "reviewer"];

/** What a role's scope is made of: regional managers cover regions, branch managers run branches, the rest have none. */
export type ScopeKind = "regions" | "branches" | null;

const SCOPE_KINDS: Record<Role, ScopeKind> = {
  admin: null,
  analyst: null,
  reviewer: null,
  regional_manager: "regions",
  branch_manager: "branches",
  shopper: null,
};

/**
 * Which scope a role carries, so forms and checks ask this instead of naming roles.
 * @example scopeKind("branch_manager") // "branches"
 */
export function scopeKind(role: Role): ScopeKind {
  return SCOPE_KINDS[role];
}

/**
 * The branches an actor may see.
 * @example branchScope({ role: "regional_manager", regionIds: ["r1"], ... }) // { kind: "regions", regionIds: ["r1"] }
 */
export function branchScope(actor: Actor): BranchScope {
  if (HEAD_OFFICE_READERS.includes(actor.role)) return { kind: "all" };
  const kind = scopeKind(actor.role);
  if (kind === "regions") return { kind, regionIds: actor.regionIds };
  if (kind === "branches") return { kind, branchIds: actor.branchIds };
  return { kind: "none" };
}

/** The regions an actor may see. Branch managers see their branch's region only through the branch. */
export function regionScope(actor: Actor): RegionScope {
  if (HEAD_OFFICE_READERS.includes(actor.role)) return { kind: "all" };
  if (scopeKind(actor.role) === "regions") return { kind: "regions", regionIds: actor.regionIds };
  return { kind: "none" };
}

function canSeeBranch(scope: BranchScope, branch: { id?: string; regionId?: string }): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "regions":
      return branch.regionId !== undefined && scope.regionIds.includes(branch.regionId);
    case "branches":
      return branch.id !== undefined && scope.branchIds.includes(branch.id);
    case "none":
      return false;
  }
}

function canSeeRegion(scope: RegionScope, regionId: string): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "regions") return scope.regionIds.includes(regionId);
  return false;
}

/** Whether the actor does the visits themselves: they see their own work only. */
function isShopper(actor: Actor): boolean {
  return actor.role === "shopper";
}

/** Branch and regional managers: they see published reports of the branches in their scope. */
function isManager(actor: Actor): boolean {
  return scopeKind(actor.role) !== null;
}

/** Shoppers see only their own assignments and reports; head office sees all. */
function canSeeOwnWork(actor: Actor, shopperId: string): boolean {
  return !isShopper(actor) || actor.userId === shopperId;
}

function canSeeAudit(
  actor: Actor,
  audit: { shopperId?: string; branchId?: string; regionId?: string; published?: boolean },
): boolean {
  if (isShopper(actor)) return audit.shopperId === actor.userId;
  if (isManager(actor)) {
    return (
      audit.published === true && canSeeBranch(branchScope(actor), { id: audit.branchId, regionId: audit.regionId })
    );
  }
  return true;
}

/** Which planned visits an actor may see, for lists. Managers are refused before they get here. */
export type AssignmentScope = { kind: "all" } | { kind: "shopper"; shopperId: string };

/**
 * Which assignments a list shows: a shopper's own, whatever they asked for; all for head office.
 * @example assignmentScope(shopper) // { kind: "shopper", shopperId: shopper.userId }
 */
export function assignmentScope(actor: Actor): AssignmentScope {
  return isShopper(actor) ? { kind: "shopper", shopperId: actor.userId } : { kind: "all" };
}

export interface AssignmentView {
  /** The shopper the visit is given to (id and name). */
  shopper: boolean;
}

/**
 * What of a planned visit an actor sees beyond the visit itself. Head office sees whom it is
 * given to; the shopper is not told their own name back (they know it is them).
 * @example assignmentView(shopper) // { shopper: false }
 */
export function assignmentView(actor: Actor): AssignmentView {
  return { shopper: !isShopper(actor) };
}

/** Which reports an actor may see, for lists. */
export type AuditScope =
  | { kind: "all" }
  | { kind: "shopper"; shopperId: string }
  | { kind: "published_in"; branches: BranchScope }
  | { kind: "none" };

export function auditScope(actor: Actor): AuditScope {
  if (HEAD_OFFICE_READERS.includes(actor.role)) return { kind: "all" };
  if (isShopper(actor)) return { kind: "shopper", shopperId: actor.userId };
  if (isManager(actor)) return { kind: "published_in", branches: branchScope(actor) };
  return { kind: "none" };
}

export interface AuditView {
  /** The shopper's id and the phone's location. */
  shopper: boolean;
  /** Review internals: who holds the report (head office only). */
  review: boolean;
  /** The assignment the report answers. */
  assignment: boolean;
  /** `short_visit` and other notes for review. */
  flags: boolean;
}

/**
 * What of a report an actor sees beyond its content. The people who may know who the shopper
 * was (head office and the shopper themselves) see the shopper, their location and the
 * assignment the report answers. Branch and regional managers see none of these: a mystery
 * visit stays a mystery (no identity, and no assignment id, an internal reference to work they
 * may not see). Flags are head office's only: notes on the shopper's conduct for review, not a
 * finding about the branch, and not for the shopper either (a `photo_reused` names another
 * report, and the numbers would teach how to pass the checks; docs/QUALITY.md).
 * @example auditView(branchManager) // { shopper: false, assignment: false, flags: false }
 */
export function auditView(actor: Actor): AuditView {
  const insider = HEAD_OFFICE_READERS.includes(actor.role) || isShopper(actor);
  return {
    shopper: insider,
    review: HEAD_OFFICE_READERS.includes(actor.role),
    assignment: READERS.assignment.includes(actor.role),
    flags: HEAD_OFFICE_READERS.includes(actor.role),
  };
}

export interface ComplaintView {
  /** The customer's name, phone and email. */
  contact: boolean;
}

/**
 * What of a complaint an actor sees beyond its facts: the customer's contact details are for
 * the branch (its managers) and head office's admins only; analysts and regional managers see
 * the complaint without them.
 * @example complaintView(analyst) // { contact: false }
 */
export function complaintView(actor: Actor): ComplaintView {
  return { contact: actor.role === "admin" || actor.role === "branch_manager" };
}

/** Roles that may read each resource type at all (list, or read a visible one). */
const READERS: Record<ResourceType, readonly Role[]> = {
  organization: ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"],
  region: ["admin", "analyst", "reviewer", "regional_manager"],
  branch: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager"],
  user: ["admin", "analyst"],
  checklist: ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"],
  assignment: ["admin", "analyst", "reviewer", "shopper"],
  audit: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager", "shopper"],
  trail: ["admin", "analyst"],
  dispute: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager"],
  action: ["admin", "analyst", "regional_manager", "branch_manager"],
  notification: ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"],
  evidence: ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"],
  import: ["admin"],
  round: ["admin", "analyst"],
  shopper_profile: ["admin", "shopper"],
  job_board: ["shopper"],
  expense: ["admin", "shopper"],
  earning: ["shopper"],
  payout: ["admin"],
  reliability: ["admin", "analyst", "shopper"],
  calibration: ["admin", "analyst", "reviewer", "shopper"],
  phrase: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager"],
  transcript: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager", "shopper"],
  complaint: ["admin", "analyst", "regional_manager", "branch_manager"],
  calendar: ["admin"],
};

/** Roles that may see checklist drafts: the people who write them. Everyone else sees published versions only. */
const DRAFT_READERS: readonly Role[] = ["admin"];

/** Roles whose work is reviewing reports: their home leads with the review queue. */
const REVIEWERS: readonly Role[] = ["reviewer"];

/** Roles that may take each review action on a report they can see (domain/review.ts has the same rule per state). */
const REVIEW_ACTORS: Record<"review" | "reopen" | "reply", readonly Role[]> = {
  review: ["reviewer", "admin"],
  reopen: ["admin"],
  reply: ["shopper"],
};

/** Roles that may create or update each resource type. */
const WRITERS: Record<ResourceType, readonly Role[]> = {
  organization: ["admin"],
  region: ["admin"],
  branch: ["admin"],
  user: ["admin"],
  checklist: ["admin"],
  assignment: ["admin"],
  /** Submitting a report is the shopper's job, and only theirs. */
  audit: ["shopper"],
  /** Nobody writes the trail by hand: changes append to it. */
  trail: [],
  /** The branch questions a judgement; head office decides (`decide`). */
  dispute: ["regional_manager", "branch_manager"],
  action: ["admin", "regional_manager", "branch_manager"],
  /** Marking one's own notifications read. */
  notification: ["admin", "analyst", "regional_manager", "branch_manager", "reviewer", "shopper"],
  evidence: ["shopper", "branch_manager", "regional_manager", "admin"],
  import: ["admin"],
  round: ["admin"],
  shopper_profile: ["admin"],
  /** Claiming and releasing a posted visit: the shopper who will make it. */
  job_board: ["shopper"],
  /** Claiming an expense: the shopper who made the visit. */
  expense: ["shopper"],
  /** Nobody writes earnings by hand: publications, decisions and payouts do. */
  earning: [],
  /** Approving a payout batch and marking it paid. */
  payout: ["admin"],
  /** Computed from the reports, never written by hand. */
  reliability: [],
  /** Creating and closing a calibration; rating it is `rate`. */
  calibration: ["admin"],
  phrase: ["admin"],
  /**
   * Checking a transcript (`create` a check; nothing is stored): the same people who read one,
   * analysts included (a phone complaint's transcript, on its page).
   */
  transcript: ["admin", "analyst", "reviewer", "regional_manager", "branch_manager", "shopper"],
  /** Branch staff are the branch's managers (no separate staff role); regional managers and admins step in. */
  complaint: ["admin", "regional_manager", "branch_manager"],
  calendar: ["admin"],
};

/**
 * Roles that rate calibrations they are invited to, and so are invited (`CALIBRATION_RATER_ROLES`):
 * the people whose judgement makes scores.
 */
const RATERS: readonly Role[] = ["shopper", "reviewer"];

/**
 * The roles a calibration may invite as raters.
 * @example CALIBRATION_RATER_ROLES // ["shopper", "reviewer"]
 */
export const CALIBRATION_RATER_ROLES: readonly Role[] = RATERS;

/** Roles that see every calibration of the organisation (raters see the ones they are invited to). */
const CALIBRATION_OVERSEERS: readonly Role[] = ["admin", "analyst"];

/**
 * Whether the actor sees every calibration, its raters by name and the rounds across a checklist
 * (head office), or only the calibrations they are invited to, blind (a rater).
 * @example calibrationOverseer(analyst) // true
 */
export function calibrationOverseer(actor: Pick<Actor, "role">): boolean {
  return CALIBRATION_OVERSEERS.includes(actor.role);
}

/** Roles that decide disputes (never the report's own reviewer: domain/disputes.ts). */
const ARBITERS: readonly Role[] = ["reviewer", "admin"];

/** Roles that verify or return a done corrective action. */
const VERIFIERS: readonly Role[] = ["admin", "regional_manager"];

/**
 * The roles a visit may be planned for: those who submit its report.
 * @example ASSIGNEE_ROLES // ["shopper"]
 */
export const ASSIGNEE_ROLES: readonly Role[] = WRITERS.audit;

/**
 * Decides whether `actor` may take `action` on `resource` in the actor's organisation.
 * The caller has already found the resource inside the actor's organisation; anything
 * outside it is `not_found` before this function is asked.
 *
 * @example
 * decide(manager, "read", { type: "branch", id: "b1", regionId: "r1" }) // "allow" when b1 is theirs
 * decide(manager, "update", { type: "branch", id: "b1", regionId: "r1" }) // "forbidden"
 * decide(manager, "read", { type: "branch", id: "b2", regionId: "r1" }) // "not_found"
 */
export function decide(actor: Actor, action: Action, resource: Resource): Decision {
  const readable = READERS[resource.type].includes(actor.role);
  if (!readable) return "forbidden";

  // Visibility of a specific target comes first: out of scope means it does not exist for you.
  if (resource.type === "branch" && resource.id !== undefined && !canSeeBranch(branchScope(actor), resource)) {
    return "not_found";
  }
  if (resource.type === "region" && resource.id !== undefined && !canSeeRegion(regionScope(actor), resource.id)) {
    return "not_found";
  }
  if (resource.type === "checklist" && resource.draft && !DRAFT_READERS.includes(actor.role)) {
    return "not_found";
  }
  if (resource.type === "assignment" && resource.shopperId !== undefined && !canSeeOwnWork(actor, resource.shopperId)) {
    return "not_found";
  }
  if (resource.type === "expense" && resource.shopperId !== undefined && !canSeeOwnWork(actor, resource.shopperId)) {
    return "not_found";
  }
  if (resource.type === "shopper_profile" && resource.userId !== undefined && !canSeeOwnWork(actor, resource.userId)) {
    return "not_found";
  }
  if (resource.type === "reliability") {
    // The whole table is head office's; a shopper reads one row, their own.
    if (resource.userId === undefined && isShopper(actor)) return "forbidden";
    if (resource.userId !== undefined && !canSeeOwnWork(actor, resource.userId)) return "not_found";
  }
  if (resource.type === "audit" && resource.shopperId !== undefined && !canSeeAudit(actor, resource)) {
    return "not_found";
  }

  if (
    (resource.type === "dispute" || resource.type === "action" || resource.type === "complaint") &&
    resource.branchId !== undefined &&
    !canSeeBranch(branchScope(actor), { id: resource.branchId, regionId: resource.regionId })
  ) {
    return "not_found";
  }

  if (
    resource.type === "calibration" &&
    resource.raterIds !== undefined &&
    !CALIBRATION_OVERSEERS.includes(actor.role) &&
    !resource.raterIds.includes(actor.userId)
  ) {
    return "not_found";
  }

  if (action === "list" || action === "read") return "allow";
  if (action === "rate") {
    return resource.type === "calibration" && RATERS.includes(actor.role) ? "allow" : "forbidden";
  }
  if (action === "decide") return resource.type === "dispute" && ARBITERS.includes(actor.role) ? "allow" : "forbidden";
  if (action === "verify") return resource.type === "action" && VERIFIERS.includes(actor.role) ? "allow" : "forbidden";
  if (action === "review" || action === "reopen" || action === "reply") {
    return resource.type === "audit" && REVIEW_ACTORS[action].includes(actor.role) ? "allow" : "forbidden";
  }
  return WRITERS[resource.type].includes(actor.role) ? "allow" : "forbidden";
}

/**
 * What the signed-in user may do in the web app, sent with `GET /me` so the app asks "may I?"
 * instead of copying role lists. Every answer comes from `decide` or a scope above; the API still
 * decides each request.
 */
export interface Abilities {
  /** The regions page (and region roll-ups). */
  regions: boolean;
  /** The branches page. */
  branches: boolean;
  /** The people of the organisation. */
  users: boolean;
  /** The checklist library: head office (shoppers get theirs with their visits). */
  checklists: boolean;
  /** Planned mystery visits and their reports, across shoppers: head office (admins also plan and cancel them). */
  assignments: boolean;
  /** Create and edit regions, branches, people, checklists and planned visits. */
  manage: boolean;
  /** Scorecards of the branches in scope (every role that sees branches). */
  scorecards: boolean;
  /** The league table, region roll-ups, heatmap and trends: whoever sees regions. */
  analytics: boolean;
  /** The shopper's own app: their visits (/visits) and the outbox of reports on their phone. */
  visits: boolean;
  /** The branches they see are the ones they run ("my branch"), not a list to browse. */
  ownBranches: boolean;
  /** Checks reports before they count: the home page leads with the review queue. */
  review: boolean;
  /** May claim and review reports (the review queue in the navigation): reviewers, and admins who step in. */
  reviewQueue: boolean;
  /** Disputes: the list (head office and the branch's managers). */
  disputes: boolean;
  /** May dispute items of a published report of their branches. */
  raiseDisputes: boolean;
  /** May decide disputes (blind to who raised them). */
  decideDisputes: boolean;
  /** Corrective actions: the board (head office and the branch's managers). */
  actions: boolean;
  /** May create and update actions of their branches. */
  writeActions: boolean;
  /** May verify or return done actions. */
  verifyActions: boolean;
  /** May read audit rounds and their coverage (planning them is `manage`'s: admins). */
  rounds: boolean;
  /** Payout batches: what is payable, approving, the CSV, marking paid (admins; docs/PAYOUTS.md). */
  payouts: boolean;
  /** One's own earnings and expenses (shoppers). */
  earnings: boolean;
  /** The calibration pages in the navigation: head office's overseers, and raters an open calibration invites. */
  calibrations: boolean;
  /** Every calibration of the organisation, its raters by name, and alpha across rounds: head office. */
  overseeCalibrations: boolean;
  /** May create and close calibrations. */
  createCalibrations: boolean;
  /** May rate the calibrations that invite them, and read their results (shoppers and reviewers). */
  rateCalibrations: boolean;
  /** The forbidden-phrase list (reading it; editing is `manage`'s: admins). */
  phrases: boolean;
  /** Complaints of the branches in scope: the log (managers, analysts, admins). */
  complaints: boolean;
  /** May log complaints and take their steps. */
  writeComplaints: boolean;
}

/** Facts about the actor that the policy cannot know from the session alone (read with `GET /me`). */
export interface AbilityFacts {
  /** An open calibration of this organisation invites them. */
  calibrationInvitations: boolean;
}

/**
 * The abilities of `actor`, for the web app.
 * @example abilities(branchManager) // { branches: true, scorecards: true, ownBranches: true, manage: false, ... }
 */
export function abilities(actor: Actor, facts: AbilityFacts = { calibrationInvitations: false }): Abilities {
  const may = (action: Action, resource: Resource) => decide(actor, action, resource) === "allow";
  const branches = branchScope(actor).kind;
  const headOffice = branches === "all";
  const writable: ResourceType[] = ["region", "branch", "user", "checklist", "assignment"];
  return {
    regions: may("list", { type: "region" }),
    branches: may("list", { type: "branch" }),
    users: may("list", { type: "user" }),
    checklists: headOffice && may("list", { type: "checklist" }),
    assignments: headOffice && may("list", { type: "assignment" }),
    manage: writable.every((type) => may("create", { type } as Resource)),
    scorecards: may("list", { type: "branch" }),
    analytics: may("list", { type: "region" }),
    visits: may("create", { type: "audit" }),
    ownBranches: branches === "branches",
    review: REVIEWERS.includes(actor.role),
    reviewQueue: may("review", { type: "audit" }),
    disputes: may("list", { type: "dispute" }),
    raiseDisputes: may("create", { type: "dispute" }),
    decideDisputes: may("decide", { type: "dispute" }),
    actions: may("list", { type: "action" }),
    writeActions: may("create", { type: "action" }),
    verifyActions: may("verify", { type: "action" }),
    rounds: may("list", { type: "round" }),
    payouts: may("list", { type: "payout" }),
    earnings: may("list", { type: "earning" }),
    calibrations: calibrationOverseer(actor) || (facts.calibrationInvitations && may("rate", { type: "calibration" })),
    overseeCalibrations: calibrationOverseer(actor),
    createCalibrations: may("create", { type: "calibration" }),
    rateCalibrations: may("rate", { type: "calibration" }),
    phrases: may("list", { type: "phrase" }),
    complaints: may("list", { type: "complaint" }),
    writeComplaints: may("create", { type: "complaint" }),
  };
}
