import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  type BranchJson,
  createBranch,
  createRegion,
  DEMO,
  expectJson,
  expectProblem,
  listAllBranches,
  type Page,
  type RegionJson,
  seed,
  signIn,
  uniqueCode,
} from "./helpers";

let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  await seed();
  admin = await signIn("admin@demo.test");
  otherAdmin = await signIn("admin@other.test");
});

const ids = (branches: BranchJson[]) => branches.map((b) => b.id);

describe("create and read", () => {
  it("creates a branch with defaults and its region embedded", async () => {
    const code = uniqueCode("B");
    const res = await api("/api/v1/branches", {
      cookie: admin,
      body: {
        code,
        nameEn: "Hangzhou West Lake",
        nameZh: "杭州西湖店",
        regionId: DEMO.regionIds.east,
        channel: "store",
      },
    });
    const created = await expectJson<BranchJson>(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      code,
      name: { en: "Hangzhou West Lake", zh: "杭州西湖店" },
      channel: "store",
      region: { id: DEMO.regionIds.east, code: "EAST", name: { en: "East", zh: "华东区" } },
      address: "",
      phone: "",
      timezone: "Asia/Shanghai",
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    expect(await expectJson(await api(`/api/v1/branches/${created.id}`, { cookie: admin }), 200)).toEqual(created);
  });

  it("stores every given field", async () => {
    const created = await createBranch(admin, {
      channel: "call_centre",
      address: "1 Test Road",
      phone: "+86 (21) 555-0100",
      timezone: "Asia/Urumqi",
      active: false,
    });
    expect(created).toMatchObject({
      channel: "call_centre",
      address: "1 Test Road",
      phone: "+86 (21) 555-0100",
      timezone: "Asia/Urumqi",
      active: false,
    });
  });

  it("answers 404 for an unknown branch", async () => {
    await expectProblem(await api("/api/v1/branches/no-such-branch", { cookie: admin }), 404, "not_found");
  });
});

describe("update", () => {
  it("patches fields and moves a branch to another region", async () => {
    const branch = await createBranch(admin);
    const region = await createRegion(admin);
    const patched = await expectJson<BranchJson>(
      await api(`/api/v1/branches/${branch.id}`, {
        method: "PATCH",
        cookie: admin,
        body: {
          nameEn: "Renamed",
          channel: "call_centre",
          active: false,
          regionId: region.id,
          phone: "400 800 1234",
          version: 1,
        },
      }),
      200,
    );
    expect(patched).toMatchObject({
      id: branch.id,
      code: branch.code,
      name: { en: "Renamed", zh: branch.name.zh },
      channel: "call_centre",
      active: false,
      phone: "400 800 1234",
      region: { id: region.id, code: region.code },
    });
    expect(await expectJson(await api(`/api/v1/branches/${branch.id}`, { cookie: admin }), 200)).toEqual(patched);
    const moved = await expectJson<RegionJson>(await api(`/api/v1/regions/${region.id}`, { cookie: admin }), 200);
    expect(moved.branchCount).toBe(1);
  });

  it("refuses a region of another organisation or an unknown one (400 regionId)", async () => {
    const branch = await createBranch(admin);
    for (const regionId of [DEMO.otherRegionId, "no-such-region"]) {
      const problem = await expectProblem(
        await api(`/api/v1/branches/${branch.id}`, { method: "PATCH", cookie: admin, body: { regionId, version: 1 } }),
        400,
        "validation_failed",
      );
      expect(problem.errors).toEqual([expect.objectContaining({ path: "regionId", code: "unknown_reference" })]);
    }
    const after = await expectJson<BranchJson>(await api(`/api/v1/branches/${branch.id}`, { cookie: admin }), 200);
    expect(after.region.id).toBe(DEMO.regionIds.east);
  });

  it("answers 404 when patching an unknown branch", async () => {
    await expectProblem(
      await api("/api/v1/branches/no-such-branch", {
        method: "PATCH",
        cookie: admin,
        body: { active: false, version: 1 },
      }),
      404,
      "not_found",
    );
  });
});

describe("code uniqueness", () => {
  it("is 409 on create and patch within the organisation, with path code", async () => {
    const first = await createBranch(admin);
    const dup = await expectProblem(
      await api("/api/v1/branches", {
        cookie: admin,
        body: { code: first.code, nameEn: "Dup", nameZh: "重复", regionId: DEMO.regionIds.south, channel: "store" },
      }),
      409,
      "conflict",
    );
    expect(dup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);

    const second = await createBranch(admin);
    const patchDup = await expectProblem(
      await api(`/api/v1/branches/${second.id}`, {
        method: "PATCH",
        cookie: admin,
        body: { code: "BJ-001", version: 1 },
      }),
      409,
      "conflict",
    );
    expect(patchDup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);

    const { items } = await listAllBranches(admin, { q: first.code });
    expect(ids(items)).toEqual([first.id]);
    expect(items[0]?.name.en).toBe(first.name.en);
  });

  it("allows the same code in another organisation", async () => {
    const demo = await createBranch(admin);
    const other = await createBranch(otherAdmin, { code: demo.code, regionId: DEMO.otherRegionId });
    expect(other.code).toBe(demo.code);
    expect(ids((await listAllBranches(otherAdmin, { q: demo.code })).items)).toEqual([other.id]);
    expect(ids((await listAllBranches(admin, { q: demo.code })).items)).toEqual([demo.id]);
  });
});

describe("list filters and pagination", () => {
  let region: RegionJson;
  let mine: BranchJson[];
  const tag = uniqueCode("Q").slice(2); // a fragment only these branches carry

  beforeAll(async () => {
    region = await createRegion(admin);
    mine = [];
    const specs = [
      { channel: "store", active: true },
      { channel: "store", active: false },
      { channel: "call_centre", active: true },
      { channel: "call_centre", active: false },
      { channel: "store", active: true },
    ];
    for (const [i, spec] of specs.entries()) {
      mine.push(
        await createBranch(admin, {
          regionId: region.id,
          code: `${tag}-${i}`,
          nameEn: i === 0 ? `Needle ${tag} 100%_off` : `Branch ${i}`,
          nameZh: i === 1 ? `针${tag}店` : `分店${i}`,
          ...spec,
        }),
      );
    }
  });

  const listed = async (query: Record<string, string>) => ids((await listAllBranches(admin, query)).items);
  const mineWhere = (keep: (b: BranchJson) => boolean) => ids(mine.filter(keep));

  it("filters by region", async () => {
    expect(await listed({ regionId: region.id })).toEqual(ids(mine));
  });

  it("filters by channel and by active, combined with region", async () => {
    expect(await listed({ regionId: region.id, channel: "call_centre" })).toEqual(
      mineWhere((b) => b.channel === "call_centre"),
    );
    expect(await listed({ regionId: region.id, active: "false" })).toEqual(mineWhere((b) => !b.active));
    expect(await listed({ regionId: region.id, active: "true", channel: "store" })).toEqual(
      mineWhere((b) => b.active && b.channel === "store"),
    );
  });

  it("channel and active filters hold across the whole organisation", async () => {
    const callCentres = (await listAllBranches(admin, { channel: "call_centre" })).items;
    expect(callCentres.every((b) => b.channel === "call_centre")).toBe(true);
    expect(ids(callCentres)).toContain(DEMO.branchIds.callCentreBeijing);
    expect(ids(callCentres)).not.toContain(DEMO.branchIds.wangfujing);
    const inactive = (await listAllBranches(admin, { active: "false" })).items;
    expect(inactive.every((b) => !b.active)).toBe(true);
    expect(ids(inactive)).toEqual(expect.arrayContaining(mineWhere((b) => !b.active)));
  });

  it("searches code, English and Chinese names case-insensitively, taking % and _ literally", async () => {
    expect(await listed({ q: tag.toLowerCase() })).toEqual(ids(mine));
    expect(await listed({ q: `needle ${tag.toLowerCase()}` })).toEqual([mine[0]?.id]);
    expect(await listed({ q: `针${tag}` })).toEqual([mine[1]?.id]);
    expect(await listed({ q: `${tag} 100%_off` })).toEqual([mine[0]?.id]);
    expect(await listed({ q: `${tag}%` })).toEqual([]);
    expect(await listed({ q: `${tag}_0` })).toEqual([]);
  });

  it("pages with limit and nextCursor, every branch exactly once, in code order", async () => {
    const { items, pages } = await listAllBranches(admin, { regionId: region.id, limit: "2" });
    expect(pages).toBe(3);
    expect(ids(items)).toEqual(ids(mine));

    const first = await expectJson<Page<BranchJson>>(
      await api(`/api/v1/branches?regionId=${region.id}&limit=5`, { cookie: admin }),
      200,
    );
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toBeNull(); // an exactly full last page has no next cursor
  });

  it("pages through the whole organisation without gaps or repeats", async () => {
    const { items, pages } = await listAllBranches(admin, { limit: "7" });
    const seen = ids(items);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(seen.length / 7));
    const codes = items.map((b) => b.code);
    expect(codes).toEqual([...codes].sort());
    expect(seen).toEqual(expect.arrayContaining([...Object.values(DEMO.branchIds), ...ids(mine)]));
    expect(items.filter((b) => b.region.id === DEMO.regionIds.north)).toHaveLength(8);
  });

  it("defaults to 50 a page", async () => {
    const crowded = await createRegion(admin);
    for (let i = 0; i < 30; i++) await createBranch(admin, { regionId: crowded.id });
    const page = await expectJson<Page<BranchJson>>(await api("/api/v1/branches", { cookie: admin }), 200);
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).toBe(page.items.at(-1)?.code);
  });
});
