/**
 * Organisations never see each other, and each role sees only its scope:
 * out of scope is 404 (existence stays secret), a forbidden action is 403.
 *
 * Two factory organisations: `org` (every role) and `other` (its admin); both have the same
 * names and codes, so only ids tell them apart. The trust loop (disputes and corrective
 * actions) has two of its own that publish on arrival: every route × every role × a row of
 * their own branch, another branch of the region, another region and the other organisation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../worker/domain/actions";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, expectOk, expectProblem, uniqueCode } from "./helpers";
import { createMemberBy } from "./member-helpers";
import { type BranchInput, createBranchIn, listAllBranchesAs } from "./org-helpers";
import { ACTED_ON, branchToday, DISPUTED, type TrustRows, trustRows } from "./trust-helpers";

let org: TestOrganization;
let other: TestOrganization;
let northBranchIds: string[];

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  northBranchIds = [org.branchIds.north1, org.branchIds.north2, org.branchIds.northCall].sort();
});

/** A branch with this code exists in `org` (checked as its admin). */
async function branchExists(code: string): Promise<boolean> {
  const page = await expectOk(await org.as.admin.api.v1.branches.$get({ query: { q: code } }), 200);
  return page.items.some((b) => b.code === code);
}

const newBranchBody = (code: string, regionId: string = org.regionIds.east): BranchInput => ({
  code,
  nameEn: "Should not exist",
  nameZh: "不应存在",
  regionId,
  channel: "store",
});

const branch = (as: Client, id: string) => ({
  get: () => as.api.v1.branches[":id"].$get({ param: { id } }),
  patch: (json: Partial<BranchInput> & { active?: boolean }) =>
    as.api.v1.branches[":id"].$patch({ param: { id }, json: { version: 1, ...json } }),
});
const region = (as: Client, id: string) => ({
  get: () => as.api.v1.regions[":id"].$get({ param: { id } }),
  patch: (json: { nameEn: string }) =>
    as.api.v1.regions[":id"].$patch({ param: { id }, json: { version: 1, ...json } }),
});

describe("organisations are isolated", () => {
  const otherAdmin = () => other.as.admin;
  const admin = () => org.as.admin;

  it("the other organisation's admin gets 404 for this one's branches, regions and people", async () => {
    for (const id of Object.values(org.branchIds)) {
      await expectProblem(await branch(otherAdmin(), id).get(), 404, "not_found");
    }
    await expectProblem(await region(otherAdmin(), org.regionIds.north).get(), 404, "not_found");
    const id = org.people.admin.id;
    await expectProblem(await otherAdmin().api.v1.users[":id"].$get({ param: { id } }), 404, "not_found");
  });

  it("the other organisation's admin cannot change this one's rows (404, nothing written)", async () => {
    await expectProblem(
      await branch(otherAdmin(), org.branchIds.east1).patch({ nameEn: "Hijacked" }),
      404,
      "not_found",
    );
    await expectProblem(
      await region(otherAdmin(), org.regionIds.south).patch({ nameEn: "Hijacked" }),
      404,
      "not_found",
    );
    const shopperId = org.people.shopper.id;
    await expectProblem(
      await otherAdmin().api.v1.users[":id"].$patch({
        param: { id: shopperId },
        json: { status: "deactivated", version: 1 },
      }),
      404,
      "not_found",
    );
    await expectProblem(
      await otherAdmin().api.v1.users[":id"].invitation.$post({ param: { id: shopperId } }),
      404,
      "not_found",
    );

    const east1 = await expectOk(await branch(admin(), org.branchIds.east1).get(), 200);
    expect(east1.name.en).toBe("Nanjing Road");
    const south = await expectOk(await region(admin(), org.regionIds.south).get(), 200);
    expect(south.name.en).toBe("South");
    const shopper = await expectOk(await admin().api.v1.users[":id"].$get({ param: { id: shopperId } }), 200);
    expect(shopper.status).toBe("active");
  });

  it("the other organisation's lists never contain this one's rows", async () => {
    const ownBranchIds = new Set((await listAllBranchesAs(admin())).items.map((b) => b.id));
    const otherBranches = (await listAllBranchesAs(otherAdmin())).items;
    expect(otherBranches.map((b) => b.id)).toEqual(expect.arrayContaining(Object.values(other.branchIds)));
    expect(otherBranches.filter((b) => ownBranchIds.has(b.id))).toEqual([]);
    expect(otherBranches.filter((b) => b.id.startsWith(org.id))).toEqual([]);

    const regions = await expectOk(await otherAdmin().api.v1.regions.$get({ query: {} }), 200);
    expect(regions.items.map((r) => r.id)).toContain(other.regionIds.north);
    expect(regions.items.filter((r) => r.id.startsWith(org.id))).toEqual([]);

    const users = await expectOk(await otherAdmin().api.v1.users.$get({ query: {} }), 200);
    expect(users.items.map((u) => u.id)).toContain(other.people.admin.id);
    const ownEmails = new Set(Object.values(org.people).map((p) => p.email));
    expect(users.items.filter((u) => u.id.startsWith(org.id) || ownEmails.has(u.email))).toEqual([]);

    // Filtering by this organisation's region does not reach into it either.
    const filtered = await expectOk(
      await otherAdmin().api.v1.branches.$get({ query: { regionId: org.regionIds.north } }),
      200,
    );
    expect(filtered.items).toEqual([]);
    // Nor does a search for a name only this organisation has.
    const name = `Only Here ${uniqueCode()}`;
    await createBranchIn(org, { nameEn: name });
    const searched = await expectOk(await otherAdmin().api.v1.branches.$get({ query: { q: name } }), 200);
    expect(searched.items).toEqual([]);
  });

  it("the other organisation's admin cannot attach a branch to this one's region", async () => {
    const code = uniqueCode();
    const problem = await expectProblem(
      await otherAdmin().api.v1.branches.$post({ json: newBranchBody(code, org.regionIds.north) }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "regionId", code: "unknown_reference" })]);
    const otherList = await expectOk(await otherAdmin().api.v1.branches.$get({ query: { q: code } }), 200);
    expect(otherList.items).toEqual([]);
  });

  it("this organisation's admin gets 404 for the other's rows and never lists them", async () => {
    const otherBranchIds: string[] = Object.values(other.branchIds);
    for (const id of otherBranchIds) {
      await expectProblem(await branch(admin(), id).get(), 404, "not_found");
      await expectProblem(await branch(admin(), id).patch({ active: false }), 404, "not_found");
    }
    await expectProblem(await region(admin(), other.regionIds.north).get(), 404, "not_found");
    const otherAdminId = other.people.admin.id;
    await expectProblem(await admin().api.v1.users[":id"].$get({ param: { id: otherAdminId } }), 404, "not_found");

    const branches = (await listAllBranchesAs(admin())).items;
    expect(branches.filter((b) => otherBranchIds.includes(b.id))).toEqual([]);
    const otherRegionIds: string[] = Object.values(other.regionIds);
    expect(branches.filter((b) => otherRegionIds.includes(b.region.id))).toEqual([]);
    const regions = await expectOk(await admin().api.v1.regions.$get({ query: {} }), 200);
    expect(regions.items.map((r) => r.id)).not.toContain(other.regionIds.north);
    const users = await expectOk(await admin().api.v1.users.$get({ query: {} }), 200);
    expect(users.items.map((u) => u.id)).not.toContain(otherAdminId);
  });
});

describe("issue 18: privacy settings and a person's own routes stay in the caller's organisation", () => {
  it("the other organisation's admin changes only their own privacy settings", async () => {
    const before = await expectOk(await org.as.admin.api.v1.organization.$get(), 200);
    const theirs = await expectOk(await other.as.admin.api.v1.organization.$get(), 200);
    expect(theirs.id).toBe(other.id);
    // Even naming this organisation's version: the organisation is the caller's, never the body's.
    const changed = await expectOk(
      await other.as.admin.api.v1.organization.$patch({
        json: { version: theirs.version, staffNames: "allowed", fixRetentionDays: 7 },
      }),
      200,
    );
    expect(changed.id).toBe(other.id);
    expect(await expectOk(await org.as.admin.api.v1.organization.$get(), 200)).toEqual(before);
    // An id in the body is not a way in either.
    await expectProblem(
      await api("/api/v1/organization", {
        method: "PATCH",
        cookie: other.people.admin.cookie,
        body: { id: org.id, version: changed.version, staffNames: "role_only" },
      }),
      400,
      "validation_failed",
    );
  });

  it("every role reads its own organisation's privacy settings, and an admin's export holds no other organisation", async () => {
    for (const who of ["admin", "analyst", "reviewer", "regional", "manager", "shopper"] as const) {
      const settings = await expectOk(await org.as[who].api.v1.organization.$get(), 200);
      expect(settings.id).toBe(org.id);
    }
    const res = await api("/api/v1/me/export", { cookie: other.people.admin.cookie });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(org.id);
  });
});

describe("branch manager (of north1)", () => {
  const as = () => org.as.manager;

  it("lists exactly their one branch, whatever the filters", async () => {
    const page = await expectOk(await as().api.v1.branches.$get({ query: {} }), 200);
    expect(page.items.map((b) => b.id)).toEqual([org.branchIds.north1]);
    expect(page.nextCursor).toBeNull();
    const east = await expectOk(await as().api.v1.branches.$get({ query: { regionId: org.regionIds.east } }), 200);
    expect(east.items).toEqual([]);
    // "NO": the code prefix of every north branch.
    const search = await expectOk(await as().api.v1.branches.$get({ query: { q: "NO" } }), 200);
    expect(search.items.map((b) => b.id)).toEqual([org.branchIds.north1]);
  });

  it("reads their branch, gets 404 for any other, 403 for changing any", async () => {
    const own = await expectOk(await branch(as(), org.branchIds.north1).get(), 200);
    expect(own.code).toBe("NO-001");
    // Same region, still not theirs.
    await expectProblem(await branch(as(), org.branchIds.north2).get(), 404, "not_found");
    await expectProblem(await branch(as(), org.branchIds.east1).get(), 404, "not_found");
    await expectProblem(
      await branch(as(), org.branchIds.north1).patch({ nameEn: "Renamed by manager" }),
      403,
      "forbidden",
    );
    // Writes are refused by role before any lookup: the same 403 for theirs, another and none.
    for (const id of [org.branchIds.north2, "no-such-branch"]) {
      await expectProblem(await branch(as(), id).patch({ nameEn: "Renamed by manager" }), 403, "forbidden");
    }
    const after = await expectOk(await branch(as(), org.branchIds.north1).get(), 200);
    expect(after.name.en).toBe("Wangfujing");
  });

  it("is refused regions and users (403)", async () => {
    await expectProblem(await as().api.v1.regions.$get({ query: {} }), 403, "forbidden");
    await expectProblem(await region(as(), org.regionIds.north).get(), 403, "forbidden");
    await expectProblem(await as().api.v1.users.$get({ query: {} }), 403, "forbidden");
    const id = org.people.manager.id;
    await expectProblem(await as().api.v1.users[":id"].$get({ param: { id } }), 403, "forbidden");
  });

  it("cannot create branches", async () => {
    const code = uniqueCode();
    await expectProblem(await as().api.v1.branches.$post({ json: newBranchBody(code) }), 403, "forbidden");
    expect(await branchExists(code)).toBe(false);
  });
});

describe("regional manager (of the north)", () => {
  const as = () => org.as.regional;

  it("sees only the three north branches", async () => {
    const { items, pages } = await listAllBranchesAs(as(), { limit: "2" });
    expect(pages).toBe(2);
    expect(items.map((b) => b.id).sort()).toEqual(northBranchIds);
    expect(new Set(items.map((b) => b.region.id))).toEqual(new Set([org.regionIds.north]));
  });

  it("sees only the north region", async () => {
    const page = await expectOk(await as().api.v1.regions.$get({ query: {} }), 200);
    expect(page.items.map((r) => r.id)).toEqual([org.regionIds.north]);
    expect(page.items[0]?.branchCount).toBe(3);
    const north = await expectOk(await region(as(), org.regionIds.north).get(), 200);
    expect(north.code).toBe("NORTH");
    await expectProblem(await region(as(), org.regionIds.east).get(), 404, "not_found");
  });

  it("gets 404 outside the north and 403 for any change", async () => {
    await expectProblem(await branch(as(), org.branchIds.east1).get(), 404, "not_found");
    // Writes are refused by role before any lookup, inside the north or outside it.
    await expectProblem(await branch(as(), org.branchIds.east1).patch({ active: false }), 403, "forbidden");
    expect((await branch(as(), org.branchIds.northCall).get()).status).toBe(200);
    await expectProblem(await branch(as(), org.branchIds.northCall).patch({ active: false }), 403, "forbidden");
    await expectProblem(await region(as(), org.regionIds.north).patch({ nameEn: "Mine now" }), 403, "forbidden");
    await expectProblem(await region(as(), org.regionIds.south).patch({ nameEn: "Mine now" }), 403, "forbidden");
    await expectProblem(await as().api.v1.users.$get({ query: {} }), 403, "forbidden");
  });
});

describe("shopper", () => {
  const as = () => org.as.shopper;

  it("is refused users, regions and branches (403)", async () => {
    await expectProblem(await as().api.v1.users.$get({ query: {} }), 403, "forbidden");
    await expectProblem(await as().api.v1.regions.$get({ query: {} }), 403, "forbidden");
    await expectProblem(await as().api.v1.branches.$get({ query: {} }), 403, "forbidden");
    await expectProblem(await branch(as(), org.branchIds.north1).get(), 403, "forbidden");
    const code = uniqueCode();
    await expectProblem(await as().api.v1.branches.$post({ json: newBranchBody(code) }), 403, "forbidden");
    expect(await branchExists(code)).toBe(false);
  });

  it("can still read who they are", async () => {
    const me = await expectOk(await as().api.v1.me.$get(), 200);
    expect(me.role).toBe("shopper");
  });
});

describe("analyst and reviewer (read-only head office)", () => {
  it("the analyst lists users and branches but cannot write", async () => {
    const as = org.as.analyst;
    const users = await expectOk(await as.api.v1.users.$get({ query: {} }), 200);
    expect(users.items.map((u) => u.id)).toContain(org.people.shopper.id);
    const branches = await listAllBranchesAs(as);
    expect(branches.items.map((b) => b.id)).toEqual(expect.arrayContaining(Object.values(org.branchIds)));

    const code = uniqueCode();
    await expectProblem(await as.api.v1.branches.$post({ json: newBranchBody(code) }), 403, "forbidden");
    expect(await branchExists(code)).toBe(false);
    await expectProblem(await branch(as, org.branchIds.east1).patch({ nameEn: "Analysed" }), 403, "forbidden");
    await expectProblem(await as.api.v1.regions.$post({ json: { code, nameEn: "A", nameZh: "A" } }), 403, "forbidden");
    await expectProblem(
      await as.api.v1.users.$post({
        json: { email: `${code.toLowerCase()}@example.test`, displayName: "X", role: "shopper" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await as.api.v1.users[":id"].$patch({
        param: { id: org.people.shopper.id },
        json: { status: "deactivated", version: 1 },
      }),
      403,
      "forbidden",
    );
  });

  it("the reviewer reads regions and branches but not users", async () => {
    const as = org.as.reviewer;
    expect((await as.api.v1.regions.$get({ query: {} })).status).toBe(200);
    expect((await branch(as, org.branchIds.east1).get()).status).toBe(200);
    await expectProblem(await as.api.v1.users.$get({ query: {} }), 403, "forbidden");
    await expectProblem(await region(as, org.regionIds.east).patch({ nameEn: "X" }), 403, "forbidden");
  });
});

describe("disputes and corrective actions: every route × role × own, other branch, other region, other organisation", () => {
  type Target = "own" | "otherBranch" | "otherRegion" | "otherOrg";
  type Role = Exclude<PersonKey, "shopper2" | "shopper3">;
  const ROLES: Role[] = ["admin", "analyst", "reviewer", "regional", "manager", "shopper"];
  const TARGETS: Target[] = ["own", "otherBranch", "otherRegion", "otherOrg"];
  let trust: TestOrganization;
  let trustOther: TestOrganization;
  const rows = {} as Record<Target, TrustRows>;

  beforeAll(async () => {
    [trust, trustOther] = await Promise.all([
      createOrganization({ reviewPolicy: "none" }),
      createOrganization({ reviewPolicy: "none" }),
    ]);
    const eastManager = await createMemberBy(trust.people.admin, {
      role: "branch_manager",
      branchIds: [trust.branchIds.east1],
    });
    // The branch manager's own branch (north1), the regional manager's other north branch, the east, and north1 elsewhere.
    rows.own = await trustRows(trust, "north1", trust.people.manager);
    rows.otherBranch = await trustRows(trust, "north2", trust.people.regional);
    rows.otherRegion = await trustRows(trust, "east1", eastManager);
    rows.otherOrg = await trustRows(trustOther, "north1", trustOther.people.manager);
  });

  /** The rows each role's scope holds (the other organisation's never). */
  const SEES: Record<Role, Target[]> = {
    admin: ["own", "otherBranch", "otherRegion"],
    analyst: ["own", "otherBranch", "otherRegion"],
    reviewer: ["own", "otherBranch", "otherRegion"],
    regional: ["own", "otherBranch"],
    manager: ["own"],
    shopper: [],
  };
  const SCOPE_BRANCHES: Record<Role, Array<keyof TestOrganization["branchIds"]>> = {
    admin: ["north1", "north2", "northCall", "east1", "south1"],
    analyst: ["north1", "north2", "northCall", "east1", "south1"],
    reviewer: ["north1", "north2", "northCall", "east1", "south1"],
    regional: ["north1", "north2", "northCall"],
    manager: ["north1"],
    shopper: [],
  };

  interface RouteCase {
    name: string;
    /** Roles the route lets act at all (the others: 403 before anything is looked up). */
    roles: Role[];
    /** The answer for a row in the caller's scope (out of scope: 404 like an unknown row). */
    seen: { status: number; code?: string };
    call: (cookie: string, row: TrustRows) => Promise<Response>;
  }
  const DISPUTE_READERS: Role[] = ["admin", "analyst", "reviewer", "regional", "manager"];
  const ACTION_READERS: Role[] = ["admin", "analyst", "regional", "manager"];
  const ROUTES: RouteCase[] = [
    {
      name: "GET /disputes/:id",
      roles: DISPUTE_READERS,
      seen: { status: 200 },
      call: (cookie, row) => api(`/api/v1/disputes/${row.disputeId}`, { cookie }),
    },
    {
      name: "GET /disputes/:id/evidence/:sha256",
      roles: DISPUTE_READERS,
      seen: { status: 200 },
      call: (cookie, row) => api(`/api/v1/disputes/${row.disputeId}/evidence/${row.disputePhoto}`, { cookie }),
    },
    {
      // A stale version: in scope 409 (nothing is decided), out of scope 404.
      name: "POST /disputes/:id/decisions",
      roles: ["admin", "reviewer"],
      seen: { status: 409, code: "stale_version" },
      call: (cookie, row) =>
        api(`/api/v1/disputes/${row.disputeId}/decisions`, {
          cookie,
          body: { version: 99, items: [{ itemKey: DISPUTED, outcome: "overturned", reason: "Seen." }] },
        }),
    },
    {
      // The report already has an open dispute: in scope 409, out of scope 404.
      name: "POST /audits/:id/disputes",
      roles: ["regional", "manager"],
      seen: { status: 409, code: "dispute_open" },
      call: (cookie, row) =>
        api(`/api/v1/audits/${row.auditId}/disputes`, {
          cookie,
          body: { items: [{ itemKey: ACTED_ON, reason: "We did smile." }] },
        }),
    },
    {
      name: "GET /actions/:id",
      roles: ACTION_READERS,
      seen: { status: 200 },
      call: (cookie, row) => api(`/api/v1/actions/${row.actionId}`, { cookie }),
    },
    {
      name: "GET /actions/:id/evidence/:sha256",
      roles: ACTION_READERS,
      seen: { status: 200 },
      call: (cookie, row) => api(`/api/v1/actions/${row.actionId}/evidence/${row.actionPhoto}`, { cookie }),
    },
    {
      name: "PATCH /actions/:id",
      roles: ["admin", "regional", "manager"],
      seen: { status: 409, code: "stale_version" },
      call: (cookie, row) =>
        api(`/api/v1/actions/${row.actionId}`, { method: "PATCH", cookie, body: { version: 99, title: "Hijacked" } }),
    },
    {
      // A due date in the past: in scope 400 naming it (nothing is created), out of scope 404.
      name: "POST /actions",
      roles: ["admin", "regional", "manager"],
      seen: { status: 400, code: "validation_failed" },
      call: (cookie, row) =>
        api("/api/v1/actions", {
          cookie,
          body: {
            auditId: row.auditId,
            itemKeys: [ACTED_ON],
            title: "Should not exist",
            owner: { name: "Nobody" },
            dueDate: addDays(branchToday(), -1),
          },
        }),
    },
  ];

  const cases = ROUTES.flatMap((route) => ROLES.map((role) => ({ ...route, role })));
  it.each(cases)("$name as $role", async ({ name, role, roles, seen, call }) => {
    const cookie = trust.people[role].cookie;
    for (const target of TARGETS) {
      const res = await call(cookie, rows[target]);
      const [status, code] = !roles.includes(role)
        ? [403, "forbidden"]
        : SEES[role].includes(target)
          ? [seen.status, seen.code]
          : [404, "not_found"];
      if (code) {
        const problem = await expectProblem(res, status, code);
        if (status === 400) expect(problem.errors?.map((e) => `${e.path}:${e.code}`)).toEqual(["dueDate:not_allowed"]);
      } else {
        const text = res.headers.get("content-type")?.startsWith("application/json") ? await res.text() : "";
        expect(res.status, `${target}: ${text}`).toBe(status);
        if (!text) await res.body?.cancel();
        // Branch staff never learn who the shopper was; arbiters never learn who raised a dispute.
        const shopper = trust.people.shopper;
        if (role === "manager" || role === "regional")
          expect(text).not.toMatch(new RegExp(`${shopper.id}|${shopper.displayName}`));
        if ((role === "reviewer" || role === "admin") && name.startsWith("GET /disputes")) {
          for (const raiser of ["Li Na", "Liu Yang", "Test Person"]) expect(text).not.toContain(raiser);
        }
      }
    }
  });

  it("nothing above changed a row: disputes open at version 1, actions done at version 2", async () => {
    for (const target of TARGETS) {
      const o = target === "otherOrg" ? trustOther : trust;
      const dispute = await expectOk(
        await o.as.admin.api.v1.disputes[":id"].$get({ param: { id: rows[target].disputeId } }),
        200,
      );
      expect(dispute).toMatchObject({ status: "open", version: 1 });
      const action = await expectOk(
        await o.as.admin.api.v1.actions[":id"].$get({ param: { id: rows[target].actionId } }),
        200,
      );
      expect(action).toMatchObject({ status: "done", version: 2, title: "Smile and look at every customer" });
    }
  });

  it.each(ROLES)("lists as %s: exactly the rows in scope, whatever the filters", async (role) => {
    const cookie = trust.people[role].cookie;
    const lists = [
      { path: "/api/v1/disputes", roles: DISPUTE_READERS, id: (r: TrustRows) => r.disputeId },
      { path: "/api/v1/actions", roles: ACTION_READERS, id: (r: TrustRows) => r.actionId },
    ];
    for (const list of lists) {
      const page = (query = "") => api(`${list.path}${query}`, { cookie });
      if (!list.roles.includes(role)) {
        await expectProblem(await page(), 403, "forbidden");
        continue;
      }
      const all = await listIds(await page());
      expect(all.sort(), list.path).toEqual(SEES[role].map((t) => list.id(rows[t])).sort());
      // The other organisation's branch and region, or a branch out of scope, narrow to nothing.
      for (const query of [
        `?branchId=${trustOther.branchIds.north1}`,
        `?regionId=${trustOther.regionIds.north}`,
        ...(role === "manager" ? [`?branchId=${trust.branchIds.north2}`, `?regionId=${trust.regionIds.east}`] : []),
        ...(role === "regional" ? [`?branchId=${trust.branchIds.east1}`, `?regionId=${trust.regionIds.east}`] : []),
      ]) {
        expect(await listIds(await page(query)), `${list.path}${query}`).toEqual([]);
      }
    }
  });

  /** The ids of a 200 list page. */
  async function listIds(res: Response): Promise<string[]> {
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((i) => i.id);
  }

  it.each(ROLES)("figures as %s: only branches in scope, only their disputes and actions", async (role) => {
    const cookie = trust.people[role].cookie;
    type Row = { id: string; disputes?: number; done?: number };
    const figures = async (path: string, status = 200): Promise<Row[]> => {
      const res = await api(path, { cookie });
      const text = await res.text();
      expect(res.status, `${path}: ${text}`).toBe(status);
      return (JSON.parse(text) as { rows: Row[] }).rows;
    };
    const branchIds = SCOPE_BRANCHES[role].map((b) => trust.branchIds[b]).sort();
    const seen = SEES[role].length;
    const sum = (list: Row[], key: "disputes" | "done") => list.reduce((n, r) => n + (r[key] ?? 0), 0);

    if (DISPUTE_READERS.includes(role)) {
      const rowsOf = await figures("/api/v1/disputes/figures?groupBy=branch");
      expect(rowsOf.map((r) => r.id).sort()).toEqual(branchIds);
      expect(sum(rowsOf, "disputes")).toBe(seen);
      expect(await figures(`/api/v1/disputes/figures?branchId=${trustOther.branchIds.north1}`)).toEqual([]);
    } else {
      await expectProblem(await api("/api/v1/disputes/figures", { cookie }), 403, "forbidden");
    }
    if (ACTION_READERS.includes(role)) {
      const byBranch = await figures("/api/v1/actions/figures?groupBy=branch");
      expect(byBranch.map((r) => r.id).sort()).toEqual(branchIds);
      expect(sum(byBranch, "done")).toBe(seen);
      const byRegion = await figures("/api/v1/actions/figures?groupBy=region");
      expect(byRegion.every((r) => r.id.startsWith(trust.id))).toBe(true);
      expect(sum(byRegion, "done")).toBe(seen);
      for (const filter of [`branchId=${trustOther.branchIds.north1}`, `regionId=${trustOther.regionIds.north}`]) {
        expect(await figures(`/api/v1/actions/figures?${filter}`)).toEqual([]);
      }
    } else {
      await expectProblem(await api("/api/v1/actions/figures", { cookie }), 403, "forbidden");
    }
  });
});
