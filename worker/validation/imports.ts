/**
 * Bulk import files (docs/IMPORTS.md): the query of the import routes, and the cell checks of
 * each row, with the same field rules as the forms (`common.ts`). A cell's problem is named by
 * its column, with the API's field codes.
 */
import { z } from "zod";
import type { ImportKind } from "../../schema/enums";
import {
  type BranchImportRow,
  type CellError,
  type CheckedRow,
  coordinatePairProblem,
  MAX_IMPORT_ROWS,
  type MemberImportRow,
  markDuplicates,
  readHeader,
  rowCells,
} from "../domain/imports";
import { type CsvRecord, CsvSyntaxError, readCsv } from "../lib/csv-read";
import { toFieldErrors } from "../lib/validate";
import { COORDINATE_PAIR_MESSAGE, city, latitude, longitude, openingHoursText } from "./branches";
import {
  booleanQuery,
  channel,
  code,
  email,
  id,
  locale,
  MAX_SCOPE_ITEMS,
  optionalText,
  phone,
  role,
  text,
  timezone,
} from "./common";

export const importQuery = z.strictObject({
  /** `true`: check and answer what would happen, write nothing. */
  dryRun: booleanQuery,
  /** A commit's id, made by the client (a UUID): the same id again answers with that import. */
  id: z.uuid().optional(),
  /** The language of the error file's texts (the web sends the one on screen). */
  lang: locale.optional(),
});

export const importIdParam = z.object({ id });

/** Words a spreadsheet may hold for our values, in either language (lower-cased). */
const CHANNEL_WORDS: Record<string, string> = { 门店: "store", 呼叫中心: "call_centre", "call centre": "call_centre" };
const LANGUAGE_WORDS: Record<string, string> = { english: "en", chinese: "zh", 英文: "en", 中文: "zh", 英语: "en" };
const ROLE_WORDS: Record<string, string> = {
  管理员: "admin",
  分析师: "analyst",
  区域经理: "regional_manager",
  分店经理: "branch_manager",
  店长: "branch_manager",
  审核员: "reviewer",
  神秘顾客: "shopper",
};
const word = (words: Record<string, string>) => (value: unknown) => {
  if (typeof value !== "string") return value;
  const key = value.trim().toLowerCase();
  return words[key] ?? key;
};

/** An empty cell as "no value" (null); otherwise the schema's. */
const orNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

/** A coordinate as a cell holds it (a decimal), then the branches API's rule for it. */
const coordinate = (rule: typeof latitude) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d{1,3}(\.\d{1,8})?$/, "Write a decimal number, such as 39.9087")
    .transform(Number)
    .pipe(rule);

/** A list of codes in one cell, separated by `;`, `,`, `|` or spaces. */
const codeList = z
  .string()
  .transform((v) => v.split(/[;,|\s，；、]+/).filter((c) => c !== ""))
  .pipe(z.array(code).max(MAX_SCOPE_ITEMS));

const branchCells = z.object({
  code,
  name_en: text(120),
  name_zh: text(120),
  region: code,
  channel: z.preprocess(word(CHANNEL_WORDS), channel),
  address: optionalText(300).optional(),
  phone: phone.optional(),
  /** Empty: the default zone. */
  timezone: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? "Asia/Shanghai" : v), timezone).optional(),
  city: city.optional(),
  latitude: orNull(coordinate(latitude)).optional(),
  longitude: orNull(coordinate(longitude)).optional(),
  opening_hours: orNull(openingHoursText).optional(),
});

const memberCells = z.object({
  email,
  name: text(100),
  role: z.preprocess(word(ROLE_WORDS), role),
  regions: codeList.optional(),
  branches: codeList.optional(),
  /** Empty: English. */
  language: z.preprocess((v) => (v === "" ? "en" : word(LANGUAGE_WORDS)(v)), locale).optional(),
});

/** The cells' errors by column; an empty cell that must not be is `required`, once. */
function cellErrors(error: z.ZodError, cells: Record<string, string>): CellError[] {
  const out: CellError[] = [];
  for (const { path, code: fieldCode, message, limit } of toFieldErrors(error, cells)) {
    const column = path.replace(/\[\d+\]$/, "");
    if ((cells[column] ?? "").trim() === "") {
      if (!out.some((e) => e.column === column)) out.push({ column, code: "required", message: "Required" });
      continue;
    }
    out.push({ column, code: fieldCode, message, ...(limit !== undefined ? { limit } : {}) });
  }
  return out;
}

function checkBranch(cells: Record<string, string>): { value: BranchImportRow | null; errors: CellError[] } {
  const result = branchCells.safeParse(cells);
  if (!result.success) return { value: null, errors: cellErrors(result.error, cells) };
  const v = result.data;
  const errors: CellError[] = [];
  const missing = coordinatePairProblem(v.latitude, v.longitude);
  if (missing) errors.push({ column: missing, code: "required", message: COORDINATE_PAIR_MESSAGE });
  return {
    value: errors.length
      ? null
      : {
          code: v.code,
          nameEn: v.name_en,
          nameZh: v.name_zh,
          region: v.region,
          channel: v.channel,
          address: v.address,
          phone: v.phone,
          timezone: v.timezone,
          city: v.city,
          latitude: v.latitude,
          longitude: v.longitude,
          openingHours: v.opening_hours,
        },
    errors,
  };
}

function checkMember(cells: Record<string, string>): { value: MemberImportRow | null; errors: CellError[] } {
  const result = memberCells.safeParse(cells);
  if (!result.success) return { value: null, errors: cellErrors(result.error, cells) };
  const v = result.data;
  return {
    value: {
      email: v.email,
      name: v.name,
      role: v.role,
      regions: v.regions,
      branches: v.branches,
      language: v.language,
    },
    errors: [],
  };
}

/** A file-level problem: the file cannot be read as an import at all (or holds too many rows). */
export interface ImportFileProblem {
  line: number;
  error: CellError;
}

export interface ImportFile<T> {
  /** The header as the file has it (for the error file). */
  header: string[];
  rows: Array<CheckedRow<T>>;
  /** Problems with the file or its header: nothing can be imported while there are any. */
  fileErrors: ImportFileProblem[];
  /** More data rows than `MAX_IMPORT_ROWS`: the route refuses the file (413). */
  tooManyRows: boolean;
}

/**
 * Reads and checks a file's text: the header (English or Chinese column names), then every
 * row's cells, and duplicates of a key (branch code, member email) within the file.
 */
export function checkImportFile(kind: "branches", text: string): ImportFile<BranchImportRow>;
export function checkImportFile(kind: "members", text: string): ImportFile<MemberImportRow>;
export function checkImportFile(kind: ImportKind, text: string): ImportFile<BranchImportRow | MemberImportRow>;
export function checkImportFile(kind: ImportKind, text: string): ImportFile<BranchImportRow | MemberImportRow> {
  let records: CsvRecord[];
  try {
    records = readCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      header: [],
      rows: [],
      fileErrors: [{ line: error.line, error: { column: "file", code: "invalid_format", message: error.message } }],
      tooManyRows: false,
    };
  }
  const [head, ...data] = records;
  if (!head) {
    return {
      header: [],
      rows: [],
      fileErrors: [{ line: 1, error: { column: "file", code: "required", message: "The file is empty" } }],
      tooManyRows: false,
    };
  }
  const tooManyRows = data.length > MAX_IMPORT_ROWS;
  const fileErrors: ImportFileProblem[] = [];
  if (head.fields.length === 1 && /[;\t]/.test(head.fields[0] ?? ""))
    fileErrors.push({
      line: head.line,
      error: { column: "file", code: "invalid_format", message: "Separate the columns with commas (CSV)" },
    });
  else for (const error of readHeader(kind, head.fields).errors) fileErrors.push({ line: head.line, error });
  if (data.length === 0 && fileErrors.length === 0)
    fileErrors.push({ line: head.line, error: { column: "file", code: "required", message: "The file has no rows" } });
  if (fileErrors.length || tooManyRows) return { header: head.fields, rows: [], fileErrors, tooManyRows };

  const { columns } = readHeader(kind, head.fields);
  const check = kind === "branches" ? checkBranch : checkMember;
  const keyColumn = kind === "branches" ? "code" : "email";
  const rows = data.map((record): CheckedRow<BranchImportRow | MemberImportRow> => {
    const { cells, errors } = rowCells(record.fields, columns);
    const checked = check(cells);
    const key = checked.value
      ? kind === "branches"
        ? (checked.value as BranchImportRow).code
        : (checked.value as MemberImportRow).email
      : (cells[keyColumn] ?? "").trim();
    return {
      line: record.line,
      fields: record.fields,
      key: kind === "members" ? key.toLowerCase() : key,
      value: errors.length ? null : checked.value,
      errors: [...errors, ...checked.errors],
    };
  });
  markDuplicates(rows, keyColumn);
  return { header: head.fields, rows, fileErrors, tooManyRows: false };
}
