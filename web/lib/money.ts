/**
 * Amounts of money as the API sends them: whole minor units (cents, fen) of the organisation's
 * currency (ISO 4217). Only lazy pages import this (payouts, earnings): not the first download.
 */
import { intlLocale } from "./i18n";

const formats = new Map<string, Intl.NumberFormat>();

function formatOf(currency: string): Intl.NumberFormat {
  const key = `${intlLocale()} ${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(), { style: "currency", currency });
    formats.set(key, format);
  }
  return format;
}

/**
 * An amount in minor units, in the app's language, with the currency's own decimals.
 * @example formatMoney(12050, "CNY") // "CN¥120.50" in English, "¥120.50" in Chinese
 */
export function formatMoney(minor: number, currency: string): string {
  const format = formatOf(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * Minor units from what someone typed ("120.5" → 12050 for two decimals); undefined when it is
 * not an amount (the API then names the field). Separators (comma, full-width comma, space) are
 * dropped only where they group thousands: a decimal comma ("12,5") is refused, never read as 125.
 */
export function parseMoney(text: string, currency: string): number | undefined {
  const digits = formatOf(currency).resolvedOptions().maximumFractionDigits ?? 2;
  const typed = text.trim();
  const whole = typed.split(".")[0] ?? "";
  if (/[,\s，]/.test(whole) && !/^\d{1,3}([,\s，]\d{3})+$/.test(whole)) return undefined;
  const trimmed = typed.replace(/[,\s，]/g, "");
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 10 ** digits);
}
