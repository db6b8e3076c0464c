import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../schema/enums";
import {
  checkScope,
  isSessionLive,
  type ScopeInput,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "../../worker/domain/memberships";

const paths = (role: Role, scope: ScopeInput) =>
  checkScope(role, scope)
    .map((p) => p.path)
    .sort();

describe("checkScope", () => {
  const none: ScopeInput = { regionIds: [], branchIds: [] };
  const regions: ScopeInput = { regionIds: ["r1"], branchIds: [] };
  const branches: ScopeInput = { regionIds: [], branchIds: ["b1"] };
  const both: ScopeInput = { regionIds: ["r1"], branchIds: ["b1"] };

  it.each<[Role, ScopeInput, string[]]>([
    ["regional_manager", regions, []],
    ["regional_manager", none, ["regionIds"]],
    ["regional_manager", branches, ["branchIds", "regionIds"]],
    ["regional_manager", both, ["branchIds"]],
    ["branch_manager", branches, []],
    ["branch_manager", none, ["branchIds"]],
    ["branch_manager", regions, ["branchIds", "regionIds"]],
    ["branch_manager", both, ["regionIds"]],
    ["admin", none, []],
    ["admin", both, ["branchIds", "regionIds"]],
    ["analyst", regions, ["regionIds"]],
    ["reviewer", branches, ["branchIds"]],
    ["shopper", none, []],
    ["shopper", both, ["branchIds", "regionIds"]],
  ])("%s with %j → %j", (role, scope, expected) => {
    expect(paths(role, scope)).toEqual(expected);
  });

  it("every problem has a message", () => {
    for (const problem of checkScope("branch_manager", { regionIds: ["r"], branchIds: [] })) {
      expect(problem.message.length).toBeGreaterThan(0);
    }
  });

  it("accepts exactly the scope each role needs (property)", () => {
    const ids = fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), ids, ids, (role, regionIds, branchIds) => {
        const found = paths(role, { regionIds, branchIds });
        const wantRegions = role === "regional_manager";
        const wantBranches = role === "branch_manager";
        const regionOk = wantRegions ? regionIds.length > 0 : regionIds.length === 0;
        const branchOk = wantBranches ? branchIds.length > 0 : branchIds.length === 0;
        expect(found.includes("regionIds")).toBe(!regionOk);
        expect(found.includes("branchIds")).toBe(!branchOk);
        expect(new Set(found).size).toBe(found.length); // at most one problem per field
      }),
      { numRuns: 500 },
    );
  });
});

describe("isSessionLive", () => {
  const start = 1_700_000_000_000;

  it("is live right after sign-in and dead at the absolute end", () => {
    const session = { lastSeenAt: start, expiresAt: start + SESSION_ABSOLUTE_MS };
    expect(isSessionLive(session, start)).toBe(true);
    expect(isSessionLive(session, session.expiresAt - 1)).toBe(false); // idle long before that
    const busy = { lastSeenAt: session.expiresAt - 1000, expiresAt: session.expiresAt };
    expect(isSessionLive(busy, session.expiresAt - 1)).toBe(true);
    expect(isSessionLive(busy, session.expiresAt)).toBe(false);
  });

  it("dies exactly when the idle limit is reached", () => {
    const session = { lastSeenAt: start, expiresAt: start + SESSION_ABSOLUTE_MS };
    expect(isSessionLive(session, start + SESSION_IDLE_MS - 1)).toBe(true);
    expect(isSessionLive(session, start + SESSION_IDLE_MS)).toBe(false);
  });

  const time = fc.integer({ min: 0, max: 4_000_000_000_000 });

  it("is live when seen recently and before the end (property)", () => {
    fc.assert(
      fc.property(
        time,
        fc.integer({ min: 0, max: SESSION_IDLE_MS - 1 }),
        fc.integer({ min: 1, max: SESSION_ABSOLUTE_MS }),
        (lastSeenAt, idle, left) => {
          const now = lastSeenAt + idle;
          expect(isSessionLive({ lastSeenAt, expiresAt: now + left }, now)).toBe(true);
        },
      ),
    );
  });

  it("is never live at or after its absolute end (property)", () => {
    fc.assert(
      fc.property(time, time, fc.integer({ min: 0, max: SESSION_ABSOLUTE_MS }), (lastSeenAt, expiresAt, late) => {
        expect(isSessionLive({ lastSeenAt, expiresAt }, expiresAt + late)).toBe(false);
      }),
    );
  });

  it("is never live once idle for the limit or longer (property)", () => {
    fc.assert(
      fc.property(time, fc.integer({ min: SESSION_IDLE_MS, max: 10 * SESSION_ABSOLUTE_MS }), (lastSeenAt, idle) => {
        const now = lastSeenAt + idle;
        expect(isSessionLive({ lastSeenAt, expiresAt: now + SESSION_ABSOLUTE_MS }, now)).toBe(false);
      }),
    );
  });
});
