/** 任务广场页面（/jobs）的中文文案，与 en.ts 结构相同。 */
import type { JobsDictionary } from "./en";

export const jobsZh: JobsDictionary = {
  title: "任务广场",
  intro: "你可以领取的走访任务，先到先得。",
  claims: "你已从任务广场领取 {{ open }} 个走访（上限 {{ limit }} 个）。",
  loading: "正在加载任务广场…",
  failed: "无法加载任务广场。请检查网络后重试。",
  empty: "目前任务广场上没有适合你的走访。",
  fee: "酬劳 {{ fee }}",
  cap: "费用报销上限 {{ cap }}",
  earnings: "我的收入",
  claim: "领取",
  claiming: "正在领取…",
  claimed: "领取成功：该走访已加入你的列表。",
  open: "查看走访",
  errors: {
    already_taken: "这个走访已被其他暗访员抢先领取。",
    not_eligible: "你不能领取这个走访：{{ reason }}",
    claim_limit_reached: "你从任务广场领取的走访已达上限。请先完成或退回一个。",
    other: "领取失败，请重试。",
  },
  reasons: {
    inactive: "你的成员身份未启用。",
    noChannel: "你不负责这类走访。",
    noRegion: "你不负责这个区域。",
    excluded: "你不得走访这家门店。",
    belowRating: "你的评分低于本轮要求。",
    sameRound: "本轮你在这家门店已有一个走访。",
    lockedOut: "你最近刚走访过这家门店。",
    dailyMax: "这几天中有一天你的走访已达每日上限。",
    weeklyMax: "那一周你的走访已达每周上限。",
    windowPassed: "走访日期已过。",
  },
};
