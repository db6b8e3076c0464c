import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../schema/enums";
import type { SessionActor } from "../../worker/data/sessions";
import type { Abilities } from "../../worker/domain/policy";
import { type MeBody, presentMe } from "../../worker/presenters";

function actorFor(role: Role): SessionActor {
  return {
    sessionId: "session-1",
    membershipId: "membership-1",
    userId: "user-1",
    organizationId: "org-1",
    email: "someone@example.test",
    displayName: "Someone",
    locale: "zh",
    emailMode: "daily",
    timeZone: "Europe/Paris",
    role,
    regionIds: role === "regional_manager" ? ["region-1"] : [],
    branchIds: role === "branch_manager" ? ["branch-1", "branch-2"] : [],
    pending: null,
    twoFactorEnabled: false,
    requireTwoFactor: false,
  };
}

const MEMBERSHIPS = [
  {
    organizationId: "org-0",
    slug: "zero",
    nameEn: "Zero Ltd",
    nameZh: "零有限公司",
    role: "shopper" as Role,
    staffNames: "allowed" as const,
    requireTwoFactor: false,
  },
  {
    organizationId: "org-1",
    slug: "one",
    nameEn: "One Retail",
    nameZh: "一号零售",
    role: "admin" as Role,
    staffNames: "initials" as const,
    requireTwoFactor: false,
  },
];

const NONE: Abilities = {
  regions: false,
  branches: false,
  users: false,
  checklists: false,
  assignments: false,
  manage: false,
  scorecards: false,
  analytics: false,
  visits: false,
  ownBranches: false,
  review: false,
  reviewQueue: false,
  disputes: false,
  raiseDisputes: false,
  decideDisputes: false,
  actions: false,
  writeActions: false,
  verifyActions: false,
  rounds: false,
  payouts: false,
  earnings: false,
  calibrations: false,
  overseeCalibrations: false,
  createCalibrations: false,
  rateCalibrations: false,
  phrases: false,
  complaints: false,
  writeComplaints: false,
};
const OFFICE: Abilities = {
  ...NONE,
  regions: true,
  branches: true,
  checklists: true,
  assignments: true,
  scorecards: true,
  analytics: true,
  phrases: true,
};

/** What each role could do in the web app when it copied the role lists itself, plus `ownBranches` and `review`. */
const EXPECTED: Record<Role, Abilities> = {
  admin: {
    ...OFFICE,
    users: true,
    manage: true,
    reviewQueue: true,
    disputes: true,
    decideDisputes: true,
    actions: true,
    writeActions: true,
    verifyActions: true,
    rounds: true,
    payouts: true,
    calibrations: true,
    overseeCalibrations: true,
    createCalibrations: true,
    complaints: true,
    writeComplaints: true,
  },
  analyst: {
    ...OFFICE,
    users: true,
    disputes: true,
    actions: true,
    rounds: true,
    calibrations: true,
    overseeCalibrations: true,
    complaints: true,
  },
  reviewer: {
    ...OFFICE,
    review: true,
    reviewQueue: true,
    disputes: true,
    decideDisputes: true,
    rateCalibrations: true,
  },
  regional_manager: {
    ...NONE,
    regions: true,
    branches: true,
    scorecards: true,
    analytics: true,
    phrases: true,
    disputes: true,
    raiseDisputes: true,
    actions: true,
    writeActions: true,
    verifyActions: true,
    complaints: true,
    writeComplaints: true,
  },
  branch_manager: {
    ...NONE,
    branches: true,
    scorecards: true,
    ownBranches: true,
    phrases: true,
    disputes: true,
    raiseDisputes: true,
    actions: true,
    writeActions: true,
    complaints: true,
    writeComplaints: true,
  },
  shopper: { ...NONE, visits: true, earnings: true, rateCalibrations: true },
};

describe("presentMe", () => {
  it("presents the user, the current organisation, role, scope, abilities and every membership", () => {
    const body: MeBody = presentMe(actorFor("regional_manager"), MEMBERSHIPS);
    expect(body).toEqual({
      user: {
        id: "user-1",
        email: "someone@example.test",
        displayName: "Someone",
        locale: "zh",
        emailMode: "daily",
        timeZone: "Europe/Paris",
        twoFactor: { enabled: false, recoveryCodesLeft: 0 },
      },
      organization: {
        id: "org-1",
        slug: "one",
        name: { en: "One Retail", zh: "一号零售" },
        staffNames: "initials",
        requireTwoFactor: false,
      },
      pending: null,
      role: "regional_manager",
      scope: { regionIds: ["region-1"], branchIds: [] },
      abilities: EXPECTED.regional_manager,
      organizations: [
        { id: "org-0", name: { en: "Zero Ltd", zh: "零有限公司" }, role: "shopper" },
        { id: "org-1", name: { en: "One Retail", zh: "一号零售" }, role: "admin" },
      ],
    });
  });

  it("sends what each role may do, computed by the policy", () => {
    for (const role of ROLES) expect(presentMe(actorFor(role), MEMBERSHIPS).abilities, role).toEqual(EXPECTED[role]);
  });

  it("shows calibration in the navigation to head office, and to shoppers and reviewers an open one invites", () => {
    const invited = { calibrationInvitations: true };
    for (const role of ROLES) {
      const can = presentMe(actorFor(role), MEMBERSHIPS, invited).abilities;
      expect(can.rateCalibrations, role).toBe(role === "shopper" || role === "reviewer");
      expect(can.calibrations, role).toBe(["shopper", "reviewer", "admin", "analyst"].includes(role));
    }
  });

  it("copies the scope, so the body never shares the actor's arrays", () => {
    const actor = actorFor("branch_manager");
    const body = presentMe(actor, MEMBERSHIPS);
    expect(body.scope.branchIds).toEqual(["branch-1", "branch-2"]);
    expect(body.scope.branchIds).not.toBe(actor.branchIds);
  });

  it("an organisation missing from the memberships presents empty names, not an error", () => {
    const body = presentMe(actorFor("admin"), []);
    expect(body.organization).toEqual({
      id: "org-1",
      slug: "",
      name: { en: "", zh: "" },
      staffNames: "role_only",
      requireTwoFactor: false,
    });
    expect(body.organizations).toEqual([]);
  });
});
