import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, type TestOrganization } from "./factory";
import { createRegion, expectOk, expectProblem, uniqueCode } from "./helpers";
import { type BranchQuery, createBranchIn, listAllBranchesAs } from "./org-helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
});

type Branch = Awaited<ReturnType<typeof createBranchIn>>;
const ids = (branches: Branch[]) => branches.map((b) => b.id);
const branch = () => org.as.admin.api.v1.branches[":id"];
const readBranch = async (id: string) => expectOk(await branch().$get({ param: { id } }), 200);

describe("create and read", () => {
  it("creates a branch with defaults and its region embedded", async () => {
    const code = uniqueCode("B");
    const res = await org.as.admin.api.v1.branches.$post({
      json: {
        code,
        nameEn: "Hangzhou West Lake",
        nameZh: "杭州西湖店",
        regionId: org.regionIds.east,
        channel: "store",
      },
    });
    const created = await expectOk(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      code,
      name: { en: "Hangzhou West Lake", zh: "杭州西湖店" },
      channel: "store",
      region: { id: org.regionIds.east, code: "EAST", name: { en: "East", zh: "华东区" } },
      address: "",
      phone: "",
      timezone: "Asia/Shanghai",
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    expect(await readBranch(created.id)).toEqual(created);
  });

  it("stores every given field", async () => {
    const created = await createBranchIn(org, {
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
    await expectProblem(await branch().$get({ param: { id: "no-such-branch" } }), 404, "not_found");
  });
});

describe("update", () => {
  it("patches fields and moves a branch to another region", async () => {
    const created = await createBranchIn(org);
    const region = await createRegion(admin);
    const patched = await expectOk(
      await branch().$patch({
        param: { id: created.id },
        json: {
          nameEn: "Renamed",
          channel: "call_centre",
          active: false,
          regionId: region.id,
          phone: "400 800 1234",
          version: created.version,
        },
      }),
      200,
    );
    expect(patched).toMatchObject({
      id: created.id,
      code: created.code,
      name: { en: "Renamed", zh: created.name.zh },
      channel: "call_centre",
      active: false,
      phone: "400 800 1234",
      region: { id: region.id, code: region.code },
    });
    expect(await readBranch(created.id)).toEqual(patched);
    const moved = await expectOk(await org.as.admin.api.v1.regions[":id"].$get({ param: { id: region.id } }), 200);
    expect(moved.branchCount).toBe(1);
  });

  it("refuses a region of another organisation or an unknown one (400 regionId)", async () => {
    const created = await createBranchIn(org);
    for (const regionId of [other.regionIds.north, "no-such-region"]) {
      const problem = await expectProblem(
        await branch().$patch({ param: { id: created.id }, json: { regionId, version: created.version } }),
        400,
        "validation_failed",
      );
      expect(problem.errors).toEqual([expect.objectContaining({ path: "regionId", code: "unknown_reference" })]);
    }
    const after = await readBranch(created.id);
    expect(after.region.id).toBe(org.regionIds.east);
  });

  it("answers 404 when patching an unknown branch", async () => {
    await expectProblem(
      await branch().$patch({ param: { id: "no-such-branch" }, json: { active: false, version: 1 } }),
      404,
      "not_found",
    );
  });
});

describe("code uniqueness", () => {
  it("is 409 on create and patch within the organisation, with path code", async () => {
    const first = await createBranchIn(org);
    const dup = await expectProblem(
      await org.as.admin.api.v1.branches.$post({
        json: { code: first.code, nameEn: "Dup", nameZh: "重复", regionId: org.regionIds.south, channel: "store" },
      }),
      409,
      "conflict",
    );
    expect(dup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);

    const second = await createBranchIn(org);
    // NO-001: the factory's code of the first north store.
    const patchDup = await expectProblem(
      await branch().$patch({ param: { id: second.id }, json: { code: "NO-001", version: second.version } }),
      409,
      "conflict",
    );
    expect(patchDup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);

    const { items } = await listAllBranchesAs(org.as.admin, { q: first.code });
    expect(ids(items)).toEqual([first.id]);
    expect(items[0]?.name.en).toBe(first.name.en);
  });

  it("allows the same code in another organisation", async () => {
    const mine = await createBranchIn(org);
    const copy = await createBranchIn(other, { code: mine.code });
    expect(copy.code).toBe(mine.code);
    expect(ids((await listAllBranchesAs(other.as.admin, { q: mine.code })).items)).toEqual([copy.id]);
    expect(ids((await listAllBranchesAs(org.as.admin, { q: mine.code })).items)).toEqual([mine.id]);
  });
});

describe("list filters and pagination", () => {
  let region: Awaited<ReturnType<typeof createRegion>>;
  let mine: Branch[];
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
    ] as const;
    for (const [i, spec] of specs.entries()) {
      mine.push(
        await createBranchIn(org, {
          regionId: region.id,
          code: `${tag}-${i}`,
          nameEn: i === 0 ? `Needle ${tag} 100%_off` : `Branch ${i}`,
          nameZh: i === 1 ? `针${tag}店` : `分店${i}`,
          ...spec,
        }),
      );
    }
  });

  const listed = async (query: Omit<BranchQuery, "cursor">) =>
    ids((await listAllBranchesAs(org.as.admin, query)).items);
  const mineWhere = (keep: (b: Branch) => boolean) => ids(mine.filter(keep));

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
    const callCentres = (await listAllBranchesAs(org.as.admin, { channel: "call_centre" })).items;
    expect(callCentres.every((b) => b.channel === "call_centre")).toBe(true);
    expect(ids(callCentres)).toContain(org.branchIds.northCall);
    expect(ids(callCentres)).not.toContain(org.branchIds.north1);
    const inactive = (await listAllBranchesAs(org.as.admin, { active: "false" })).items;
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
    const { items, pages } = await listAllBranchesAs(org.as.admin, { regionId: region.id, limit: "2" });
    expect(pages).toBe(3);
    expect(ids(items)).toEqual(ids(mine));

    const first = await expectOk(
      await org.as.admin.api.v1.branches.$get({ query: { regionId: region.id, limit: "5" } }),
      200,
    );
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toBeNull(); // an exactly full last page has no next cursor
  });

  it("pages through the whole organisation without gaps or repeats", async () => {
    const { items, pages } = await listAllBranchesAs(org.as.admin, { limit: "7" });
    const seen = ids(items);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(seen.length / 7));
    const codes = items.map((b) => b.code);
    expect(codes).toEqual([...codes].sort());
    expect(seen).toEqual(expect.arrayContaining([...Object.values(org.branchIds), ...ids(mine)]));
    expect(items.filter((b) => b.region.id === org.regionIds.north)).toHaveLength(3);
  });

  it("defaults to 50 a page", async () => {
    // 50 more than the factory's five: a full first page whichever tests ran before.
    const crowded = await createRegion(admin);
    for (let i = 0; i < 50; i++) await createBranchIn(org, { regionId: crowded.id });
    const page = await expectOk(await org.as.admin.api.v1.branches.$get({ query: {} }), 200);
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).toBe(page.items.at(-1)?.code);
  });
});
