/**
 * A branch's opening hours as the branch form takes them and the branch page shows them: the
 * import's text format (`formatOpeningHours`), with the days in the current language. The API
 * reads either language back (`parseOpeningHours`).
 */
import { formatOpeningHours, type OpeningHours } from "../../../worker/domain/imports";
import { locale } from "../../lib/i18n";

const CHINESE_DAYS: Record<string, string> = {
  mon: "周一",
  tue: "周二",
  wed: "周三",
  thu: "周四",
  fri: "周五",
  sat: "周六",
  sun: "周日",
};

/**
 * @example hoursText({ mon: [["09:00", "21:00"]], tue: [["09:00", "21:00"]] }) // "mon-tue 09:00-21:00", in Chinese "周一-周二 09:00-21:00"
 */
export function hoursText(hours: OpeningHours | null | undefined): string {
  const text = formatOpeningHours(hours);
  return locale() === "zh"
    ? text.replace(/\b(mon|tue|wed|thu|fri|sat|sun)\b/g, (day) => CHINESE_DAYS[day] ?? day)
    : text;
}
