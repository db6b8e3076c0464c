/**
 * Organisations never see each other, and each role sees only its scope:
 * out of scope is 404 (existence stays secret), a forbidden action is 403.
 *
 * Two factory organisations: `org` (every role) and `other` (its admin); both have the same
 * names and codes, so only ids tell them apart.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { expectOk, expectProblem, uniqueCode } from "./helpers";
import { type BranchInput, createBranchIn, listAllBranchesAs } from "./org-helpers";

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
