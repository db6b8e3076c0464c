/**
 * Bulk import of branches and members (docs/IMPORTS.md): dry run per row, every error kind,
 * BOM and Chinese headers, leading zeros, duplicates in a file, the error file, commit and
 * idempotent re-import, progress, the trail, scope (admins only) and 10,000 rows.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { branches, events, invitations, memberships, users } from "../../schema";
import { verifyChain } from "../../worker/data/audit-log";
import { StaleWrite } from "../../worker/data/events";
import { commitBranchImport, getImport, readBranchImportContext } from "../../worker/data/imports";
import { planBranches, totalsOf } from "../../worker/domain/imports";
import { readCsv } from "../../worker/lib/csv-read";
import { checkImportFile } from "../../worker/validation/imports";
import { createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors } from "./helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

type Kind = "branches" | "members";

/** An import request through the typed client, the body a CSV file. */
function send(
  kind: Kind,
  csv: string | Uint8Array,
  query: { dryRun: "true" | "false"; id?: string; lang?: "en" | "zh" },
  who: PersonKey = "admin",
  on: TestOrganization = org,
) {
  return on.as[who].api.v1.imports[kind].$post(
    { query },
    { headers: { cookie: on.people[who].cookie, "content-type": "text/csv" }, init: { body: csv } },
  );
}

async function dryRun(kind: Kind, csv: string, lang?: "en" | "zh") {
  const body = await expectOk(await send(kind, csv, { dryRun: "true", lang }), 200);
  if (!body.dryRun) throw new Error("expected a dry run");
  return body.report;
}

async function commit(kind: Kind, csv: string, id?: string) {
  const body = await expectOk(await send(kind, csv, { dryRun: "false", id }), 200);
  if (body.dryRun) throw new Error("expected a commit");
  return body.import;
}

const lines = (...rows: string[]) => `${rows.join("\r\n")}\r\n`;
const tag = () => crypto.randomUUID().slice(0, 6).toUpperCase();

async function branchByCode(code: string, organizationId = org.id) {
  const rows = await db()
    .select()
    .from(branches)
    .where(and(eq(branches.organizationId, organizationId), eq(branches.code, code)));
  return rows[0] ?? null;
}

async function eventsOf(organizationId: string, types: string[]) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.organizationId, organizationId), inArray(events.type, types)))
    .orderBy(asc(events.seq));
}

describe("branches: dry run, commit, re-import", () => {
  it("reads a BOM, Chinese headers and names, keeps leading zeros, writes nothing on a dry run", async () => {
    const t = tag();
    const csv = `\uFEFF${lines(
      "编码,英文名称,中文名称,区域,渠道,地址,电话,时区,纬度,经度,营业时间",
      `007${t},Wangfujing ${t},王府井店${t},NORTH,store,"1 Wangfujing St, Beijing",+86 10 1234 5678,Asia/Shanghai,39.9087,116.3975,mon-fri 09:00-21:00; sat-sun 10:00-22:00`,
      `0010${t},Hotline ${t},热线${t},EAST,呼叫中心,,,,,,`,
    )}`;
    const report = await dryRun("branches", csv);
    expect(report.totals).toEqual({ rows: 2, add: 2, update: 0, unchanged: 0, errors: 0 });
    expect(report.items).toEqual([
      { line: 2, key: `007${t}`, action: "add" },
      { line: 3, key: `0010${t}`, action: "add" },
    ]);
    expect(report.errorFile).toBeNull();
    expect(report.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await branchByCode(`007${t}`)).toBeNull();

    const done = await commit("branches", csv);
    expect(done).toMatchObject({
      status: "finished",
      rows: 2,
      toWrite: 2,
      done: 2,
      summary: { add: 2, update: 0, unchanged: 0 },
    });
    const first = await branchByCode(`007${t}`);
    expect(first).toMatchObject({
      nameEn: `Wangfujing ${t}`,
      nameZh: `王府井店${t}`,
      regionId: org.regionIds.north,
      channel: "store",
      address: "1 Wangfujing St, Beijing",
      phone: "+86 10 1234 5678",
      latitude: 39.9087,
      longitude: 116.3975,
      openingHours: {
        mon: [["09:00", "21:00"]],
        tue: [["09:00", "21:00"]],
        wed: [["09:00", "21:00"]],
        thu: [["09:00", "21:00"]],
        fri: [["09:00", "21:00"]],
        sat: [["10:00", "22:00"]],
        sun: [["10:00", "22:00"]],
      },
      version: 1,
    });
    expect(await branchByCode(`0010${t}`)).toMatchObject({
      channel: "call_centre",
      timezone: "Asia/Shanghai",
      latitude: null,
    });

    // Listed by the branches API like any other, code and all.
    const listed = await expectOk(await org.as.admin.api.v1.branches.$get({ query: { q: `007${t}` } }), 200);
    expect(listed.items.map((b) => b.code)).toEqual([`007${t}`]);

    // The same file again: every row unchanged, nothing written, versions as they were.
    const again = await dryRun("branches", csv);
    expect(again.totals).toMatchObject({ add: 0, update: 0, unchanged: 2, errors: 0 });
    expect(again.sameFile?.id).toBe(done.id);
    const before = (await eventsOf(org.id, ["branch.created", "branch.changed"])).length;
    const second = await commit("branches", csv);
    expect(second).toMatchObject({
      status: "finished",
      toWrite: 0,
      done: 0,
      summary: { add: 0, update: 0, unchanged: 2 },
    });
    expect((await eventsOf(org.id, ["branch.created", "branch.changed"])).length).toBe(before);
    expect((await branchByCode(`007${t}`))?.version).toBe(1);
  });

  it("shows an update's changed columns old → new, moves the branch and records it", async () => {
    const t = tag();
    const header = "code,name_en,name_zh,region,channel,phone";
    await commit("branches", lines(header, `U${t},Old ${t},旧${t},NORTH,store,+86 1`));
    const changed = lines(header, `U${t},New ${t},旧${t},SOUTH,store,+86 1`);
    const report = await dryRun("branches", changed);
    expect(report.items).toEqual([
      {
        line: 2,
        key: `U${t}`,
        action: "update",
        changes: { name_en: { from: `Old ${t}`, to: `New ${t}` }, region: { from: "NORTH", to: "SOUTH" } },
      },
    ]);
    const done = await commit("branches", changed);
    expect(done.summary).toEqual({ add: 0, update: 1, unchanged: 0 });
    const row = await branchByCode(`U${t}`);
    expect(row).toMatchObject({ nameEn: `New ${t}`, regionId: org.regionIds.south, version: 2 });
    const trail = await eventsOf(org.id, ["branch.changed"]);
    expect(trail.at(-1)).toMatchObject({
      subjectId: row?.id,
      payload: {
        changes: {
          nameEn: { from: `Old ${t}`, to: `New ${t}` },
          regionId: { from: org.regionIds.north, to: org.regionIds.south },
        },
        importId: done.id,
      },
    });
    const summary = await eventsOf(org.id, ["import.committed"]);
    expect(summary.at(-1)).toMatchObject({
      subjectType: "import",
      subjectId: done.id,
      actorId: org.people.admin.id,
      payload: { kind: "branches", rows: 1, add: 0, update: 1, unchanged: 0 },
    });
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("leaves a column the file does not have as it is, and empties one it has empty", async () => {
    const t = tag();
    await commit(
      "branches",
      lines("code,name_en,name_zh,region,channel,address,phone", `K${t},K,K,EAST,store,Addr,+86 2`),
    );
    // No address column: the address stays; the phone column is empty: the phone is cleared.
    const report = await dryRun(
      "branches",
      lines("code,name_en,name_zh,region,channel,phone", `K${t},K,K,EAST,store,`),
    );
    expect(report.items[0]).toMatchObject({ action: "update", changes: { phone: { from: "+86 2", to: "" } } });
  });

  it("reads a city column (English or Chinese header): add, update with the changed city, unchanged, kept when absent", async () => {
    const t = tag();
    const added = lines("code,name_en,name_zh,region,channel,city", `C${t},C,C,EAST,store,Hangzhou`);
    expect((await dryRun("branches", added)).items).toEqual([{ line: 2, key: `C${t}`, action: "add" }]);
    expect((await commit("branches", added)).summary).toEqual({ add: 1, update: 0, unchanged: 0 });
    const row = await branchByCode(`C${t}`);
    expect(row).toMatchObject({ city: "Hangzhou", version: 1 });
    expect(
      await expectOk(await org.as.admin.api.v1.branches[":id"].$get({ param: { id: row?.id ?? "" } }), 200),
    ).toMatchObject({ city: "Hangzhou" });

    const moved = lines("编码,英文名称,中文名称,区域,渠道,城市", `C${t},C,C,EAST,门店,Ningbo`);
    expect((await dryRun("branches", moved)).items).toEqual([
      { line: 2, key: `C${t}`, action: "update", changes: { city: { from: "Hangzhou", to: "Ningbo" } } },
    ]);
    expect((await commit("branches", moved)).summary).toEqual({ add: 0, update: 1, unchanged: 0 });
    expect(await branchByCode(`C${t}`)).toMatchObject({ city: "Ningbo", version: 2 });
    const trail = await eventsOf(org.id, ["branch.changed"]);
    expect(trail.at(-1)).toMatchObject({
      subjectId: row?.id,
      payload: { changes: { city: { from: "Hangzhou", to: "Ningbo" } } },
    });

    // The same city again, or no city column at all: unchanged, and the city stays.
    expect((await dryRun("branches", moved)).items[0]).toMatchObject({ action: "unchanged" });
    const without = lines("code,name_en,name_zh,region,channel", `C${t},C,C,EAST,store`);
    expect((await commit("branches", without)).summary).toEqual({ add: 0, update: 0, unchanged: 1 });
    expect(await branchByCode(`C${t}`)).toMatchObject({ city: "Ningbo", version: 2 });

    // The branches API's rule for a city holds here too.
    const bad = await dryRun(
      "branches",
      lines("code,name_en,name_zh,region,channel,city", `D${t},D,D,EAST,store,${"x".repeat(81)}`),
    );
    expect(bad.items[0]?.errors).toEqual([expect.objectContaining({ column: "city", code: "too_big", limit: 80 })]);
  });

  it("commits once per client id: the same id again answers that import and writes nothing", async () => {
    const t = tag();
    const id = crypto.randomUUID();
    const csv = lines("code,name_en,name_zh,region,channel", `I${t},I,I,NORTH,store`);
    const first = await commit("branches", csv, id);
    const changedSince = lines("code,name_en,name_zh,region,channel", `I${t},Changed,I,NORTH,store`);
    const second = await commit("branches", changedSince, id);
    expect(second).toEqual(first);
    expect((await branchByCode(`I${t}`))?.nameEn).toBe("I");
    expect(await expectOk(await org.as.admin.api.v1.imports[":id"].$get({ param: { id } }), 200)).toEqual(first);
  });

  it("answers 200 with the rows that change: an import's progress is read by its id", async () => {
    const t = tag();
    const id = crypto.randomUUID();
    const csv = lines(
      "code,name_en,name_zh,region,channel",
      ...Array.from({ length: 1200 }, (_, i) => `P${t}-${i},P,P,NORTH,store`),
    );
    const done = await commit("branches", csv, id);
    expect(done).toMatchObject({ status: "finished", rows: 1200, toWrite: 1200, done: 1200 });
    expect(done.finishedAt).not.toBeNull();
  });
});

describe("branches: errors", () => {
  it("names every kind of cell error by line and column, and offers the file back with an error column", async () => {
    const t = tag();
    const csv = lines(
      "code,name_en,name_zh,region,channel,phone,latitude,longitude,opening_hours",
      `A${t},Fine,好,NORTH,store,,,,`, // 2: fine
      `,Missing code,缺,NORTH,store,,,,`, // 3: required
      `B ${t},Bad code,坏,NORTH,store,,,,`, // 4: invalid_format
      `C${t},${"x".repeat(121)},长,NORTH,store,,,,`, // 5: too_big
      `D${t},"Tab\there",制表,NORTH,store,,,,`, // 6: invalid_characters
      `E${t},Channel,渠道,NORTH,shop,,,,`, // 7: invalid_value
      `F${t},Region,区域,WEST,store,,,,`, // 8: unknown_reference
      `A${t},Again,重复,NORTH,store,,,,`, // 9: duplicate
      `G${t},Phone,电话,NORTH,store,call me,,,`, // 10: invalid_format (phone)
      `H${t},Lat,纬度,NORTH,store,,91,10,`, // 11: too_big (latitude)
      `J${t},Half,一半,NORTH,store,,39.9,,`, // 12: longitude required with latitude
      `L${t},Hours,时间,NORTH,store,,,,mon 21:00-09:00`, // 13: invalid_format (hours)
      `M${t},Extra,多,NORTH,store,,,,,surplus`, // 14: too_many_fields
    );
    const report = await dryRun("branches", csv);
    expect(report.totals).toEqual({ rows: 13, add: 1, update: 0, unchanged: 0, errors: 12 });
    const found = report.items
      .filter((i) => i.action === "error")
      .flatMap((i) => (i.errors ?? []).map((e) => `${i.line}:${e.column}:${e.code}`));
    expect(found).toEqual([
      "3:code:required",
      "4:code:invalid_format",
      "5:name_en:too_big",
      "6:name_en:invalid_characters",
      "7:channel:invalid_value",
      "8:region:unknown_reference",
      "9:code:duplicate",
      "10:phone:invalid_format",
      "11:latitude:too_big",
      "12:longitude:required",
      "13:opening_hours:invalid_format",
      "14:row:too_many_fields",
    ]);

    // The error file: the header, every row as sent, an error column (empty where fine).
    const file = readCsv(report.errorFile ?? "");
    expect(report.errorFile?.startsWith("\uFEFF")).toBe(true);
    expect(file[0]?.fields.at(-1)).toBe("error");
    expect(file).toHaveLength(14);
    expect(file[1]?.fields).toEqual([`A${t}`, "Fine", "好", "NORTH", "store", "", "", "", "", ""]);
    expect(file[7]?.fields.at(-1)).toBe("region: No region with code WEST");
    expect(file[8]?.fields.at(-1)).toBe("code: Line 2 has the same code");
    const zh = readCsv((await dryRun("branches", csv, "zh")).errorFile ?? "");
    expect(zh[7]?.fields.at(-1)).toBe("区域（region）：找不到这个编码 — No region with code WEST");

    // A commit of a file with errors writes nothing and names the same errors.
    const problem = await expectProblem(await send("branches", csv, { dryRun: "false" }), 400, "import_has_errors");
    expect(fieldErrors(problem)).toContain("lines[8].region:unknown_reference");
    expect(fieldErrors(problem)).toHaveLength(12);
    expect(await branchByCode(`A${t}`)).toBeNull();
  });

  it("reads its own error file back once fixed: the error column is ignored, a neutralised cell restored", async () => {
    const t = tag();
    const csv = lines(
      "code,name_en,name_zh,region,channel,latitude,longitude",
      `N${t},Neg,负,SOUTH,store,-33.86,151.2`,
      `W${t},W,W,WEST,store,,`,
    );
    const report = await dryRun("branches", csv);
    const records = readCsv(report.errorFile ?? "");
    expect(records[1]?.fields[5]).toBe("'-33.86");
    // Fix the region in the file as downloaded and send it again.
    const fixed = report.errorFile?.replace(`W${t},W,W,WEST`, `W${t},W,W,SOUTH`) ?? "";
    const again = await dryRun("branches", fixed);
    expect(again.totals).toMatchObject({ add: 2, errors: 0 });
    await commit("branches", fixed);
    expect((await branchByCode(`N${t}`))?.latitude).toBe(-33.86);
  });

  it("answers problems with the header and the file as file errors", async () => {
    const unknown = await dryRun(
      "branches",
      lines("code,name_en,name_zh,region,channel,colour", "X,X,X,NORTH,store,red"),
    );
    expect(unknown.fileErrors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(["1:colour:unknown_field"]);
    expect(unknown.items).toEqual([]);
    const missing = await dryRun("branches", lines("code,name_en,region,channel,code", "X,X,NORTH,store,X"));
    expect(missing.fileErrors.map((e) => `${e.column}:${e.code}`)).toEqual([
      "code:duplicate",
      "name_zh:missing_column",
    ]);
    const open = await dryRun(
      "branches",
      lines("code,name_en,name_zh,region,channel", 'X,"never closed,X,NORTH,store'),
    );
    expect(open.fileErrors).toEqual([
      { line: 2, column: "file", code: "invalid_format", message: "A quoted field is not closed" },
    ]);
    const semicolons = await dryRun("branches", lines("code;name_en;name_zh;region;channel", "X;X;X;NORTH;store"));
    expect(semicolons.fileErrors[0]).toMatchObject({
      code: "invalid_format",
      message: "Separate the columns with commas (CSV)",
    });
    const empty = await dryRun("branches", lines("code,name_en,name_zh,region,channel"));
    expect(empty.fileErrors[0]).toMatchObject({ code: "required", message: "The file has no rows" });
    const problem = await expectProblem(
      await send("branches", lines("code,name_en,name_zh,region,channel,colour", "X,X,X,NORTH,store,red"), {
        dryRun: "false",
      }),
      400,
      "import_has_errors",
    );
    expect(fieldErrors(problem)).toEqual(["lines[1].colour:unknown_field"]);
  });

  it("refuses a file that is not UTF-8, not CSV, too large or with more than 10,000 rows", async () => {
    const gbk = new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0d, 0x0a, 0xb1, 0xe0, 0xc2, 0xeb, 0x0d, 0x0a]); // "code\r\n编码" in GBK
    await expectProblem(await send("branches", gbk, { dryRun: "true" }), 400, "invalid_encoding");
    const json = await api("/api/v1/imports/branches?dryRun=true", {
      body: { code: "X" },
      cookie: org.people.admin.cookie,
    });
    await expectProblem(json, 415, "unsupported_media_type");
    const rows = Array.from({ length: 10_001 }, (_, i) => `R${i},R,R,NORTH,store`);
    const problem = await expectProblem(
      await send("branches", lines("code,name_en,name_zh,region,channel", ...rows), { dryRun: "true" }),
      413,
      "import_too_many_rows",
    );
    expect(problem).toMatchObject({ limit: 10_000 });
    const huge = await api("/api/v1/imports/branches?dryRun=true", {
      body: "x".repeat(10 * 1024 * 1024 + 1),
      cookie: org.people.admin.cookie,
      headers: { "content-type": "text/csv" },
    });
    await expectProblem(huge, 413, "payload_too_large");
    await expectProblem(await send("branches", "code\r\n", { dryRun: "maybe" as "true" }), 400, "validation_failed");
  });
});

describe("scope: admins only", () => {
  it.each(["analyst", "regional", "manager", "reviewer", "shopper"] as const)(
    "%s gets 403 before the file is read",
    async (who) => {
      // Not CSV and over the size cap: still 403, the body never read.
      const res = await api("/api/v1/imports/branches?dryRun=maybe", {
        body: "x".repeat(11 * 1024 * 1024),
        cookie: org.people[who].cookie,
        headers: { "content-type": "application/json" },
      });
      await expectProblem(res, 403, "forbidden");
      await expectProblem(await send("members", "email\r\n", { dryRun: "true" }, who), 403, "forbidden");
      await expectProblem(
        await org.as[who].api.v1.imports[":id"].$get({ param: { id: crypto.randomUUID() } }),
        403,
        "forbidden",
      );
    },
  );

  it("signed out is 401; another organisation's import is 404; its codes are its own", async () => {
    await expectProblem(
      await api("/api/v1/imports/branches?dryRun=true", { body: "code\r\n", headers: { "content-type": "text/csv" } }),
      401,
      "unauthenticated",
    );
    const t = tag();
    const mine = await commit("branches", lines("code,name_en,name_zh,region,channel", `O${t},O,O,NORTH,store`));
    await expectProblem(await other.as.admin.api.v1.imports[":id"].$get({ param: { id: mine.id } }), 404, "not_found");
    // The same code in the other organisation is a new branch there; region codes are per organisation too.
    const theirs = await expectOk(
      await send(
        "branches",
        lines("code,name_en,name_zh,region,channel", `O${t},O,O,NORTH,store`),
        { dryRun: "true" },
        "admin",
        other,
      ),
      200,
    );
    expect(theirs.dryRun && theirs.report.totals.add).toBe(1);
  });
});

describe("members", () => {
  const header = "邮箱,姓名,角色,区域,分店,语言";

  it("invites new people (Chinese names, language), leaves an existing account's profile alone, then changes only the membership", async () => {
    const t = tag().toLowerCase();
    const stranger = other.people.analyst; // has an account, not a member here
    const csv = lines(
      header,
      `new-${t}@example.test,王芳,shopper,,,zh`,
      `${stranger.email},Label For Them,regional_manager,NORTH,,en`,
      `mgr-${t}@example.test,Li Manager,branch_manager,,NO-001;NO-002,`,
    );
    const report = await dryRun("members", csv);
    expect(report.totals).toEqual({ rows: 3, add: 3, update: 0, unchanged: 0, errors: 0 });
    const done = await commit("members", csv);
    expect(done.summary).toEqual({ add: 3, update: 0, unchanged: 0 });

    const list = await expectOk(await org.as.admin.api.v1.users.$get({ query: { q: t } }), 200);
    const fang = list.items.find((m) => m.email === `new-${t}@example.test`);
    expect(fang).toMatchObject({ displayName: "王芳", role: "shopper", status: "invited", locale: "zh" });
    const mgr = list.items.find((m) => m.email === `mgr-${t}@example.test`);
    expect(mgr?.branchIds.sort()).toEqual([org.branchIds.north1, org.branchIds.north2].sort());
    const [account] = await db().select().from(users).where(eq(users.email, stranger.email));
    expect(account).toMatchObject({ displayName: stranger.displayName, locale: "zh" });
    expect(account?.passwordHash).not.toBeNull();
    const theirMembership = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, stranger.id)));
    expect(theirMembership[0]).toMatchObject({
      status: "invited",
      role: "regional_manager",
      displayLabel: "Label For Them",
    });
    // An invitation per new member, whose link nobody holds: the admin re-sends one from the member's page.
    const links = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.membershipId, theirMembership[0]?.id ?? ""));
    expect(links).toHaveLength(1);
    const resend = await org.as.admin.api.v1.users[":id"].invitation.$post({
      param: { id: theirMembership[0]?.id ?? "" },
    });
    expect(resend.status).toBe(201);

    // The same file again: unchanged.
    expect((await dryRun("members", csv)).totals).toMatchObject({ add: 0, update: 0, unchanged: 3 });
    // A change of role and scope to an existing (active) member; their profile stays theirs.
    const shopper = org.people.shopper2;
    const change = lines(header, `${shopper.email},${shopper.displayName},regional_manager,EAST;SOUTH,,en`);
    const update = await dryRun("members", change);
    expect(update.items[0]).toMatchObject({
      action: "update",
      changes: { role: { from: "shopper", to: "regional_manager" }, regions: { from: [], to: ["EAST", "SOUTH"] } },
    });
    await commit("members", change);
    const changed = await expectOk(await org.as.admin.api.v1.users[":id"].$get({ param: { id: shopper.id } }), 200);
    expect(changed).toMatchObject({ role: "regional_manager", status: "active", locale: "zh" });
    expect(changed.regionIds.sort()).toEqual([org.regionIds.east, org.regionIds.south].sort());
    const trail = await eventsOf(org.id, ["membership.changed", "membership.invited"]);
    expect(trail.map((e) => e.type).slice(-4)).toEqual([
      "membership.invited",
      "membership.invited",
      "membership.invited",
      "membership.changed",
    ]);
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });

  it("names member errors: role, scope, references, email, own role, duplicates", async () => {
    const t = tag().toLowerCase();
    const csv = lines(
      "email,name,role,regions,branches,language",
      `not-an-email,X,shopper,,,`, // 2
      `a-${t}@example.test,A,owner,,,`, // 3: role invalid_value
      `b-${t}@example.test,B,regional_manager,,,`, // 4: regions required
      `c-${t}@example.test,C,branch_manager,,XX-999,`, // 5: unknown branch
      `d-${t}@example.test,D,shopper,NORTH,,`, // 6: not_allowed
      `${org.people.admin.email},Ada Admin,analyst,,,`, // 7: own role
      `e-${t}@example.test,E,shopper,,,fr`, // 8: language
      `E-${t}@EXAMPLE.test,E again,shopper,,,`, // 9: duplicate (emails compare lower-cased)
      `f-${t}@example.test,,shopper,,,`, // 10: name required
    );
    const report = await dryRun("members", csv);
    const found = report.items
      .filter((i) => i.action === "error")
      .flatMap((i) => (i.errors ?? []).map((e) => `${i.line}:${e.column}:${e.code}`));
    expect(found).toEqual([
      "2:email:invalid_format",
      "3:role:invalid_value",
      "4:regions:required",
      "5:branches:unknown_reference",
      "6:regions:not_allowed",
      "7:role:not_allowed",
      "8:language:invalid_value",
      "9:email:duplicate",
      "10:name:required",
    ]);
    await expectProblem(await send("members", csv, { dryRun: "false" }), 400, "import_has_errors");
  });
});

describe("10,000 rows", () => {
  it("dry-runs and commits 10,000 branches within the limits, then re-imports them unchanged", {
    timeout: 120_000,
  }, async () => {
    const t = tag();
    const csv = lines(
      "code,name_en,name_zh,region,channel,address,phone,latitude,longitude,opening_hours",
      ...Array.from(
        { length: 10_000 },
        (_, i) =>
          `${String(i).padStart(5, "0")}${t},Branch ${i},分店${i},${["NORTH", "EAST", "SOUTH"][i % 3]},store,"${i} Road, City",+86 ${i},31.2,121.4,mon-sun 09:00-21:00`,
      ),
    );
    let started = Date.now();
    const report = await dryRun("branches", csv);
    const dryMs = Date.now() - started;
    expect(report.totals).toEqual({ rows: 10_000, add: 10_000, update: 0, unchanged: 0, errors: 0 });
    started = Date.now();
    const done = await commit("branches", csv);
    const commitMs = Date.now() - started;
    expect(done).toMatchObject({ status: "finished", done: 10_000 });
    expect(await branchByCode(`00000${t}`)).toMatchObject({ nameZh: "分店0" });
    expect((await dryRun("branches", csv)).totals.unchanged).toBe(10_000);
    console.log(`10,000 branches in workerd: dry run ${dryMs} ms, commit ${commitMs} ms`);
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });
});

describe("a row changed while importing", () => {
  it("fails its chunk whole (nothing of it written, the import failed), and the file again finishes the job", async () => {
    const t = tag();
    const header = "code,name_en,name_zh,region,channel";
    await commit("branches", lines(header, `S${t},Before,S,NORTH,store`, `T${t},Before,T,NORTH,store`));
    const csv = lines(header, `S${t},After,S,NORTH,store`, `T${t},After,T,NORTH,store`);
    // The plan is made from what was read; then someone edits S before the commit writes.
    const file = checkImportFile("branches", csv);
    const context = await readBranchImportContext(db(), org.id, { fileHash: "x" });
    const plan = planBranches(file.rows, context.branches, context.regionIds);
    const s = await branchByCode(`S${t}`);
    await expectOk(
      await org.as.admin.api.v1.branches[":id"].$patch({
        param: { id: s?.id ?? "" },
        json: { nameZh: "改", version: 1 },
      }),
      200,
    );
    const id = crypto.randomUUID();
    const actor = { userId: org.people.admin.id, role: "admin" };
    await expect(
      commitBranchImport(db(), {
        id,
        organizationId: org.id,
        fileHash: "x",
        totals: totalsOf(plan.items),
        plan,
        actor,
        head: null,
      }),
    ).rejects.toBeInstanceOf(StaleWrite);
    expect(await getImport(db(), org.id, id)).toMatchObject({ status: "failed", done: 0 });
    expect(await branchByCode(`T${t}`)).toMatchObject({ nameEn: "Before", version: 1 });
    expect(await branchByCode(`S${t}`)).toMatchObject({ nameEn: "Before", nameZh: "改", version: 2 });
    await commit("branches", csv);
    expect(await branchByCode(`S${t}`)).toMatchObject({ nameEn: "After", nameZh: "S", version: 3 });
    expect((await verifyChain(db(), org.id)).ok).toBe(true);
  });
});
