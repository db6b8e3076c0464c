/**
 * Reading CSV files people make in spreadsheets (bulk import, docs/IMPORTS.md): RFC 4180 records
 * separated by commas, a field in double quotes may hold commas, line breaks and doubled quotes.
 * What Excel and other tools write beyond the RFC is accepted: LF or CR line ends as well as
 * CRLF, and a last record without a line end. What cannot be read without guessing is an error
 * naming its line: a quote left open at the end of the file, or text after a closing quote.
 *
 * Why our own reader: the node-csv project's `csv-parse` (sibling of the `csv-stringify` we write
 * with) and papaparse are not among the project's packages; this is ~80 lines, with unit tests
 * (tests/unit/csv-read.test.ts), and runs the same in the Worker and the browser.
 */

/** One record and the line of the file it starts on (1-based; quoted line breaks count). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file that is not CSV we can read, and where. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * The records of a CSV text (the byte-order mark, if any, already removed by the decoder or
 * here). Records whose fields are all empty (blank lines) are left out.
 *
 * @example
 * readCsv('code,name\r\n007,"Wang, ""Fu"""\r\n')
 * // [{ line: 1, fields: ["code", "name"] }, { line: 2, fields: ["007", 'Wang, "Fu"'] }]
 */
export function readCsv(input: string): CsvRecord[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    if (fields.some((f) => f !== "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i <= n) {
    // One field starts at i.
    let field = "";
    if (text[i] === '"') {
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(openedOn, "A quoted field is not closed");
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        field += ch;
        i++;
      }
      const next = text[i];
      if (i < n && next !== "," && next !== "\r" && next !== "\n")
        throw new CsvSyntaxError(line, "Text after a closing quote; put the whole field in quotes");
    } else {
      let end = i;
      while (end < n && text[end] !== "," && text[end] !== "\r" && text[end] !== "\n") end++;
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field);
    if (i >= n) {
      endRecord();
      break;
    }
    const sep = text[i];
    if (sep === ",") {
      i++;
      continue;
    }
    // A line end: CRLF, LF or CR.
    i += sep === "\r" && text[i + 1] === "\n" ? 2 : 1;
    line++;
    endRecord();
    recordLine = line;
    if (i >= n) break;
  }
  return records;
}
