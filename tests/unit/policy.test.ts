import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../schema/enums";
import {
  type Action,
  type Actor,
  ASSIGNEE_ROLES,
  assignmentScope,
  assignmentView,
  auditView,
  type BranchScope,
  branchScope,
  type Decision,
  decide,
  type RegionScope,
  type Resource,
  regionScope,
  scopeKind,
} from "../../worker/domain/policy";

const REGION_IN = "region-in";
const REGION_OUT = "region-out";
const BRANCH_IN = "branch-in";

/** Every role with the scope the demo gives it: a regional manager covers REGION_IN, a branch manager runs BRANCH_IN. */
function actorFor(role: Role): Actor {
  return {
    userId: `user-${role}`,
    organizationId: "org",
    role,
    regionIds: role === "regional_manager" ? [REGION_IN] : [],
    branchIds: role === "branch_manager" ? [BRANCH_IN] : [],
  };
}

/** Targets: collections (for list and create) and single rows inside or outside the scoped roles' scope. */
const TARGETS = {
  regions: { type: "region" },
  "region in scope": { type: "region", id: REGION_IN },
  "region out of scope": { type: "region", id: REGION_OUT },
  branches: { type: "branch" },
  "branch in scope": { type: "branch", id: BRANCH_IN, regionId: REGION_IN },
  "other branch, same region": { type: "branch", id: "branch-next-door", regionId: REGION_IN },
  "branch in another region": { type: "branch", id: "branch-far", regionId: REGION_OUT },
  users: { type: "user" },
  "one user": { type: "user", id: "someone" },
  organization: { type: "organization" },
  checklists: { type: "checklist" },
  "published checklist version": { type: "checklist", draft: false },
  "draft checklist version": { type: "checklist", draft: true },
} satisfies Record<string, Resource>;

type Target = keyof typeof TARGETS;

const A: Decision = "allow";
const F: Decision = "forbidden";
const N: Decision = "not_found";

/** Collections answer [list, create]; single rows answer [read, update]. */
const COLLECTIONS: readonly Target[] = ["regions", "branches", "users", "organization", "checklists"];

/**
 * The expected answer for every role, action and resource type. Collections answer
 * [list, create]; single rows answer [read, update]; the organisation answers both pairs.
 */
const EXPECTED: Record<Role, Record<Target, [Decision, Decision]>> = {
  admin: {
    regions: [A, A],
    "region in scope": [A, A],
    "region out of scope": [A, A],
    branches: [A, A],
    "branch in scope": [A, A],
    "other branch, same region": [A, A],
    "branch in another region": [A, A],
    users: [A, A],
    "one user": [A, A],
    organization: [A, A],
    checklists: [A, A],
    "published checklist version": [A, A],
    "draft checklist version": [A, A],
  },
  analyst: {
    regions: [A, F],
    "region in scope": [A, F],
    "region out of scope": [A, F],
    branches: [A, F],
    "branch in scope": [A, F],
    "other branch, same region": [A, F],
    "branch in another region": [A, F],
    users: [A, F],
    "one user": [A, F],
    organization: [A, F],
    checklists: [A, F],
    "published checklist version": [A, F],
    "draft checklist version": [N, N],
  },
  reviewer: {
    regions: [A, F],
    "region in scope": [A, F],
    "region out of scope": [A, F],
    branches: [A, F],
    "branch in scope": [A, F],
    "other branch, same region": [A, F],
    "branch in another region": [A, F],
    users: [F, F],
    "one user": [F, F],
    organization: [A, F],
    checklists: [A, F],
    "published checklist version": [A, F],
    "draft checklist version": [N, N],
  },
  regional_manager: {
    regions: [A, F],
    "region in scope": [A, F],
    "region out of scope": [N, N],
    branches: [A, F],
    "branch in scope": [A, F],
    "other branch, same region": [A, F],
    "branch in another region": [N, N],
    users: [F, F],
    "one user": [F, F],
    organization: [A, F],
    checklists: [A, F],
    "published checklist version": [A, F],
    "draft checklist version": [N, N],
  },
  branch_manager: {
    regions: [F, F],
    "region in scope": [F, F],
    "region out of scope": [F, F],
    branches: [A, F],
    "branch in scope": [A, F],
    "other branch, same region": [N, N],
    "branch in another region": [N, N],
    users: [F, F],
    "one user": [F, F],
    organization: [A, F],
    checklists: [A, F],
    "published checklist version": [A, F],
    "draft checklist version": [N, N],
  },
  shopper: {
    regions: [F, F],
    "region in scope": [F, F],
    "region out of scope": [F, F],
    branches: [F, F],
    "branch in scope": [F, F],
    "other branch, same region": [F, F],
    "branch in another region": [F, F],
    users: [F, F],
    "one user": [F, F],
    organization: [A, F],
    checklists: [A, F],
    "published checklist version": [A, F],
    "draft checklist version": [N, N],
  },
};

const cases: Array<[Role, Action, Target, Decision]> = ROLES.flatMap((role) =>
  (Object.keys(TARGETS) as Target[]).flatMap((target): Array<[Role, Action, Target, Decision]> => {
    const [first, second] = EXPECTED[role][target];
    const pairs: Array<[Action, Decision]> =
      target === "organization"
        ? [
            ["list", first],
            ["read", first],
            ["create", second],
            ["update", second],
          ]
        : COLLECTIONS.includes(target)
          ? [
              ["list", first],
              ["create", second],
            ]
          : [
              ["read", first],
              ["update", second],
            ];
    return pairs.map(([action, decision]): [Role, Action, Target, Decision] => [role, action, target, decision]);
  }),
);

describe("decide", () => {
  it("the table covers every role × action × resource type", () => {
    const covered = new Set(cases.map(([role, action, target]) => `${role}/${action}/${TARGETS[target].type}`));
    expect(covered.size).toBe(ROLES.length * 4 * 5);
  });

  it.each(cases)("%s may %s %s: %s", (role, action, target, expected) => {
    expect(decide(actorFor(role), action, TARGETS[target])).toBe(expected);
  });

  it("a regional manager without regions sees no region or branch", () => {
    const actor: Actor = { ...actorFor("regional_manager"), regionIds: [] };
    expect(decide(actor, "read", { type: "region", id: REGION_IN })).toBe("not_found");
    expect(decide(actor, "read", { type: "branch", id: BRANCH_IN, regionId: REGION_IN })).toBe("not_found");
  });
});

describe("auditView", () => {
  it("head office sees who, where, which assignment and the flags; the shopper all but the flags; managers the report only", () => {
    const insider = { shopper: true, review: true, assignment: true, flags: true };
    const outsider = { shopper: false, review: false, assignment: false, flags: false };
    const views = Object.fromEntries(ROLES.map((role) => [role, auditView(actorFor(role))]));
    expect(views).toEqual({
      admin: insider,
      analyst: insider,
      reviewer: insider,
      // The shopper sees their own report, but not who reviews it nor the flags (head office's notes).
      shopper: { ...insider, review: false, flags: false },
      regional_manager: outsider,
      branch_manager: outsider,
    });
  });

  it("whoever sees the assignment id may read assignments", () => {
    for (const role of ROLES) {
      const actor = actorFor(role);
      expect(auditView(actor).assignment, role).toBe(decide(actor, "list", { type: "assignment" }) === "allow");
    }
  });
});

describe("assignmentScope and assignmentView", () => {
  it("a shopper's list is their own and does not name them back; head office sees all and whom", () => {
    const shopper = actorFor("shopper");
    expect(assignmentScope(shopper)).toEqual({ kind: "shopper", shopperId: shopper.userId });
    expect(assignmentView(shopper)).toEqual({ shopper: false });
    for (const role of ["admin", "analyst", "reviewer"] as const) {
      expect(assignmentScope(actorFor(role)), role).toEqual({ kind: "all" });
      expect(assignmentView(actorFor(role)), role).toEqual({ shopper: true });
    }
  });

  it("whoever is shown the shopper of a visit may also read other shoppers' visits", () => {
    for (const role of ROLES) {
      const actor = actorFor(role);
      if (decide(actor, "list", { type: "assignment" }) !== "allow") continue;
      const other = decide(actor, "read", { type: "assignment", shopperId: "someone-else" }) === "allow";
      expect(assignmentView(actor).shopper, role).toBe(other);
    }
  });
});

describe("scopeKind", () => {
  it("regional managers cover regions, branch managers run branches, other roles carry no scope", () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, scopeKind(role)]))).toEqual({
      admin: null,
      analyst: null,
      reviewer: null,
      regional_manager: "regions",
      branch_manager: "branches",
      shopper: null,
    });
  });
});

describe("branchScope and regionScope", () => {
  const expectedBranchScope: Record<Role, BranchScope> = {
    admin: { kind: "all" },
    analyst: { kind: "all" },
    reviewer: { kind: "all" },
    regional_manager: { kind: "regions", regionIds: [REGION_IN] },
    branch_manager: { kind: "branches", branchIds: [BRANCH_IN] },
    shopper: { kind: "none" },
  };
  const expectedRegionScope: Record<Role, RegionScope> = {
    admin: { kind: "all" },
    analyst: { kind: "all" },
    reviewer: { kind: "all" },
    regional_manager: { kind: "regions", regionIds: [REGION_IN] },
    branch_manager: { kind: "none" },
    shopper: { kind: "none" },
  };

  it.each(ROLES)("%s", (role) => {
    expect(branchScope(actorFor(role))).toEqual(expectedBranchScope[role]);
    expect(regionScope(actorFor(role))).toEqual(expectedRegionScope[role]);
  });
});

describe("decide agrees with the list scopes (property)", () => {
  const regionId = fc.constantFrom("r1", "r2", "r3", "r4");
  const branchId = fc.constantFrom("b1", "b2", "b3", "b4", "b5", "b6");
  const actor = fc.record({
    userId: fc.uuid(),
    organizationId: fc.constant("org"),
    role: fc.constantFrom(...ROLES),
    regionIds: fc.uniqueArray(regionId, { maxLength: 3 }),
    branchIds: fc.uniqueArray(branchId, { maxLength: 3 }),
  });

  /** What a list filtered by the scope would include (the SQL side, restated). */
  function inBranchScope(scope: BranchScope, branch: { id: string; regionId: string }): boolean {
    if (scope.kind === "all") return true;
    if (scope.kind === "regions") return scope.regionIds.includes(branch.regionId);
    if (scope.kind === "branches") return scope.branchIds.includes(branch.id);
    return false;
  }

  function inRegionScope(scope: RegionScope, id: string): boolean {
    if (scope.kind === "all") return true;
    if (scope.kind === "regions") return scope.regionIds.includes(id);
    return false;
  }

  it("a branch is readable exactly when its branch scope contains it", () => {
    fc.assert(
      fc.property(actor, fc.record({ id: branchId, regionId }), (a, branch) => {
        const scope = branchScope(a);
        const decision = decide(a, "read", { type: "branch", ...branch });
        expect(decision === "allow").toBe(inBranchScope(scope, branch));
        // A role that lists branches at all hides the others (404); the rest are refused (403).
        if (decision !== "allow") expect(decision).toBe(scope.kind === "none" ? "forbidden" : "not_found");
      }),
      { numRuns: 500 },
    );
  });

  it("a region is readable exactly when its region scope contains it", () => {
    fc.assert(
      fc.property(actor, regionId, (a, id) => {
        const scope = regionScope(a);
        const decision = decide(a, "read", { type: "region", id });
        expect(decision === "allow").toBe(inRegionScope(scope, id));
        if (decision !== "allow") expect(decision).toBe(scope.kind === "none" ? "forbidden" : "not_found");
      }),
      { numRuns: 500 },
    );
  });

  it("only admins ever write, and never outside what they can read", () => {
    fc.assert(
      fc.property(
        actor,
        fc.constantFrom<Action>("create", "update"),
        fc.record({ id: branchId, regionId }),
        (a, action, branch) => {
          const decision = decide(a, action, { type: "branch", ...branch });
          if (decision === "allow") {
            expect(a.role).toBe("admin");
            expect(decide(a, "read", { type: "branch", ...branch })).toBe("allow");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("ASSIGNEE_ROLES", () => {
  it("is exactly the roles that may submit a report", () => {
    for (const role of ROLES) {
      const actor = { userId: "u", organizationId: "o", role, regionIds: [], branchIds: [] };
      expect(ASSIGNEE_ROLES.includes(role)).toBe(decide(actor, "create", { type: "audit" }) === "allow");
    }
  });
});
