/** 购物者复核页上访问时间规则的中文说明（结构与 en.ts 相同）。 */
import type { VisitTimesDictionary } from "./en";

export const visitTimesZh: VisitTimesDictionary = {
  outsideWindow:
    "访问须在 {{ start }} 至 {{ end }}（门店当地日期）之间开始。如果你确实在此期间到访，请更正开始时间；不在此期间的访问无法提交。",
  inFuture: "访问时间不能晚于现在，请检查时间。",
  tooLong: "一次访问最长 12 小时，请检查结束时间。",
  day: "日期",
  hour: "时",
  minute: "分",
};
