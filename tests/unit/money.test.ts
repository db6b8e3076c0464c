/**
 * Amounts a shopper types for an expense (web/lib/money.ts): thousands separators are dropped
 * only where they group thousands, so a decimal comma ("12,5") is refused rather than read as
 * 125 (a user walking the earnings page claimed ten times what they spent).
 */
import { describe, expect, it } from "vitest";
import { parseMoney } from "../../web/lib/money";

describe("parseMoney", () => {
  it("reads plain amounts in minor units", () => {
    expect(parseMoney("120.5", "CNY")).toBe(12050);
    expect(parseMoney(" 38.50 ", "CNY")).toBe(3850);
    expect(parseMoney("7", "CNY")).toBe(700);
  });

  it("drops separators that group thousands", () => {
    expect(parseMoney("1,234.50", "CNY")).toBe(123450);
    expect(parseMoney("1，234", "CNY")).toBe(123400);
    expect(parseMoney("12 345", "CNY")).toBe(1234500);
  });

  it("refuses a comma that does not group thousands", () => {
    expect(parseMoney("12,5", "CNY")).toBeUndefined();
    expect(parseMoney("38,50", "CNY")).toBeUndefined();
    expect(parseMoney("1,23,4", "CNY")).toBeUndefined();
    expect(parseMoney("1234,567", "CNY")).toBeUndefined();
  });

  it("refuses what is no amount", () => {
    expect(parseMoney("", "CNY")).toBeUndefined();
    expect(parseMoney("abc", "CNY")).toBeUndefined();
    expect(parseMoney("1.234", "CNY")).toBeUndefined();
  });
});
