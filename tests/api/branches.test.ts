import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, type TestOrganization } from "./factory";
import { createRegion, expectOk, expectProblem, fieldErrors, uniqueCode } from "./helpers";
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
      city: "",
      latitude: null,
      longitude: null,
      openingHours: null,
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

describe("place and opening hours", () => {
  it("creates, reads and lists city, coordinates and opening hours (text in, the stored shape out)", async () => {
    const created = await createBranchIn(org, {
      city: " Hangzhou ",
      latitude: 30.2741,
      longitude: 120.1551,
      openingHours: "周一至周五 09:00-12:00 13:00-18:00; sat,sun 10:00-16:00",
    });
    const hours = {
      mon: [
        ["09:00", "12:00"],
        ["13:00", "18:00"],
      ],
      tue: [
        ["09:00", "12:00"],
        ["13:00", "18:00"],
      ],
      wed: [
        ["09:00", "12:00"],
        ["13:00", "18:00"],
      ],
      thu: [
        ["09:00", "12:00"],
        ["13:00", "18:00"],
      ],
      fri: [
        ["09:00", "12:00"],
        ["13:00", "18:00"],
      ],
      sat: [["10:00", "16:00"]],
      sun: [["10:00", "16:00"]],
    };
    expect(created).toMatchObject({ city: "Hangzhou", latitude: 30.2741, longitude: 120.1551, openingHours: hours });
    expect(await readBranch(created.id)).toEqual(created);
    const listed = (await listAllBranchesAs(org.as.admin, { q: created.code })).items.find((b) => b.id === created.id);
    expect(listed).toMatchObject({ city: "Hangzhou", latitude: 30.2741, openingHours: hours });
  });

  it("patches them with the version, takes back the object it answered, and clears them with null", async () => {
    const created = await createBranchIn(org, { latitude: 39.9, longitude: 116.4, openingHours: "mon 09:00-17:00" });
    const moved = await expectOk(
      await branch().$patch({
        param: { id: created.id },
        json: { city: "北京", latitude: 39.9087, longitude: 116.3975, version: created.version },
      }),
      200,
    );
    expect(moved).toMatchObject({ city: "北京", latitude: 39.9087, longitude: 116.3975, version: created.version + 1 });
    // The answer's own hours sent back change nothing else; then the hours change, then go.
    const same = await expectOk(
      await branch().$patch({
        param: { id: created.id },
        json: { openingHours: moved.openingHours, version: moved.version },
      }),
      200,
    );
    expect(same.version).toBe(moved.version);
    const later = await expectOk(
      await branch().$patch({
        param: { id: created.id },
        json: { openingHours: "mon-sun 10:00-22:00", version: moved.version },
      }),
      200,
    );
    expect(later.openingHours).toMatchObject({ mon: [["10:00", "22:00"]], sun: [["10:00", "22:00"]] });
    const cleared = await expectOk(
      await branch().$patch({
        param: { id: created.id },
        json: { latitude: null, longitude: null, openingHours: "", city: "", version: later.version },
      }),
      200,
    );
    expect(cleared).toMatchObject({ city: "", latitude: null, longitude: null, openingHours: null });
    expect(await readBranch(created.id)).toEqual(cleared);
    await expectProblem(
      await branch().$patch({ param: { id: created.id }, json: { city: "Tianjin", version: later.version } }),
      409,
      "stale_version",
    );
  });

  it("refuses what the import refuses, naming the field, and changes nothing", async () => {
    const bad = [
      [{ latitude: 91, longitude: 0 }, ["latitude:too_big"]],
      [{ latitude: 0, longitude: -180.5 }, ["longitude:too_small"]],
      [{ latitude: 39.9 }, ["longitude:required"]],
      [{ longitude: 116.4, latitude: null }, ["latitude:required"]],
      [{ openingHours: "mon 21:00-09:00" }, ["openingHours:invalid_format"]],
      [{ openingHours: "every day 9 to 5" }, ["openingHours:invalid_format"]],
      [
        {
          openingHours: {
            mon: [
              ["09:00", "12:00"],
              ["11:00", "18:00"],
            ],
          },
        },
        ["openingHours:invalid_format"],
      ],
      [{ city: "Bei\njing" }, ["city:invalid_characters"]],
      [{ city: "x".repeat(81) }, ["city:too_big"]],
    ] as const;
    for (const [fields, errors] of bad) {
      const problem = await expectProblem(
        await org.as.admin.api.v1.branches.$post({
          json: {
            code: uniqueCode("P"),
            nameEn: "Place",
            nameZh: "地点",
            regionId: org.regionIds.east,
            channel: "store",
            ...(fields as object),
          },
        }),
        400,
        "validation_failed",
      );
      expect(fieldErrors(problem), JSON.stringify(fields)).toEqual(errors);
    }
    // A change that leaves one coordinate alone is refused against what the branch has.
    const created = await createBranchIn(org, { latitude: 39.9, longitude: 116.4 });
    const problem = await expectProblem(
      await branch().$patch({ param: { id: created.id }, json: { longitude: null, version: created.version } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["longitude:required"]);
    expect(await readBranch(created.id)).toEqual(created);
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
