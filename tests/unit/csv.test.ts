/** The CSV encoder of the exports: RFC 4180 quoting, CRLF, BOM, formula neutralisation. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, CsvNumber, csvRow, csvRows, csvStream, decimal, neutralise } from "../../worker/lib/csv";
import { parseCsv } from "../csv-parse";

describe("csvRow", () => {
  it("ends every record in CRLF and leaves plain fields unquoted", () => {
    expect(csvRow(["a", "b c", "BJ-001"])).toBe("a,b c,BJ-001\r\n");
    expect(csvRows([["a"], ["b"]])).toBe("a\r\nb\r\n");
    expect(csvRows([])).toBe("");
  });

  it("quotes fields holding a quote, a comma, CR or LF, doubling the quotes", () => {
    expect(csvRow(['Said "hi"'])).toBe('"Said ""hi"""\r\n');
    expect(csvRow(["a,b"])).toBe('"a,b"\r\n');
    expect(csvRow(["line 1\nline 2"])).toBe('"line 1\nline 2"\r\n');
    expect(csvRow(["line 1\r\nline 2"])).toBe('"line 1\r\nline 2"\r\n');
    expect(csvRow(["a\rb"])).toBe('"a\rb"\r\n');
  });

  it("writes numbers, booleans, fixed decimals and empty cells as values", () => {
    expect(csvRow([87.5, -1, 0, true, false, null, undefined, decimal(87.456, 2), decimal(null, 2)])).toBe(
      "87.5,-1,0,true,false,,,87.46,\r\n",
    );
    expect(csvRow([Number.NaN, new CsvNumber("100.00")])).toBe(",100.00\r\n");
  });

  it.each([
    ["=", "=SUM(A1:A9)"],
    ["+", "+1+1"],
    ["-", "-2+3"],
    ["@", "@SUM(A1)"],
    ["tab", "\t=1"],
    ["CR", "\r=1"],
    ["full-width =", "＝1+1"],
  ])("neutralises text starting with %s", (_name, text) => {
    expect(neutralise(text)).toBe(`'${text}`);
    expect(parseCsv(csvRow([text]))).toEqual([[`'${text}`]]);
  });

  it.each([
    ["NUL", "\u0000=1+1", "'=1+1"],
    ["several controls", "\u0007\u0000\u001B@SUM(A1)", "'@SUM(A1)"],
    ["DEL and C1", "\u007F\u0085-2+3", "'-2+3"],
    ["a lone surrogate", "\uD800+1", "'+1"],
    ["a control before a line break", "\u0000\n=1", "'\n=1"],
  ])("strips control characters before neutralising (%s)", (_name, text, expected) => {
    expect(neutralise(text)).toBe(expected);
    expect(parseCsv(csvRow([text]))).toEqual([[expected]]);
  });

  it("keeps tabs and line breaks inside text while stripping other controls", () => {
    expect(parseCsv(csvRow(["a\u0000b\r\nc\td"]))).toEqual([["ab\r\nc\td"]]);
  });

  it("leaves other text, and numbers, alone", () => {
    for (const text of ["a=b", "1+1", " =1", "'=1", "服务很好", "", "100%"]) expect(neutralise(text)).toBe(text);
    expect(csvRow([-5, decimal(-1, 2)])).toBe("-5,-1.00\r\n");
  });

  it("keeps Chinese text as it is", () => {
    const text = '店员很热情，"解释"清楚\n谢谢';
    expect(parseCsv(csvRow([text, "北京王府井店"]))).toEqual([[text, "北京王府井店"]]);
  });

  it("round-trips any text through a strict RFC 4180 reader, up to the neutralising quote", () => {
    const cell = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom("a", '"', ",", "\r", "\n", "=", "+", "-", "@", "\t", "'", "中", " "),
        maxLength: 12,
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 5 }), (rows) => {
        const parsed = parseCsv(csvRows(rows));
        expect(parsed).toEqual(rows.map((row) => row.map(neutralise)));
        parsed.forEach((row, r) => {
          row.forEach((value, c) => {
            const original = rows[r]?.[c] ?? "";
            expect(value === original || value === `'${original}`).toBe(true);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("csvStream", () => {
  async function* pages(chunks: string[]) {
    for (const chunk of chunks) yield chunk;
  }

  it("writes the BOM and header first, then every page, skipping empty ones", async () => {
    const stream = await csvStream(["id", "名称"], pages(["a,1\r\n", "", "b,2\r\n"]), "test");
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text).toBe(`${BOM}id,名称\r\na,1\r\nb,2\r\n`);
  });

  it("reads a page only when the reader asks for more", async () => {
    let read = 0;
    async function* counted() {
      for (let i = 0; i < 5; i++) {
        read++;
        yield `${i}\r\n`;
      }
    }
    const stream = await csvStream(["n"], counted(), "test");
    const reader = stream.getReader();
    await reader.read();
    expect(read).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(read).toBeLessThan(5);
  });

  it("lets a failure on the first page reach the caller", async () => {
    async function* broken(): AsyncGenerator<string> {
      yield* [];
      throw new Error("D1 is down");
    }
    await expect(csvStream(["n"], broken(), "test")).rejects.toThrow("D1 is down");
  });
});
