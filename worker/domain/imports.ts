/**
 * Bulk import of branches and members from CSV (docs/IMPORTS.md), the parts that need no
 * database: which header names which column (English or Chinese), cells as the file holds them,
 * opening hours as people write them, and the plan: what each row would do to what the
 * organisation has now (`add`, `update` with old → new per column, `unchanged`, or its errors).
 * The cell checks themselves are zod schemas (`validation/imports.ts`); the writes are
 * `data/imports.ts`.
 */
import type { Channel, ImportKind, Locale, Role } from "../../schema/enums";
import { checkScope } from "./memberships";

/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 10_000;

/** A problem with one cell (`column` is the column's English header), a row (`row`) or the file (`file`). */
export interface CellError {
  column: string;
  /** required | too_small | too_big | invalid_format | invalid_characters | invalid_value | unknown_field | duplicate | unknown_reference | not_allowed | missing_column | too_many_fields */
  code: string;
  message: string;
  limit?: number;
}

export interface ColumnSpec {
  /** The English header, as docs/IMPORTS.md and every answer name the column. */
  name: string;
  /** Other headers accepted for it (compared after `headerKey`), Chinese among them. */
  aliases: readonly string[];
  required: boolean;
}

export const BRANCH_COLUMNS: readonly ColumnSpec[] = [
  { name: "code", aliases: ["branch_code", "编码", "代码", "分店编码", "门店编码"], required: true },
  { name: "name_en", aliases: ["english_name", "英文名称", "英文名"], required: true },
  { name: "name_zh", aliases: ["chinese_name", "中文名称", "中文名"], required: true },
  { name: "region", aliases: ["region_code", "区域", "区域编码"], required: true },
  { name: "channel", aliases: ["渠道"], required: true },
  { name: "address", aliases: ["地址"], required: false },
  { name: "phone", aliases: ["电话"], required: false },
  { name: "timezone", aliases: ["time_zone", "时区"], required: false },
  { name: "city", aliases: ["town", "城市", "所在城市"], required: false },
  { name: "latitude", aliases: ["lat", "纬度"], required: false },
  { name: "longitude", aliases: ["lng", "lon", "经度"], required: false },
  { name: "opening_hours", aliases: ["hours", "营业时间"], required: false },
];

export const MEMBER_COLUMNS: readonly ColumnSpec[] = [
  { name: "email", aliases: ["e-mail", "邮箱", "电子邮箱", "电子邮件"], required: true },
  { name: "name", aliases: ["display_name", "姓名", "名称", "名字"], required: true },
  { name: "role", aliases: ["角色"], required: true },
  { name: "regions", aliases: ["region", "region_codes", "区域", "区域编码"], required: false },
  { name: "branches", aliases: ["branch", "branch_codes", "分店", "门店", "分店编码"], required: false },
  { name: "language", aliases: ["locale", "语言"], required: false },
];

/** The column of our own error file: read back without complaint and ignored. */
const ERROR_COLUMN_NAMES = ["error", "errors", "错误"];
export const ERROR_COLUMN = "error";

/**
 * A header as compared: trimmed, lower-case, spaces and hyphens as underscores.
 * @example headerKey(" Name EN ") // "name_en"
 */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export function columnsOf(kind: ImportKind): readonly ColumnSpec[] {
  return kind === "branches" ? BRANCH_COLUMNS : MEMBER_COLUMNS;
}

/**
 * Which column each header names (null: ignored, the error column), and what is wrong with
 * the header row: an unknown or repeated column, a required one missing.
 * @example readHeader("branches", ["编码", "name_en"]).columns // ["code", "name_en"]
 */
export function readHeader(
  kind: ImportKind,
  headers: readonly string[],
): { columns: Array<string | null>; errors: CellError[] } {
  const specs = columnsOf(kind);
  const errors: CellError[] = [];
  const seen = new Set<string>();
  const columns = headers.map((header): string | null => {
    const key = headerKey(header);
    if (ERROR_COLUMN_NAMES.includes(key)) return null;
    const spec = specs.find((s) => s.name === key || s.aliases.includes(key));
    if (!spec) {
      errors.push({
        column: header.trim(),
        code: "unknown_field",
        message: `Unknown column "${header.trim()}"; the columns are ${specs.map((s) => s.name).join(", ")}`,
      });
      return null;
    }
    if (seen.has(spec.name)) {
      errors.push({ column: spec.name, code: "duplicate", message: `The column ${spec.name} appears twice` });
      return null;
    }
    seen.add(spec.name);
    return spec.name;
  });
  for (const spec of specs) {
    if (spec.required && !seen.has(spec.name))
      errors.push({ column: spec.name, code: "missing_column", message: `The file needs a ${spec.name} column` });
  }
  return { columns, errors };
}

/** What the error file adds in front of a formula-like cell (lib/csv.ts `neutralise`), taken off again on reading. */
const NEUTRALISED = /^'(?=[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * A record's cells by column (ignored columns left out), and a row error when it has more
 * fields than the header. Missing trailing fields read as empty; the quote our error file puts
 * before a formula-like cell (`'-33.8`) is removed.
 */
export function rowCells(
  fields: readonly string[],
  columns: ReadonlyArray<string | null>,
): { cells: Record<string, string>; errors: CellError[] } {
  const cells: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column !== null) cells[column] = (fields[i] ?? "").replace(NEUTRALISED, "");
  });
  const extra = fields.slice(columns.length).some((f) => f.trim() !== "");
  const errors: CellError[] = extra
    ? [
        {
          column: "row",
          code: "too_many_fields",
          message: `This row has more fields than the header (${columns.length})`,
        },
      ]
    : [];
  return { cells, errors };
}

// --- Where the branch is ----------------------------------------------------------------------

/**
 * The coordinate that is missing when a branch has only one of latitude and longitude (both or
 * neither: the shopper's location check needs a point). The import and the branches API share it.
 * @example coordinatePairProblem(39.9, null) // "longitude"
 */
export function coordinatePairProblem(
  latitude: number | null | undefined,
  longitude: number | null | undefined,
): "latitude" | "longitude" | null {
  const hasLat = latitude !== undefined && latitude !== null;
  const hasLng = longitude !== undefined && longitude !== null;
  if (hasLat === hasLng) return null;
  return hasLat ? "longitude" : "latitude";
}

// --- Opening hours ----------------------------------------------------------------------------

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** `{ mon: [["09:00", "21:00"]], … }`, a day left out is closed (the `branches.opening_hours` column). */
export type OpeningHours = Partial<Record<Weekday, Array<[string, string]>>>;

const CHINESE_DAYS: Record<string, Weekday> = {
  周一: "mon",
  周二: "tue",
  周三: "wed",
  周四: "thu",
  周五: "fri",
  周六: "sat",
  周日: "sun",
  周天: "sun",
  星期一: "mon",
  星期二: "tue",
  星期三: "wed",
  星期四: "thu",
  星期五: "fri",
  星期六: "sat",
  星期日: "sun",
  星期天: "sun",
};

function weekday(word: string): Weekday | null {
  const w = word.trim().toLowerCase().slice(0, 3);
  if ((WEEKDAYS as readonly string[]).includes(w)) return w as Weekday;
  return CHINESE_DAYS[word.trim()] ?? null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function dayList(text: string): Weekday[] | null {
  const days: Weekday[] = [];
  for (const part of text.split(/[,，、]/)) {
    const [from, to, ...rest] = part.split(/-|至|~/);
    if (from === undefined || rest.length) return null;
    const a = weekday(from);
    const b = to === undefined ? a : weekday(to);
    if (a === null || b === null) return null;
    const start = WEEKDAYS.indexOf(a);
    const end = WEEKDAYS.indexOf(b);
    if (end < start) return null;
    days.push(...WEEKDAYS.slice(start, end + 1));
  }
  return days;
}

function checkedHours(value: unknown): OpeningHours | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out: OpeningHours = {};
  for (const [day, ranges] of Object.entries(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(day) || !Array.isArray(ranges)) return null;
    const list: Array<[string, string]> = [];
    for (const range of ranges) {
      if (!Array.isArray(range) || range.length !== 2) return null;
      const [from, to] = range as unknown[];
      if (typeof from !== "string" || typeof to !== "string" || !TIME.test(from) || !TIME.test(to) || from >= to)
        return null;
      list.push([from, to]);
    }
    list.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    if (list.some((r, i) => i > 0 && (list[i - 1]?.[1] ?? "") > r[0])) return null;
    if (list.length) out[day as Weekday] = list;
  }
  // Days in week order, whatever order they came in: the same hours are the same JSON.
  return Object.fromEntries(WEEKDAYS.flatMap((day) => (out[day] ? [[day, out[day]]] : [])));
}

/**
 * Opening hours as a cell holds them: `mon-fri 09:00-21:00; sat,sun 10:00-18:00` (several
 * ranges a day separated by spaces, days in English or Chinese, `周一至周五 09:00-21:00`), or the
 * stored JSON. A day left out is closed; a range must end after it starts (up to 24:00) and
 * not overlap another. Null when it cannot be read.
 * @example
 * parseOpeningHours("mon-fri 09:00-12:00 13:00-18:00; sat 10:00-16:00")
 * // { mon: [["09:00","12:00"],["13:00","18:00"]], …, fri: […], sat: [["10:00","16:00"]] }
 */
export function parseOpeningHours(text: string): OpeningHours | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      return checkedHours(JSON.parse(trimmed));
    } catch {
      return null;
    }
  }
  const hours: Record<string, Array<[string, string]>> = {};
  for (const segment of trimmed.split(/[;；]/)) {
    if (segment.trim() === "") continue;
    const match = /^\s*(\S+)\s+(.+)$/.exec(segment);
    if (!match?.[1] || !match[2]) return null;
    const days = dayList(match[1]);
    if (!days) return null;
    const ranges: Array<[string, string]> = [];
    for (const range of match[2].trim().split(/[\s,，]+/)) {
      const [from, to, ...rest] = range.split(/-|–|~|至/);
      if (from === undefined || to === undefined || rest.length) return null;
      ranges.push([from.trim().padStart(5, "0"), to.trim().padStart(5, "0")]);
    }
    for (const day of days) {
      if (hours[day]) return null;
      hours[day] = ranges;
    }
  }
  return checkedHours(hours);
}

/**
 * Opening hours written the way `parseOpeningHours` reads them, days with the same hours
 * grouped (how a change is shown, and how the error file would hold them).
 * @example formatOpeningHours({ mon: [["09:00","21:00"]], tue: [["09:00","21:00"]] }) // "mon-tue 09:00-21:00"
 */
export function formatOpeningHours(hours: OpeningHours | null | undefined): string {
  if (!hours) return "";
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i] as Weekday;
    const ranges = hours[day];
    if (!ranges?.length) {
      i++;
      continue;
    }
    const text = ranges.map(([a, b]) => `${a}-${b}`).join(" ");
    let j = i;
    while (
      j + 1 < WEEKDAYS.length &&
      hours[WEEKDAYS[j + 1] as Weekday]?.map(([a, b]) => `${a}-${b}`).join(" ") === text
    )
      j++;
    parts.push(`${j > i ? `${day}-${WEEKDAYS[j]}` : day} ${text}`);
    i = j + 1;
  }
  return parts.join("; ");
}

// --- Plans ------------------------------------------------------------------------------------

export type ImportAction = "add" | "update" | "unchanged" | "error";

/** What one row of the file does (or why it cannot). `changes` are keyed by column. */
export interface ImportItem {
  line: number;
  /** The row's code (branches) or email (members), as far as it could be read. */
  key: string;
  action: ImportAction;
  changes?: Record<string, { from: unknown; to: unknown }>;
  errors?: CellError[];
}

export interface ImportTotals {
  rows: number;
  add: number;
  update: number;
  unchanged: number;
  /** Rows with at least one error. */
  errors: number;
}

/** A row of the file after its cells were checked: `value` when they all passed. */
export interface CheckedRow<T> {
  line: number;
  /** The fields as the file holds them (for the error file). */
  fields: string[];
  key: string;
  value: T | null;
  errors: CellError[];
}

/**
 * The later rows whose key an earlier row of the file already has, as errors on `column`.
 * Keys compare as given (codes case-sensitively; emails arrive lower-cased).
 */
export function markDuplicates<T>(rows: ReadonlyArray<CheckedRow<T>>, column: string): void {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (row.key === "") continue;
    const line = first.get(row.key);
    if (line === undefined) first.set(row.key, row.line);
    else row.errors.push({ column, code: "duplicate", message: `Line ${line} has the same ${column}` });
  }
}

export function totalsOf(items: readonly ImportItem[]): ImportTotals {
  const totals: ImportTotals = { rows: items.length, add: 0, update: 0, unchanged: 0, errors: 0 };
  for (const item of items) {
    if (item.action === "error") totals.errors += 1;
    else totals[item.action] += 1;
  }
  return totals;
}

function diff(pairs: Record<string, [unknown, unknown]>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [column, [from, to]] of Object.entries(pairs)) {
    if (to === undefined) continue;
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes[column] = { from: from ?? null, to };
  }
  return changes;
}

/** A branch row whose cells passed (absent optional columns are undefined: left as they are). */
export interface BranchImportRow {
  code: string;
  nameEn: string;
  nameZh: string;
  region: string;
  channel: Channel;
  address?: string;
  phone?: string;
  timezone?: string;
  city?: string;
  latitude?: number | null;
  longitude?: number | null;
  openingHours?: OpeningHours | null;
}

/** A branch as the organisation has it now. */
export interface ExistingBranch {
  id: string;
  code: string;
  nameEn: string;
  nameZh: string;
  regionId: string;
  regionCode: string;
  channel: Channel;
  address: string;
  phone: string;
  timezone: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours | null;
  version: number;
}

/** A branch's stored columns after an import row (what a write needs). */
export interface BranchValues {
  code: string;
  nameEn: string;
  nameZh: string;
  regionId: string;
  channel: Channel;
  address: string;
  phone: string;
  timezone: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours | null;
}

export interface BranchPlan {
  items: ImportItem[];
  adds: Array<{ line: number; values: BranchValues }>;
  updates: Array<{ line: number; existing: ExistingBranch; values: BranchValues; changes: ImportItem["changes"] }>;
}

/**
 * What each checked row does to the organisation's branches: matched by code; a region by its
 * code. Rows with errors do nothing (and nothing is written while any row has one).
 */
export function planBranches(
  rows: ReadonlyArray<CheckedRow<BranchImportRow>>,
  existing: ReadonlyMap<string, ExistingBranch>,
  regionIds: ReadonlyMap<string, string>,
): BranchPlan {
  const plan: BranchPlan = { items: [], adds: [], updates: [] };
  for (const row of rows) {
    const errors = [...row.errors];
    const value = row.value;
    const regionId = value ? regionIds.get(value.region) : undefined;
    if (value && regionId === undefined)
      errors.push({ column: "region", code: "unknown_reference", message: `No region with code ${value.region}` });
    if (!value || regionId === undefined || errors.length) {
      plan.items.push({ line: row.line, key: row.key, action: "error", errors });
      continue;
    }
    const old = existing.get(value.code);
    const values: BranchValues = {
      code: value.code,
      nameEn: value.nameEn,
      nameZh: value.nameZh,
      regionId,
      channel: value.channel,
      address: value.address ?? old?.address ?? "",
      phone: value.phone ?? old?.phone ?? "",
      timezone: value.timezone ?? old?.timezone ?? "Asia/Shanghai",
      city: value.city ?? old?.city ?? "",
      latitude: value.latitude !== undefined ? value.latitude : (old?.latitude ?? null),
      longitude: value.longitude !== undefined ? value.longitude : (old?.longitude ?? null),
      openingHours: value.openingHours !== undefined ? value.openingHours : (old?.openingHours ?? null),
    };
    if (!old) {
      plan.items.push({ line: row.line, key: row.key, action: "add" });
      plan.adds.push({ line: row.line, values });
      continue;
    }
    const changes = diff({
      name_en: [old.nameEn, value.nameEn],
      name_zh: [old.nameZh, value.nameZh],
      region: [old.regionCode, value.region],
      channel: [old.channel, value.channel],
      address: [old.address, value.address],
      phone: [old.phone, value.phone],
      timezone: [old.timezone, value.timezone],
      city: [old.city, value.city],
      latitude: [old.latitude, value.latitude],
      longitude: [old.longitude, value.longitude],
      opening_hours: [
        formatOpeningHours(old.openingHours),
        value.openingHours === undefined ? undefined : formatOpeningHours(value.openingHours),
      ],
    });
    if (Object.keys(changes).length === 0) {
      plan.items.push({ line: row.line, key: row.key, action: "unchanged" });
    } else {
      plan.items.push({ line: row.line, key: row.key, action: "update", changes });
      plan.updates.push({ line: row.line, existing: old, values, changes });
    }
  }
  return plan;
}

/** A member row whose cells passed (absent optional columns are undefined). */
export interface MemberImportRow {
  email: string;
  name: string;
  role: Role;
  regions?: string[];
  branches?: string[];
  language?: Locale;
}

/** A member of the organisation as it is now (scope by code). */
export interface ExistingMember {
  membershipId: string;
  userId: string;
  email: string;
  /** What the organisation shows: its label, else the person's own name (accepted) or the email. */
  name: string;
  role: Role;
  regionCodes: string[];
  branchCodes: string[];
  version: number;
}

export interface MemberValues {
  email: string;
  /** The organisation's label for the person. */
  name: string;
  role: Role;
  regionIds: string[];
  branchIds: string[];
  locale: Locale;
}

export interface MemberPlan {
  items: ImportItem[];
  /** New memberships; `userExists`: the email has an account already (left as it is). */
  adds: Array<{ line: number; values: MemberValues; userExists: boolean }>;
  updates: Array<{
    line: number;
    existing: ExistingMember;
    values: MemberValues;
    changes: NonNullable<ImportItem["changes"]>;
    scopeChanged: boolean;
  }>;
}

const sorted = (list: readonly string[]) => [...list].sort();

/**
 * What each checked row does to the organisation's members, matched by email: a new member is
 * invited (an account the email already has is used as it is), an existing one gets the file's
 * label, role and scope; never their own profile (name, password, language). An admin cannot
 * change their own role. The scope must fit the role (`checkScope`): regions and branches by code.
 */
export function planMembers(
  rows: ReadonlyArray<CheckedRow<MemberImportRow>>,
  context: {
    members: ReadonlyMap<string, ExistingMember>;
    /** Emails with an account on the platform. */
    accounts: ReadonlySet<string>;
    regionIds: ReadonlyMap<string, string>;
    branchIds: ReadonlyMap<string, string>;
    /** The importing admin's own user id. */
    actorUserId: string;
  },
): MemberPlan {
  const plan: MemberPlan = { items: [], adds: [], updates: [] };
  for (const row of rows) {
    const errors = [...row.errors];
    const value = row.value;
    if (!value || errors.length) {
      plan.items.push({ line: row.line, key: row.key, action: "error", errors });
      continue;
    }
    const old = context.members.get(value.email);
    const roleChanged = old !== undefined && old.role !== value.role;
    const regionCodes = value.regions ?? (old && !roleChanged ? old.regionCodes : []);
    const branchCodes = value.branches ?? (old && !roleChanged ? old.branchCodes : []);
    const lookup = (codes: string[], ids: ReadonlyMap<string, string>, column: string, what: string) => {
      const missing = codes.filter((c) => !ids.has(c));
      if (missing.length)
        errors.push({ column, code: "unknown_reference", message: `No ${what} with code ${missing.join(", ")}` });
      return codes.flatMap((c) => ids.get(c) ?? []);
    };
    const regionIds = lookup(regionCodes, context.regionIds, "regions", "region");
    const branchIds = lookup(branchCodes, context.branchIds, "branches", "branch");
    for (const problem of checkScope(value.role, { regionIds: regionCodes, branchIds: branchCodes }))
      errors.push({
        column: problem.path === "regionIds" ? "regions" : "branches",
        code: problem.code,
        message: problem.message,
      });
    if (old && roleChanged && old.userId === context.actorUserId)
      errors.push({
        column: "role",
        code: "not_allowed",
        message: "You cannot change your own role; ask another admin",
      });
    if (errors.length) {
      plan.items.push({ line: row.line, key: row.key, action: "error", errors });
      continue;
    }
    const values: MemberValues = {
      email: value.email,
      name: value.name,
      role: value.role,
      regionIds,
      branchIds,
      locale: value.language ?? "en",
    };
    if (!old) {
      plan.items.push({ line: row.line, key: row.key, action: "add" });
      plan.adds.push({ line: row.line, values, userExists: context.accounts.has(value.email) });
      continue;
    }
    const changes = diff({
      name: [old.name, value.name],
      role: [old.role, value.role],
      regions: [sorted(old.regionCodes), sorted(regionCodes)],
      branches: [sorted(old.branchCodes), sorted(branchCodes)],
    });
    if (Object.keys(changes).length === 0) {
      plan.items.push({ line: row.line, key: row.key, action: "unchanged" });
    } else {
      plan.items.push({ line: row.line, key: row.key, action: "update", changes });
      plan.updates.push({
        line: row.line,
        existing: old,
        values,
        changes,
        scopeChanged: changes.regions !== undefined || changes.branches !== undefined,
      });
    }
  }
  return plan;
}

// --- Error texts (the error file) -------------------------------------------------------------

const ZH_PROBLEMS: Record<string, string> = {
  required: "必填",
  too_small: "太短",
  too_big: "太长",
  invalid_format: "格式不对",
  invalid_characters: "含有不允许的字符（换行、制表符或控制字符）",
  invalid_value: "不是允许的值",
  invalid_type: "不是允许的值",
  unknown_field: "未知的列",
  duplicate: "与文件中另一行重复",
  unknown_reference: "找不到这个编码",
  not_allowed: "不允许",
  missing_column: "缺少这一列",
  too_many_fields: "字段比表头多",
};

/** A column's Chinese header (its first Chinese alias), for Chinese error texts. */
function chineseHeader(column: string): string {
  for (const spec of [...BRANCH_COLUMNS, ...MEMBER_COLUMNS]) {
    if (spec.name === column) return spec.aliases.find((a) => /[\u4e00-\u9fff]/.test(a)) ?? column;
  }
  return column === "row" ? "整行" : column;
}

/**
 * A row's errors as one cell of the error file, in the reader's language (the English message
 * is the API's; the Chinese one is said by code, with the English detail after it).
 * @example errorText([{ column: "region", code: "unknown_reference", message: "No region with code X" }], "en")
 * // "region: No region with code X"
 */
export function errorText(errors: readonly CellError[], locale: Locale): string {
  return errors
    .map((e) =>
      locale === "zh"
        ? `${chineseHeader(e.column)}（${e.column}）：${ZH_PROBLEMS[e.code] ?? e.code}${e.limit !== undefined ? `（${e.limit}）` : ""} — ${e.message}`
        : `${e.column}: ${e.message}`,
    )
    .join("; ");
}
