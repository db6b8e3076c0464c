/**
 * CSV for spreadsheets: RFC 4180 records (CRLF line ends; a field holding `"`, `,`, CR or LF is
 * quoted, its quotes doubled), UTF-8 with a byte-order mark so Excel reads Chinese correctly,
 * and text cells neutralised against formula injection.
 *
 * Encoding: `csv-stringify` (its synchronous API, `csv-stringify/sync`). It is the well-kept
 * encoder of the node-csv project, has no dependencies, its sync build is plain ESM that runs in
 * workerd (it touches `Buffer` only to check option types, which `nodejs_compat` provides), adds
 * about 30 KB to the Worker and nothing to the web app. The sync API encodes a batch of records
 * to a string, which is all streaming needs: the export writes one page of rows at a time.
 *
 * Neutralisation is done here, not by the library's `escape_formulas`, so the rule is ours and
 * applies to text only: control characters other than tab, LF and CR are removed first (text
 * stored before validation refused them may hold them, and `\0=1+1` must not hide its `=`
 * behind a NUL that a spreadsheet drops), then a string cell starting with `=`, `+`, `-`, `@`,
 * a tab, a CR or an LF (or the full-width `＝ ＋ － ＠`, which some spreadsheets fold to ASCII)
 * gets a leading `'`. Numbers, booleans and `decimal(...)` cells are values we format ourselves
 * and are written as they are, so a negative number stays a number.
 */
import { stringify } from "csv-stringify/sync";
import { stripControlCharacters } from "../domain/text";

/** The UTF-8 byte-order mark, written once at the very start of a file. */
export const BOM = "\uFEFF";

/** A number already formatted by us (e.g. a score with two decimals): written as is. */
export class CsvNumber {
  constructor(readonly text: string) {}
}

/** A cell: text (neutralised), a number, a boolean (`true`/`false`), a formatted number, or empty. */
export type CsvCell = string | number | boolean | CsvNumber | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Removes control characters, then prefixes a single quote to text a spreadsheet would read as
 * a formula. Stripping comes first so nothing invisible can stand in front of the `=`.
 * @example
 * neutralise("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * neutralise("\u0000=1+1") // "'=1+1"
 * neutralise("服务很好") // "服务很好"
 */
export function neutralise(text: string): string {
  const clean = stripControlCharacters(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

/**
 * A number with a fixed count of decimals; null and non-finite numbers give an empty cell.
 * @example decimal(87.456, 2) // CsvNumber { text: "87.46" }
 */
export function decimal(value: number | null | undefined, digits: number): CsvNumber | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : new CsvNumber(value.toFixed(digits));
}

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof CsvNumber) return cell.text;
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return neutralise(cell);
}

/**
 * `quote_record_delimiter` must be set: with an explicit record delimiter the library otherwise
 * quotes only fields holding the whole CRLF, and a lone CR or LF would end the record early.
 */
const OPTIONS = {
  record_delimiter: "windows",
  quote_record_delimiter: true,
  eof: true,
  escape_formulas: false,
  bom: false,
} as const;

/**
 * Encodes records, each ending in CRLF (an empty list gives an empty string).
 * @example
 * csvRows([["id", "comment"], ["a1", 'Said "hi", left']]) // 'id,comment\r\na1,"Said ""hi"", left"\r\n'
 */
export function csvRows(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((row) => row.map(cellText)),
    OPTIONS,
  );
}

/**
 * Encodes one record, ending in CRLF.
 * @example
 * csvRow(["BJ-001", 87.5, true, "-rude"]) // "BJ-001,87.5,true,'-rude\r\n"
 */
export function csvRow(cells: readonly CsvCell[]): string {
  return csvRows([cells]);
}

/**
 * A UTF-8 byte stream of a CSV file: the BOM and `header`, then each chunk `pages` yields, read
 * only when the reader wants more, so a large export never sits in memory whole; stopping the
 * download stops the reading. The first page is read before the stream is returned, so a
 * failure there is still an ordinary error response. A later failure ends the stream with an
 * error (the status line is long gone by then), logged with `label`.
 */
export async function csvStream(
  header: readonly string[],
  pages: AsyncIterator<string, unknown, undefined>,
  label: string,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const first = await pages.next();
  let pending: string | null = BOM + csvRow(header) + (first.done ? "" : first.value);
  let done = first.done === true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Enqueue something or close on every pull: a pull that does neither may never be repeated.
        while (true) {
          if (pending) {
            controller.enqueue(encoder.encode(pending));
            pending = null;
            return;
          }
          if (done) {
            controller.close();
            return;
          }
          const next = await pages.next();
          if (next.done) done = true;
          else pending = next.value;
        }
      } catch (error) {
        console.error(JSON.stringify({ level: "error", message: `${label} export failed`, error: String(error) }));
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return?.();
    },
  });
}
