/**
 * Organisations never see each other, and each role sees only its scope:
 * out of scope is 404 (existence stays secret), a forbidden action is 403.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  type BranchJson,
  DEMO,
  expectJson,
  expectProblem,
  listAllBranches,
  type MemberJson,
  type Page,
  type RegionJson,
  seed,
  signIn,
  uniqueCode,
} from "./helpers";

const NORTH_BRANCH_IDS = ["BJ-001", "BJ-002", "TJ-001", "SJZ-001", "TY-001", "JN-001", "CC-BJ", "CC-TJ"]
  .map((code) => `demo-branch-${code.toLowerCase()}`)
  .sort();

const cookies: Record<string, string> = {};

beforeAll(async () => {
  await seed();
  for (const email of [
    "admin@demo.test",
    "admin@other.test",
    "analyst@demo.test",
    "regional@demo.test",
    "manager@demo.test",
    "reviewer@demo.test",
    "shopper@demo.test",
  ]) {
    cookies[email] = await signIn(email);
  }
});

const as = (email: string) => cookies[email] ?? "";

/** A branch with this code exists in Demo Retail (checked as the Demo admin). */
async function demoBranchExists(code: string): Promise<boolean> {
  const page = await expectJson<Page<BranchJson>>(
    await api(`/api/v1/branches?q=${code}`, { cookie: as("admin@demo.test") }),
    200,
  );
  return page.items.some((b) => b.code === code);
}

const newBranchBody = (code: string, regionId: string = DEMO.regionIds.east) => ({
  code,
  nameEn: "Should not exist",
  nameZh: "不应存在",
  regionId,
  channel: "store",
});

describe("organisations are isolated", () => {
  const other = () => as("admin@other.test");
  const demo = () => as("admin@demo.test");

  it("Other Co's admin gets 404 for Demo Retail's branches, regions and people", async () => {
    for (const id of Object.values(DEMO.branchIds)) {
      await expectProblem(await api(`/api/v1/branches/${id}`, { cookie: other() }), 404, "not_found");
    }
    await expectProblem(await api(`/api/v1/regions/${DEMO.regionIds.north}`, { cookie: other() }), 404, "not_found");
    await expectProblem(
      await api(`/api/v1/users/${DEMO.users["admin@demo.test"]}`, { cookie: other() }),
      404,
      "not_found",
    );
  });

  it("Other Co's admin cannot change Demo Retail's rows (404, nothing written)", async () => {
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, {
        method: "PATCH",
        cookie: other(),
        body: { nameEn: "Hijacked", version: 1 },
      }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/regions/${DEMO.regionIds.south}`, {
        method: "PATCH",
        cookie: other(),
        body: { nameEn: "Hijacked", version: 1 },
      }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/users/${DEMO.users["shopper@demo.test"]}`, {
        method: "PATCH",
        cookie: other(),
        body: { status: "deactivated", version: 1 },
      }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/users/${DEMO.users["shopper@demo.test"]}/invitation`, { method: "POST", cookie: other() }),
      404,
      "not_found",
    );

    const branch = await expectJson<BranchJson>(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, { cookie: demo() }),
      200,
    );
    expect(branch.name.en).toBe("Shanghai Nanjing Road");
    const region = await expectJson<RegionJson>(
      await api(`/api/v1/regions/${DEMO.regionIds.south}`, { cookie: demo() }),
      200,
    );
    expect(region.name.en).toBe("South");
    const shopper = await expectJson<MemberJson>(
      await api(`/api/v1/users/${DEMO.users["shopper@demo.test"]}`, { cookie: demo() }),
      200,
    );
    expect(shopper.status).toBe("active");
  });

  it("Other Co's lists never contain Demo Retail's rows", async () => {
    const demoBranchIds = new Set((await listAllBranches(demo())).items.map((b) => b.id));
    const otherBranches = (await listAllBranches(other())).items;
    expect(otherBranches.map((b) => b.id)).toEqual(expect.arrayContaining([...DEMO.otherBranchIds]));
    expect(otherBranches.filter((b) => demoBranchIds.has(b.id))).toEqual([]);
    expect(otherBranches.filter((b) => b.id.startsWith("demo-"))).toEqual([]);

    const regions = await expectJson<Page<RegionJson>>(await api("/api/v1/regions", { cookie: other() }), 200);
    expect(regions.items.map((r) => r.id)).toContain(DEMO.otherRegionId);
    expect(regions.items.filter((r) => r.id.startsWith("demo-"))).toEqual([]);

    const users = await expectJson<Page<MemberJson>>(await api("/api/v1/users", { cookie: other() }), 200);
    expect(users.items.map((u) => u.id)).toContain(DEMO.otherAdminId);
    expect(users.items.filter((u) => u.id.startsWith("demo-") || u.email.endsWith("@demo.test"))).toEqual([]);

    // Filtering by a Demo region does not reach into Demo Retail either.
    const filtered = await expectJson<Page<BranchJson>>(
      await api(`/api/v1/branches?regionId=${DEMO.regionIds.north}`, { cookie: other() }),
      200,
    );
    expect(filtered.items).toEqual([]);
    const searched = await expectJson<Page<BranchJson>>(
      await api("/api/v1/branches?q=Wangfujing", { cookie: other() }),
      200,
    );
    expect(searched.items).toEqual([]);
  });

  it("Other Co's admin cannot attach a branch to a Demo Retail region", async () => {
    const code = uniqueCode();
    const problem = await expectProblem(
      await api("/api/v1/branches", { cookie: other(), body: newBranchBody(code, DEMO.regionIds.north) }),
      400,
      "validation_failed",
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: "regionId", code: "unknown_reference" })]);
    const otherList = await expectJson<Page<BranchJson>>(
      await api(`/api/v1/branches?q=${code}`, { cookie: other() }),
      200,
    );
    expect(otherList.items).toEqual([]);
  });

  it("Demo Retail's admin gets 404 for Other Co's rows and never lists them", async () => {
    for (const id of DEMO.otherBranchIds) {
      await expectProblem(await api(`/api/v1/branches/${id}`, { cookie: demo() }), 404, "not_found");
      await expectProblem(
        await api(`/api/v1/branches/${id}`, { method: "PATCH", cookie: demo(), body: { active: false, version: 1 } }),
        404,
        "not_found",
      );
    }
    await expectProblem(await api(`/api/v1/regions/${DEMO.otherRegionId}`, { cookie: demo() }), 404, "not_found");
    await expectProblem(await api(`/api/v1/users/${DEMO.otherAdminId}`, { cookie: demo() }), 404, "not_found");

    const branches = (await listAllBranches(demo())).items;
    expect(branches.filter((b) => (DEMO.otherBranchIds as readonly string[]).includes(b.id))).toEqual([]);
    expect(branches.filter((b) => b.region.id === DEMO.otherRegionId)).toEqual([]);
    const regions = await expectJson<Page<RegionJson>>(await api("/api/v1/regions", { cookie: demo() }), 200);
    expect(regions.items.map((r) => r.id)).not.toContain(DEMO.otherRegionId);
    const users = await expectJson<Page<MemberJson>>(await api("/api/v1/users", { cookie: demo() }), 200);
    expect(users.items.map((u) => u.id)).not.toContain(DEMO.otherAdminId);
  });
});

describe("branch manager (manager@demo.test)", () => {
  const cookie = () => as("manager@demo.test");

  it("lists exactly their one branch, whatever the filters", async () => {
    const page = await expectJson<Page<BranchJson>>(await api("/api/v1/branches", { cookie: cookie() }), 200);
    expect(page.items.map((b) => b.id)).toEqual([DEMO.branchIds.wangfujing]);
    expect(page.nextCursor).toBeNull();
    const east = await expectJson<Page<BranchJson>>(
      await api(`/api/v1/branches?regionId=${DEMO.regionIds.east}`, { cookie: cookie() }),
      200,
    );
    expect(east.items).toEqual([]);
    const search = await expectJson<Page<BranchJson>>(await api("/api/v1/branches?q=BJ", { cookie: cookie() }), 200);
    expect(search.items.map((b) => b.id)).toEqual([DEMO.branchIds.wangfujing]);
  });

  it("reads their branch, gets 404 for any other, 403 for changing any", async () => {
    const own = await expectJson<BranchJson>(
      await api(`/api/v1/branches/${DEMO.branchIds.wangfujing}`, { cookie: cookie() }),
      200,
    );
    expect(own.code).toBe("BJ-001");
    // Same region, still not theirs.
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.zhongguancun}`, { cookie: cookie() }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, { cookie: cookie() }),
      404,
      "not_found",
    );
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.wangfujing}`, {
        method: "PATCH",
        cookie: cookie(),
        body: { nameEn: "Renamed by manager" },
      }),
      403,
      "forbidden",
    );
    // Writes are refused by role before any lookup: the same 403 for theirs, another and none.
    for (const id of [DEMO.branchIds.zhongguancun, "no-such-branch"]) {
      await expectProblem(
        await api(`/api/v1/branches/${id}`, {
          method: "PATCH",
          cookie: cookie(),
          body: { nameEn: "Renamed by manager" },
        }),
        403,
        "forbidden",
      );
    }
    const after = await expectJson<BranchJson>(
      await api(`/api/v1/branches/${DEMO.branchIds.wangfujing}`, { cookie: cookie() }),
      200,
    );
    expect(after.name.en).toBe("Beijing Wangfujing");
  });

  it("is refused regions and users (403)", async () => {
    await expectProblem(await api("/api/v1/regions", { cookie: cookie() }), 403, "forbidden");
    await expectProblem(await api(`/api/v1/regions/${DEMO.regionIds.north}`, { cookie: cookie() }), 403, "forbidden");
    await expectProblem(await api("/api/v1/users", { cookie: cookie() }), 403, "forbidden");
    await expectProblem(
      await api(`/api/v1/users/${DEMO.users["manager@demo.test"]}`, { cookie: cookie() }),
      403,
      "forbidden",
    );
  });

  it("cannot create branches", async () => {
    const code = uniqueCode();
    await expectProblem(
      await api("/api/v1/branches", { cookie: cookie(), body: newBranchBody(code) }),
      403,
      "forbidden",
    );
    expect(await demoBranchExists(code)).toBe(false);
  });
});

describe("regional manager (regional@demo.test)", () => {
  const cookie = () => as("regional@demo.test");

  it("sees only the eight North branches", async () => {
    const { items } = await listAllBranches(cookie(), { limit: "3" });
    expect(items.map((b) => b.id).sort()).toEqual(NORTH_BRANCH_IDS);
    expect(new Set(items.map((b) => b.region.id))).toEqual(new Set([DEMO.regionIds.north]));
  });

  it("sees only the North region", async () => {
    const page = await expectJson<Page<RegionJson>>(await api("/api/v1/regions", { cookie: cookie() }), 200);
    expect(page.items.map((r) => r.id)).toEqual([DEMO.regionIds.north]);
    expect(page.items[0]?.branchCount).toBe(8);
    const north = await expectJson<RegionJson>(
      await api(`/api/v1/regions/${DEMO.regionIds.north}`, { cookie: cookie() }),
      200,
    );
    expect(north.code).toBe("NORTH");
    await expectProblem(await api(`/api/v1/regions/${DEMO.regionIds.east}`, { cookie: cookie() }), 404, "not_found");
  });

  it("gets 404 outside North and 403 for any change", async () => {
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, { cookie: cookie() }),
      404,
      "not_found",
    );
    // Writes are refused by role before any lookup, inside North or outside it.
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, {
        method: "PATCH",
        cookie: cookie(),
        body: { active: false },
      }),
      403,
      "forbidden",
    );
    expect((await api(`/api/v1/branches/${DEMO.branchIds.callCentreBeijing}`, { cookie: cookie() })).status).toBe(200);
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.callCentreBeijing}`, {
        method: "PATCH",
        cookie: cookie(),
        body: { active: false },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api(`/api/v1/regions/${DEMO.regionIds.north}`, {
        method: "PATCH",
        cookie: cookie(),
        body: { nameEn: "Mine now" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api(`/api/v1/regions/${DEMO.regionIds.south}`, {
        method: "PATCH",
        cookie: cookie(),
        body: { nameEn: "Mine now" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(await api("/api/v1/users", { cookie: cookie() }), 403, "forbidden");
  });
});

describe("shopper (shopper@demo.test)", () => {
  const cookie = () => as("shopper@demo.test");

  it("is refused users, regions and branches (403)", async () => {
    await expectProblem(await api("/api/v1/users", { cookie: cookie() }), 403, "forbidden");
    await expectProblem(await api("/api/v1/regions", { cookie: cookie() }), 403, "forbidden");
    await expectProblem(await api("/api/v1/branches", { cookie: cookie() }), 403, "forbidden");
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.wangfujing}`, { cookie: cookie() }),
      403,
      "forbidden",
    );
    const code = uniqueCode();
    await expectProblem(
      await api("/api/v1/branches", { cookie: cookie(), body: newBranchBody(code) }),
      403,
      "forbidden",
    );
    expect(await demoBranchExists(code)).toBe(false);
  });

  it("can still read who they are", async () => {
    const me = await expectJson<{ role: string }>(await api("/api/v1/me", { cookie: cookie() }), 200);
    expect(me.role).toBe("shopper");
  });
});

describe("analyst and reviewer (read-only head office)", () => {
  it("the analyst lists users and branches but cannot write", async () => {
    const cookie = as("analyst@demo.test");
    const users = await expectJson<Page<MemberJson>>(await api("/api/v1/users", { cookie }), 200);
    expect(users.items.map((u) => u.id)).toContain(DEMO.users["shopper@demo.test"]);
    const branches = await listAllBranches(cookie);
    expect(branches.items.map((b) => b.id)).toEqual(expect.arrayContaining(Object.values(DEMO.branchIds)));

    const code = uniqueCode();
    await expectProblem(await api("/api/v1/branches", { cookie, body: newBranchBody(code) }), 403, "forbidden");
    expect(await demoBranchExists(code)).toBe(false);
    await expectProblem(
      await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, {
        method: "PATCH",
        cookie,
        body: { nameEn: "Analysed" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api("/api/v1/regions", { cookie, body: { code, nameEn: "A", nameZh: "A" } }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api("/api/v1/users", {
        cookie,
        body: { email: `${code.toLowerCase()}@example.test`, displayName: "X", role: "shopper" },
      }),
      403,
      "forbidden",
    );
    await expectProblem(
      await api(`/api/v1/users/${DEMO.users["shopper@demo.test"]}`, {
        method: "PATCH",
        cookie,
        body: { status: "deactivated", version: 1 },
      }),
      403,
      "forbidden",
    );
  });

  it("the reviewer reads regions and branches but not users", async () => {
    const cookie = as("reviewer@demo.test");
    expect((await api("/api/v1/regions", { cookie })).status).toBe(200);
    expect((await api(`/api/v1/branches/${DEMO.branchIds.nanjingRoad}`, { cookie })).status).toBe(200);
    await expectProblem(await api("/api/v1/users", { cookie }), 403, "forbidden");
    await expectProblem(
      await api(`/api/v1/regions/${DEMO.regionIds.east}`, { method: "PATCH", cookie, body: { nameEn: "X" } }),
      403,
      "forbidden",
    );
  });
});
