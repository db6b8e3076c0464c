/** The CSV reader of bulk imports: RFC 4180 quoting, the line ends spreadsheets write, BOM, line numbers. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRows } from "../../worker/lib/csv";
import { CsvSyntaxError, readCsv } from "../../worker/lib/csv-read";

const fields = (text: string) => readCsv(text).map((r) => r.fields);

describe("readCsv", () => {
  it("reads CRLF records, keeping text as text (leading zeros, spaces inside)", () => {
    expect(readCsv("code,name\r\n007,Wang Fu\r\n")).toEqual([
      { line: 1, fields: ["code", "name"] },
      { line: 2, fields: ["007", "Wang Fu"] },
    ]);
  });

  it("accepts LF and CR line ends and a last record without one", () => {
    expect(fields("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(fields("a,b\rc,d\r")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("drops the byte-order mark", () => {
    expect(fields("\uFEFFcode\r\n001\r\n")).toEqual([["code"], ["001"]]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, counting lines", () => {
    const records = readCsv('a,b\r\n"x, y","He said ""hi"""\r\n"two\r\nlines",z\r\nlast,1\r\n');
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'He said "hi"'] },
      { line: 3, fields: ["two\r\nlines", "z"] },
      { line: 5, fields: ["last", "1"] },
    ]);
  });

  it("keeps empty fields and leaves out blank lines (their lines still count)", () => {
    expect(readCsv("a,b,c\r\n,,\r\n\r\n1,,3\r\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 4, fields: ["1", "", "3"] },
    ]);
    expect(fields("a,\r\n")).toEqual([["a", ""]]);
    expect(fields("")).toEqual([]);
  });

  it("reads Chinese text as it is", () => {
    expect(fields("编码,中文名称\r\n001,王府井店\r\n")).toEqual([
      ["编码", "中文名称"],
      ["001", "王府井店"],
    ]);
  });

  it("names the line of a quote left open and of text after a closing quote", () => {
    const at = (text: string) => {
      try {
        readCsv(text);
      } catch (error) {
        if (error instanceof CsvSyntaxError) return [error.line, error.message];
      }
      return null;
    };
    expect(at('a\r\nb\r\n"open,\r\nstill\r\n')).toEqual([3, "A quoted field is not closed"]);
    expect(at('a,b\r\n"x"y,z\r\n')).toEqual([2, "Text after a closing quote; put the whole field in quotes"]);
  });

  it("reads back whatever the exports' encoder writes (fast-check)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "0", " ", ",", '"', "\r", "\n", "中", "é") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        // Start every cell with a letter: the encoder neutralises formulas and strips controls.
        const safe = rows.map((row) => row.map((c) => `x${c}`));
        expect(fields(csvRows(safe))).toEqual(safe);
      }),
    );
  });
});
