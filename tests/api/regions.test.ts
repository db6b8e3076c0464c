import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  createBranch,
  createRegion,
  DEMO,
  expectJson,
  expectProblem,
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

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function listRegions(cookie: string, query = ""): Promise<RegionJson[]> {
  return (await expectJson<Page<RegionJson>>(await api(`/api/v1/regions${query}`, { cookie }), 200)).items;
}

describe("regions", () => {
  it("lists the demo regions in code order with their branch counts", async () => {
    const regions = await listRegions(admin);
    const demo = regions.filter((r) => Object.values(DEMO.regionIds).includes(r.id as never));
    expect(demo.map((r) => r.code)).toEqual(["EAST", "NORTH", "SOUTH"]);
    const codes = regions.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(regions.find((r) => r.id === DEMO.regionIds.north)?.branchCount).toBe(8);
  });

  it("creates a region that then appears in the list and can be read", async () => {
    const code = uniqueCode("R");
    const res = await api("/api/v1/regions", { cookie: admin, body: { code, nameEn: " West ", nameZh: "西区" } });
    const created = await expectJson<RegionJson>(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      code,
      name: { en: "West", zh: "西区" },
      branchCount: 0,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    expect((await listRegions(admin)).map((r) => r.id)).toContain(created.id);
    expect(await expectJson(await api(`/api/v1/regions/${created.id}`, { cookie: admin }), 200)).toEqual(created);
  });

  it("filters by q on code and either name, case-insensitively", async () => {
    const region = await createRegion(admin, { nameEn: "Quiet Lakes", nameZh: "静湖区" });
    for (const q of [region.code.toLowerCase(), "quiet LAKES", "静湖"]) {
      const found = await listRegions(admin, `?q=${encodeURIComponent(q)}`);
      expect(found.map((r) => r.id)).toContain(region.id);
      for (const r of found) {
        const haystack = `${r.code} ${r.name.en} ${r.name.zh}`.toLowerCase();
        expect(haystack).toContain(q.toLowerCase());
      }
    }
    expect(await listRegions(admin, `?q=${uniqueCode("none")}`)).toEqual([]);
  });

  it("counts the branches of a region", async () => {
    const region = await createRegion(admin);
    await createBranch(admin, { regionId: region.id });
    await createBranch(admin, { regionId: region.id });
    const read = await expectJson<RegionJson>(await api(`/api/v1/regions/${region.id}`, { cookie: admin }), 200);
    expect(read.branchCount).toBe(2);
  });

  it("patches names and code; an empty patch changes nothing", async () => {
    const region = await createRegion(admin);
    const newCode = uniqueCode("R");
    const patched = await expectJson<RegionJson>(
      await api(`/api/v1/regions/${region.id}`, {
        method: "PATCH",
        cookie: admin,
        body: { code: newCode, nameEn: "Renamed" },
      }),
      200,
    );
    expect(patched.code).toBe(newCode);
    expect(patched.name).toEqual({ en: "Renamed", zh: region.name.zh });
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(Date.parse(region.updatedAt));

    const unchanged = await expectJson<RegionJson>(
      await api(`/api/v1/regions/${region.id}`, { method: "PATCH", cookie: admin, body: {} }),
      200,
    );
    expect(unchanged).toEqual(patched);
  });

  it("keeps codes unique within an organisation (409 on create and on patch)", async () => {
    const region = await createRegion(admin);
    const dup = await expectProblem(
      await api("/api/v1/regions", { cookie: admin, body: { code: region.code, nameEn: "Dup", nameZh: "重复" } }),
      409,
      "conflict",
    );
    expect(dup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);
    expect((await listRegions(admin, `?q=${region.code}`)).map((r) => r.name.en)).toEqual([region.name.en]);

    const second = await createRegion(admin);
    const patchDup = await expectProblem(
      await api(`/api/v1/regions/${second.id}`, { method: "PATCH", cookie: admin, body: { code: "NORTH" } }),
      409,
      "conflict",
    );
    expect(patchDup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);
    const after = await expectJson<RegionJson>(await api(`/api/v1/regions/${second.id}`, { cookie: admin }), 200);
    expect(after.code).toBe(second.code);
  });

  it("allows the same code in another organisation", async () => {
    const region = await createRegion(admin);
    const other = await createRegion(otherAdmin, { code: region.code });
    expect(other.code).toBe(region.code);
    expect(other.id).not.toBe(region.id);
    // Each admin sees only their own.
    expect((await listRegions(otherAdmin, `?q=${region.code}`)).map((r) => r.id)).toEqual([other.id]);
    expect((await listRegions(admin, `?q=${region.code}`)).map((r) => r.id)).toEqual([region.id]);
  });

  it("answers 404 for an unknown region", async () => {
    await expectProblem(await api("/api/v1/regions/no-such-region", { cookie: admin }), 404, "not_found");
    await expectProblem(
      await api("/api/v1/regions/no-such-region", { method: "PATCH", cookie: admin, body: { nameEn: "X" } }),
      404,
      "not_found",
    );
  });

  it("requires a session", async () => {
    await expectProblem(await api("/api/v1/regions"), 401, "unauthenticated");
    await expectProblem(
      await api("/api/v1/regions", { body: { code: uniqueCode(), nameEn: "A", nameZh: "A" } }),
      401,
      "unauthenticated",
    );
  });
});
