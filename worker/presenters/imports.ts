/**
 * Bulk imports as the API answers them: a dry run's report (per row, totals, the error file)
 * and an import's progress.
 */
import type { ImportKind, ImportStatus, Locale } from "../../schema/enums";
import type { ImportRow } from "../data/imports";
import {
  type CellError,
  type CheckedRow,
  ERROR_COLUMN,
  errorText,
  type ImportItem,
  type ImportTotals,
} from "../domain/imports";
import { BOM, csvRows } from "../lib/csv";

export interface ImportBody {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  /** Data rows in the file. */
  rows: number;
  /** Rows to write (added + updated) and how many are written: the progress bar. */
  toWrite: number;
  done: number;
  summary: { add: number; update: number; unchanged: number };
  createdAt: string;
  finishedAt: string | null;
}

export function presentImport(row: ImportRow): ImportBody {
  const summary = { add: row.summary.add ?? 0, update: row.summary.update ?? 0, unchanged: row.summary.unchanged ?? 0 };
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    rows: row.rows,
    toWrite: summary.add + summary.update,
    done: row.done,
    summary,
    createdAt: new Date(row.createdAt).toISOString(),
    finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt).toISOString(),
  };
}

/** A problem of the file itself (its header, its syntax), on a line. */
export interface FileErrorBody extends CellError {
  line: number;
}

export interface ImportReportBody {
  kind: ImportKind;
  /** SHA-256 of the file as sent. */
  fileHash: string;
  totals: ImportTotals;
  items: ImportItem[];
  fileErrors: FileErrorBody[];
  /**
   * When any row has errors: the file's rows with an `error` column (CSV, UTF-8 with BOM, in
   * the language asked for), to fix and send again; the error column is ignored on reading.
   */
  errorFile: string | null;
  /** The last finished import of this very file, if any (committing it again changes nothing that is unchanged). */
  sameFile: { id: string; finishedAt: string | null } | null;
}

/** The error file: every row of the file as it was, and its errors in the last column. */
export function errorFile(
  header: readonly string[],
  rows: ReadonlyArray<CheckedRow<unknown>>,
  items: readonly ImportItem[],
  locale: Locale,
): string {
  const byLine = new Map(items.map((item) => [item.line, item]));
  const width = header.length;
  const records = rows.map((row) => {
    const fields = Array.from({ length: Math.max(width, row.fields.length) }, (_, i) => row.fields[i] ?? "");
    return [...fields.slice(0, width), errorText(byLine.get(row.line)?.errors ?? [], locale)];
  });
  return BOM + csvRows([[...header, ERROR_COLUMN], ...records]);
}

export function presentImportReport(input: {
  kind: ImportKind;
  fileHash: string;
  header: readonly string[];
  rows: ReadonlyArray<CheckedRow<unknown>>;
  items: ImportItem[];
  totals: ImportTotals;
  fileErrors: FileErrorBody[];
  sameFile: { id: string; finishedAt: number | null } | null;
  locale: Locale;
}): ImportReportBody {
  return {
    kind: input.kind,
    fileHash: input.fileHash,
    totals: input.totals,
    items: input.items,
    fileErrors: input.fileErrors,
    errorFile: input.totals.errors > 0 ? errorFile(input.header, input.rows, input.items, input.locale) : null,
    sameFile: input.sameFile
      ? {
          id: input.sameFile.id,
          finishedAt: input.sameFile.finishedAt === null ? null : new Date(input.sameFile.finishedAt).toISOString(),
        }
      : null,
  };
}
