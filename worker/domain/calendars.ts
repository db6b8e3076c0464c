/**
 * Default business-day calendars (docs/COMPLAINTS.md, "The calendar").
 *
 * China: the State Council General Office's notice on the 2026 public holidays
 * (国务院办公厅关于2026年部分节假日安排的通知, 4 November 2025, published by Xinhua): each holiday
 * that falls on a weekday is a `holiday`, each weekend day worked instead (调休上班) a `workday`.
 * Weekend days inside a holiday need no row (they are off anyway).
 *
 * 2027: the State Council had not published (or we could not find) its 2027 notice when this was
 * written, so no 2027 date is seeded. An admin adds them with PUT /api/v1/organization/calendar
 * once the notice is out; never guess them (the adjusted working days cannot be derived).
 */
import type { CalendarDayKind } from "../../schema/enums";

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  nameEn: string;
  nameZh: string;
}

const NEW_YEAR = { nameEn: "New Year's Day", nameZh: "元旦" };
const SPRING = { nameEn: "Spring Festival", nameZh: "春节" };
const QINGMING = { nameEn: "Qingming Festival", nameZh: "清明节" };
const LABOUR = { nameEn: "Labour Day", nameZh: "劳动节" };
const DRAGON_BOAT = { nameEn: "Dragon Boat Festival", nameZh: "端午节" };
const MID_AUTUMN = { nameEn: "Mid-Autumn Festival", nameZh: "中秋节" };
const NATIONAL = { nameEn: "National Day", nameZh: "国庆节" };

function off(dates: string[], names: { nameEn: string; nameZh: string }): CalendarDay[] {
  return dates.map((date) => ({ date, kind: "holiday", ...names }));
}

function worked(dates: string[], names: { nameEn: string; nameZh: string }): CalendarDay[] {
  return dates.map((date) => ({
    date,
    kind: "workday",
    nameEn: `Working day (${names.nameEn})`,
    nameZh: `${names.nameZh}调休上班`,
  }));
}

/**
 * China 2026 (State Council notice of 4 November 2025). Weekdays off and weekend days worked:
 * - New Year: 1–3 Jan off; Sun 4 Jan worked.
 * - Spring Festival: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb worked.
 * - Qingming: 4–6 Apr off. Labour Day: 1–5 May off; Sat 9 May worked.
 * - Dragon Boat: 19–21 Jun off. Mid-Autumn: 25–27 Sep off.
 * - National Day: 1–7 Oct off; Sun 20 Sep and Sat 10 Oct worked.
 */
export const CHINA_2026: readonly CalendarDay[] = [
  ...off(["2026-01-01", "2026-01-02"], NEW_YEAR),
  ...worked(["2026-01-04"], NEW_YEAR),
  ...worked(["2026-02-14"], SPRING),
  ...off(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"], SPRING),
  ...worked(["2026-02-28"], SPRING),
  ...off(["2026-04-06"], QINGMING),
  ...off(["2026-05-01", "2026-05-04", "2026-05-05"], LABOUR),
  ...worked(["2026-05-09"], LABOUR),
  ...off(["2026-06-19"], DRAGON_BOAT),
  ...off(["2026-09-25"], MID_AUTUMN),
  ...worked(["2026-09-20"], NATIONAL),
  ...off(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"], NATIONAL),
  ...worked(["2026-10-10"], NATIONAL),
];

/** Every official Chinese calendar day we hold (2027: not yet official, see above). */
export const CHINA_DAYS: readonly CalendarDay[] = [...CHINA_2026];

/** The years the Chinese default calendar covers. */
export const CHINA_YEARS = [2026] as const;

/**
 * The calendar a new organisation starts with: China's for an organisation working in Chinese,
 * none (Monday to Friday) otherwise.
 * @example defaultCalendar("zh").length > 0 // true
 */
export function defaultCalendar(locale: string | null | undefined): readonly CalendarDay[] {
  return locale === "zh" ? CHINA_DAYS : [];
}
