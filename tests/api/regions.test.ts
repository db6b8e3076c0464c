import { beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { api, createRegion, expectOk, expectProblem, uniqueCode } from "./helpers";
import { createBranchIn } from "./org-helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
  otherAdmin = other.people.admin.cookie;
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function listRegions(as: Client, query: { q?: string } = {}) {
  return (await expectOk(await as.api.v1.regions.$get({ query }), 200)).items;
}

describe("regions", () => {
  it("lists the organisation's regions in code order with their branch counts", async () => {
    const regions = await listRegions(org.as.admin);
    const own = regions.filter((r) => Object.values(org.regionIds).includes(r.id));
    expect(own.map((r) => r.code)).toEqual(["EAST", "NORTH", "SOUTH"]);
    const codes = regions.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(regions.find((r) => r.id === org.regionIds.north)?.branchCount).toBe(3);
  });

  it("creates a region that then appears in the list and can be read", async () => {
    const code = uniqueCode("R");
    const res = await org.as.admin.api.v1.regions.$post({ json: { code, nameEn: " West ", nameZh: "西区" } });
    const created = await expectOk(res, 201);
    expect(created).toEqual({
      id: expect.any(String),
      code,
      name: { en: "West", zh: "西区" },
      branchCount: 0,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      version: 1,
    });
    expect((await listRegions(org.as.admin)).map((r) => r.id)).toContain(created.id);
    const read = await org.as.admin.api.v1.regions[":id"].$get({ param: { id: created.id } });
    expect(await expectOk(read, 200)).toEqual(created);
  });

  it("filters by q on code and either name, case-insensitively", async () => {
    const region = await createRegion(admin, { nameEn: "Quiet Lakes", nameZh: "静湖区" });
    for (const q of [region.code.toLowerCase(), "quiet LAKES", "静湖"]) {
      const found = await listRegions(org.as.admin, { q });
      expect(found.map((r) => r.id)).toContain(region.id);
      for (const r of found) {
        const haystack = `${r.code} ${r.name.en} ${r.name.zh}`.toLowerCase();
        expect(haystack).toContain(q.toLowerCase());
      }
    }
    expect(await listRegions(org.as.admin, { q: uniqueCode("none") })).toEqual([]);
  });

  it("counts the branches of a region", async () => {
    const region = await createRegion(admin);
    await createBranchIn(org, { regionId: region.id });
    await createBranchIn(org, { regionId: region.id });
    const read = await expectOk(await org.as.admin.api.v1.regions[":id"].$get({ param: { id: region.id } }), 200);
    expect(read.branchCount).toBe(2);
  });

  it("patches names and code; an empty patch changes nothing", async () => {
    const region = await createRegion(admin);
    const newCode = uniqueCode("R");
    const patch = (json: { code?: string; nameEn?: string; version: number }) =>
      org.as.admin.api.v1.regions[":id"].$patch({ param: { id: region.id }, json });
    const patched = await expectOk(await patch({ code: newCode, nameEn: "Renamed", version: region.version }), 200);
    expect(patched.code).toBe(newCode);
    expect(patched.name).toEqual({ en: "Renamed", zh: region.name.zh });
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(Date.parse(region.updatedAt));

    const unchanged = await expectOk(await patch({ version: patched.version }), 200);
    expect(unchanged).toEqual(patched);
  });

  it("keeps codes unique within an organisation (409 on create and on patch)", async () => {
    const region = await createRegion(admin);
    const dup = await expectProblem(
      await org.as.admin.api.v1.regions.$post({ json: { code: region.code, nameEn: "Dup", nameZh: "重复" } }),
      409,
      "conflict",
    );
    expect(dup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);
    expect((await listRegions(org.as.admin, { q: region.code })).map((r) => r.name.en)).toEqual([region.name.en]);

    const second = await createRegion(admin);
    const patchDup = await expectProblem(
      await org.as.admin.api.v1.regions[":id"].$patch({
        param: { id: second.id },
        json: { code: "NORTH", version: second.version },
      }),
      409,
      "conflict",
    );
    expect(patchDup.errors).toEqual([expect.objectContaining({ path: "code", code: "taken" })]);
    const after = await expectOk(await org.as.admin.api.v1.regions[":id"].$get({ param: { id: second.id } }), 200);
    expect(after.code).toBe(second.code);
  });

  it("allows the same code in another organisation", async () => {
    const region = await createRegion(admin);
    const copy = await createRegion(otherAdmin, { code: region.code });
    expect(copy.code).toBe(region.code);
    expect(copy.id).not.toBe(region.id);
    // Each admin sees only their own.
    expect((await listRegions(other.as.admin, { q: region.code })).map((r) => r.id)).toEqual([copy.id]);
    expect((await listRegions(org.as.admin, { q: region.code })).map((r) => r.id)).toEqual([region.id]);
  });

  it("answers 404 for an unknown region", async () => {
    const region = org.as.admin.api.v1.regions[":id"];
    await expectProblem(await region.$get({ param: { id: "no-such-region" } }), 404, "not_found");
    await expectProblem(
      await region.$patch({ param: { id: "no-such-region" }, json: { nameEn: "X", version: 1 } }),
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
