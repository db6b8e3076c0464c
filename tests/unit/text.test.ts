/** Which characters free text may hold (`worker/domain/text.ts`) and the zod helpers built on it. */
import { describe, expect, it } from "vitest";
import { hasAllowedCharacters, stripControlCharacters } from "../../worker/domain/text";
import { toFieldErrors } from "../../worker/lib/validate";
import { multilineText, optionalText, text } from "../../worker/validation/common";

describe("hasAllowedCharacters", () => {
  it("accepts ordinary text of any script, emoji included", () => {
    for (const value of ["Wangfujing 王府井", "Café 😀", "", "'=1+1", "a\u00A0b", "\u200Bzero width"]) {
      expect(hasAllowedCharacters(value, "line")).toBe(true);
      expect(hasAllowedCharacters(value, "multiline")).toBe(true);
    }
  });

  it("refuses every C0 control, DEL and C1 control in a line; tab, LF and CR too", () => {
    for (let code = 0; code < 0xa0; code++) {
      const control = code < 0x20 || (code >= 0x7f && code < 0xa0);
      expect(hasAllowedCharacters(`a${String.fromCharCode(code)}b`, "line"), `U+${code.toString(16)}`).toBe(!control);
    }
  });

  it("keeps tab, LF and CR (so CRLF) in multi-line text, and nothing else of the controls", () => {
    expect(hasAllowedCharacters("Line 1\r\nLine 2\n\tindented\r", "multiline")).toBe(true);
    for (const control of ["\u0000", "\u0007", "\u000B", "\u000C", "\u001B", "\u007F", "\u0085", "\u009F"]) {
      expect(hasAllowedCharacters(`a${control}b`, "multiline")).toBe(false);
    }
  });

  it("refuses lone surrogates but not pairs", () => {
    expect(hasAllowedCharacters("\uD83D\uDE00", "line")).toBe(true);
    for (const value of ["\uD83D", "\uDE00", "a\uD83Db", "\uDE00\uD83D"]) {
      expect(hasAllowedCharacters(value, "multiline")).toBe(false);
    }
  });
});

describe("stripControlCharacters", () => {
  it("removes what is refused anywhere and keeps tab, LF, CR and pairs", () => {
    expect(stripControlCharacters("\u0000=1+1")).toBe("=1+1");
    expect(stripControlCharacters("a\u0007\u007F\u0085\uD800b")).toBe("ab");
    expect(stripControlCharacters("a\r\nb\tc 😀")).toBe("a\r\nb\tc 😀");
  });
});

describe("text helpers", () => {
  const errors = (schema: { safeParse: (v: unknown) => unknown }, value: string) => {
    const result = schema.safeParse(value) as { success: boolean; error?: Parameters<typeof toFieldErrors>[0] };
    return result.success || !result.error ? [] : toFieldErrors(result.error, value).map((e) => e.code);
  };

  it("report invalid_characters, alongside other problems of the same field", () => {
    expect(errors(text(10), "a\u0000b")).toEqual(["invalid_characters"]);
    expect(errors(optionalText(10), "a\nb")).toEqual(["invalid_characters"]);
    expect(errors(multilineText(3), "ab\u0000cd")).toEqual(["too_big", "invalid_characters"]);
    expect(errors(multilineText(10), "a\r\nb")).toEqual([]);
  });

  it("trim surrounding line breaks before checking, as before", () => {
    expect(text(10).parse("\n Name \r\n")).toBe("Name");
  });
});
