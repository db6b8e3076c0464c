/**
 * The audit-round pages' translator (`tr`), the unstaffed reasons as sentences in the app's
 * language (built from the reason's fields, not the API's English sentence), money and dates.
 * Only those (lazy) pages import this.
 */
import type { FieldProblem } from "../../lib/api";
import { fieldErrorMessage } from "../../lib/field-errors";
import { localName } from "../../lib/formats";
import { defineDictionary, intlLocale } from "../../lib/i18n";
import type { ReasonGroup } from "./round-queries";
import type { RoundsDictionary } from "./strings/rounds-en";
import { utcDay } from "./window-days";

const dictionary = defineDictionary<RoundsDictionary>({
  en: () => import("./strings/rounds-en").then((m) => m.roundsEn),
  zh: () => import("./strings/rounds-zh").then((m) => m.roundsZh),
});
await dictionary.ready;

/** `tr("list.title")`, `tr("preview.visitCount", 3)`. */
export const tr = dictionary.t;

const DEFAULT_STRATA = ["weekday-morning", "weekday-afternoon", "weekend", "any"] as const;

/** A day-part's name in the app's language: the default keys translated, any other as typed. */
export function stratumLabel(key: string): string {
  const known = DEFAULT_STRATA.find((k) => k === key);
  return known ? tr(`strataNames.${known}`) : key;
}

/** The staffing rules in the order the scheduler tries them (docs/ROUNDS.md). */
const RULES = [
  "inactive",
  "noChannel",
  "noRegion",
  "excluded",
  "belowRating",
  "sameRound",
  "lockedOut",
  "dailyMax",
  "weeklyMax",
] as const;

/**
 * Why a group of visits is unstaffed, in the current language: where, which week, and how many
 * shoppers failed each rule, most first.
 * @example reasonSentence(group) // "2 visits in South, week 2026-W12: none of 4 shoppers eligible — 3 locked out by rotation, 1 at the weekly maximum."
 */
export function reasonSentence(group: ReasonGroup): string {
  const where = {
    visits: tr("preview.visitCount", group.visits),
    region: localName(group.regionName),
    week: group.week,
  };
  if (group.shoppers === 0) return tr("preview.noShoppers", where);
  const rules = RULES.filter((rule) => group.counts[rule] > 0)
    .sort((a, b) => group.counts[b] - group.counts[a] || RULES.indexOf(a) - RULES.indexOf(b))
    .map((rule) => tr(`rules.${rule}`, { n: group.counts[rule] }))
    .join(tr("preview.separator"));
  return tr("preview.reason", { ...where, shoppers: group.shoppers, rules });
}

/** "120.50" for 12050 cents, in the app's language. */
export function formatCents(cents: number): string {
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    cents / 100,
  );
}

/** Cents from what the admin typed ("120.5" → 12050); undefined when it is not an amount. */
export function parseCents(text: string): number | undefined {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 100);
}

const dayFormat = () => new Intl.DateTimeFormat(intlLocale(), { dateStyle: "medium", timeZone: "UTC" });

/** A round's period: "1–31 Mar 2026". */
export function formatPeriod(from: string, to: string): string {
  const a = utcDay(from);
  const b = utcDay(to);
  if (!a || !b) return `${from} – ${to}`;
  return a.getTime() === b.getTime() ? dayFormat().format(a) : dayFormat().formatRange(a, b);
}

/** A problem with one field of the round form, worded for that form. */
export function roundFieldError(error: FieldProblem): string {
  const path = error.path;
  if (error.code === "required") return tr("fieldErrors.required");
  if (path.startsWith("period")) {
    if (error.code === "invalid_format") return tr("fieldErrors.date");
    if (path === "period.to" && error.code === "too_small" && error.limit !== undefined)
      return tr("fieldErrors.periodShort", { days: error.limit });
    if (path === "period.to" && error.code === "invalid_value") return tr("fieldErrors.periodEnd");
  }
  if (path === "strata" && error.code === "invalid_value") return tr("fieldErrors.shares");
  if (error.code === "no_day_for_stratum") return tr("fieldErrors.noDay");
  if (error.code === "gap_unreachable") return tr("fieldErrors.gap");
  if (error.code === "no_branches") return tr("fieldErrors.noBranches");
  if (error.code === "no_scenario_for_channel") return tr("fieldErrors.noScenario");
  if (path === "checklistId") return tr("fieldErrors.checklist");
  if (path.startsWith("blackoutDates") && error.code === "invalid_format") return tr("fieldErrors.date");
  return fieldErrorMessage(error);
}
