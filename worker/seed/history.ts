/**
 * A year of audit history for Demo Retail, so dashboards, trends and branch comparisons have
 * something to show on first start. Local only, like the rest of the demo data: `npm start` /
 * `npm run db:reset` write it after `seedDemo` (scripts/local-db.ts); the API tests' plain demo
 * seed does not (it would slow them down).
 *
 * `generateDemoHistory` is pure and deterministic: a seeded PRNG (mulberry32) and the given
 * `now` decide everything, so the same options always give the same rows. Scores are never
 * made up: every audit's score is what the real `scoreAudit` returns for its answers, and every
 * report passes `checkSubmission` as the server would judge it. There are no photos in the seed,
 * so items that demand a photo on failure (`honest_about_price`) always pass.
 *
 * Roughly 1,500 published audits over the last 12 months, about 62 per branch, spread evenly
 * over the year with some jitter; each has its own submitted assignment. Shoppers take turns.
 * Visits happen during opening hours in Asia/Shanghai (stores 10:30–21:00, calls 09:15–20:30;
 * calls last minutes, visits half an hour). China keeps no daylight saving time, so local time
 * is UTC+8 throughout.
 *
 * Patterns built in, for a demo to find:
 * - Quality: each branch has a base level; most sit around 0.80–0.90. CC-SH Shanghai Service
 *   Hotline is the best performer all year; HF-001 Hefei Huaihe Road is the weakest store.
 * - Improving over the year: BJ-001 Beijing Wangfujing (the demo branch manager's store, coaching
 *   pays off), HZ-001 Hangzhou Lakeside, CC-GZ Guangzhou Hotline Centre.
 * - Getting worse: GZ-002 Guangzhou Beijing Road (staff turnover; its rare critical failures also
 *   become more frequent), FZ-001 Fuzhou Dongjiekou.
 * - Persistent weak spots:
 *   - BJ-002 Beijing Zhongguancun never explains the return policy unprompted:
 *     `return_policy_explained` is mostly "when asked", "unclear" or "refused", and
 *     `offers_alternatives` is often missed.
 *   - CC-TJ Tianjin Hotline Centre is slow to pick up: `rings_before_answer` is usually 4–7.
 *   - SH-002 Shanghai Xujiahui interrupts customers: `lets_customer_finish` mostly fails and
 *     `confirms_need` often does.
 *   - SZ-003 Shenzhen Nanshan says "I don't know": `no_i_dont_know` and `knows_product` are low.
 *   - CC-SZ Shenzhen Care Centre passes callers around: `no_transfer_runaround` and
 *     `no_not_my_job` are low.
 * - Critical failures: `no_disparaging_remarks` fails in about 1% of audits (more at GZ-002),
 *   which scores the audit 0.
 * - Shoppers mark a little differently: shopper3 is the toughest, shopper6 the most lenient.
 * - Spring Festival: quality dips in the three weeks before Lunar New Year and the week after
 *   (busy stores, stretched call centres; calls ring longer).
 * - N/A as a shopper would use it: return items only in return scenarios, complaint and objection
 *   items only in complaint scenarios, hold items only when put on hold, follow-up items only when
 *   something was left to do, "uses your name" only when the name came up.
 *
 * Open work, so the phone app has something on first sign-in: five open assignments for the
 * first shopper (shopper@demo.test: two due now, two upcoming, one overdue) and three for the
 * second (shopper2@demo.test), windows relative to `now` in local dates.
 *
 * `content_hash`: the SHA-256 (hex) of `canonicalJson` of the report the audit is equivalent
 * to, exactly as the server hashes a real submission. WebCrypto is async, so the generator
 * returns the reports (`submissions`) and `seedDemoHistory` hashes them while writing.
 *
 * The generator works from the checklist documents it is given: any scored item gets an answer
 * of its kind; the item keys above only add the patterns.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Channel } from "../../schema/enums";
import {
  actionItems,
  actions,
  answers,
  assignments,
  audits,
  branches,
  checklists,
  checklistVersions,
  complaints,
  disputeItems,
  disputes,
  earnings,
  notifications,
  organizations,
  payouts,
  reviewMessages,
} from "../../schema/index";
import { type Db, jsonInsertStatements } from "../data/db";
import { appendEventStatementsInBulk } from "../data/events";
import { rebuildRollups } from "../data/rollups";
import { canonicalJson, isLate, localDate, type Submission, type SubmittedAnswer } from "../domain/audits";
import { type ChecklistDocument, type ChecklistItem, isScored, listItems } from "../domain/checklists";
import { DEFAULT_FLAG_THRESHOLDS } from "../domain/quality-flags";
import { publishedContentOf } from "../domain/receipts";
import { type ScoreResult, scoreAudit } from "../domain/scoring";
import { type ChainedEvent, type ChainHead, chainEvents } from "../domain/trail";
import { auditFlags } from "../domain/visit-times";
import { sha256Hex } from "../lib/crypto";
import { signPublication } from "../lib/receipts";
import { DEMO_FOOTFALL, generateDemoComplaints } from "./complaint-history";
import { branchId, DEMO } from "./demo";
import { disputeDemoHistory } from "./dispute-history";
import { payoutDemoHistory } from "./payout-history";
import { flagDemoReports, reviewDemoHistory, type SeedEvent } from "./review-history";

export type AssignmentInsert = typeof assignments.$inferInsert;
export type AuditInsert = typeof audits.$inferInsert;
export type AnswerInsert = typeof answers.$inferInsert;

export interface HistoryVersion {
  id: string;
  document: ChecklistDocument;
  /** The checklist the version belongs to (corrective actions name it). */
  checklistId?: string;
}

/** The published checklist versions the history is filled against, one per channel. */
export type HistoryVersions = Record<Channel, HistoryVersion>;

/** Where the history goes: Demo Retail by default; the API test uses a throwaway copy. */
export interface HistoryTarget {
  organizationId: string;
  /** Branch id by branch code, for every code in HISTORY_BRANCHES. */
  branchIds: Record<string, string>;
  /** Six shoppers. The first two also get open assignments. */
  shopperIds: readonly string[];
  /** Who created the assignments (an admin). */
  createdBy: string | null;
  /** Who reviewed the reports. */
  reviewerId: string;
}

export interface DemoHistoryOptions {
  now: number;
  /** How far back the history goes; 12 unless told. */
  months?: number;
  seed?: number;
  versions: HistoryVersions;
  target?: HistoryTarget;
}

export interface DemoHistory {
  /** Submitted assignments (one per audit), then the open ones. */
  assignments: AssignmentInsert[];
  /** `contentHash` is filled in by `seedDemoHistory`: SHA-256 of canonicalJson(submissions[id]). */
  audits: Array<Omit<AuditInsert, "contentHash">>;
  answers: AnswerInsert[];
  /** By audit id: the report as the phone would have sent it. */
  submissions: Record<string, Submission>;
}

export const HISTORY_TIME_ZONE = "Asia/Shanghai";
const DAY = 86_400_000;
const MINUTE = 60_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const LOCAL_OFFSET = 8 * 60 * MINUTE;

interface BranchProfile {
  code: string;
  channel: Channel;
  /** Typical quality, 0..1: roughly the pass rate of an average item. */
  base: number;
  /** Change of quality from a year ago to now (+ improving, − getting worse). */
  trend: number;
  /** Items this branch is persistently weak on: their pass probability, whatever the quality. */
  weak?: Record<string, number>;
  /** Chance of a disparaging remark (a critical failure) per audit. */
  critical?: number;
  /** Approximate position of a store, for the phone's location fix. */
  at?: [number, number];
}

const store = (code: string, base: number, trend: number, at: [number, number], more: Partial<BranchProfile> = {}) =>
  ({ code, channel: "store", base, trend, at, ...more }) satisfies BranchProfile;
const callCentre = (code: string, base: number, trend: number, more: Partial<BranchProfile> = {}) =>
  ({ code, channel: "call_centre", base, trend, ...more }) satisfies BranchProfile;

/** Demo Retail's 24 branches (worker/seed/demo.ts) and how each behaves. */
export const HISTORY_BRANCHES: readonly BranchProfile[] = [
  store("BJ-001", 0.8, 0.2, [39.9147, 116.4107]),
  store("BJ-002", 0.86, 0, [39.9836, 116.3164], { weak: { return_policy_explained: 0.05, offers_alternatives: 0.3 } }),
  store("TJ-001", 0.84, 0.02, [39.1206, 117.196]),
  store("SJZ-001", 0.82, 0, [38.0428, 114.5149]),
  store("TY-001", 0.81, 0.03, [37.8706, 112.5627]),
  store("JN-001", 0.85, -0.02, [36.6649, 117.0237]),
  callCentre("CC-BJ", 0.86, 0.02),
  callCentre("CC-TJ", 0.84, 0, { weak: { rings_before_answer: 0.15 } }),
  store("SH-001", 0.88, 0, [31.2363, 121.4802]),
  store("SH-002", 0.86, 0, [31.1949, 121.4371], { weak: { lets_customer_finish: 0.25, confirms_need: 0.45 } }),
  store("HZ-001", 0.8, 0.18, [30.2567, 120.1636]),
  store("NJ-001", 0.85, 0, [32.0416, 118.784]),
  store("SZ-001", 0.87, 0.02, [31.3107, 120.624]),
  store("HF-001", 0.72, 0, [31.8686, 117.2858]),
  callCentre("CC-SH", 0.93, 0),
  callCentre("CC-HZ", 0.85, 0.02),
  store("GZ-001", 0.86, 0, [23.1339, 113.3243]),
  store("GZ-002", 0.8, -0.22, [23.1253, 113.2694], { critical: 0.03 }),
  store("SZ-002", 0.84, 0.02, [22.5463, 114.1193]),
  store("SZ-003", 0.85, 0, [22.522, 113.937], { weak: { no_i_dont_know: 0.4, knows_product: 0.55 } }),
  store("XM-001", 0.87, 0, [24.4561, 118.0782]),
  store("FZ-001", 0.86, -0.16, [26.0857, 119.2969]),
  callCentre("CC-GZ", 0.79, 0.2),
  callCentre("CC-SZ", 0.84, 0, { weak: { no_transfer_runaround: 0.35, no_not_my_job: 0.55 } }),
];

function demoUser(email: string): string {
  const id = DEMO.users[email];
  if (!id) throw new Error(`No demo user ${email}`);
  return id;
}

/** Demo Retail as seeded by worker/seed/demo.ts. */
export const DEMO_HISTORY_TARGET: HistoryTarget = {
  organizationId: DEMO.organizationId,
  branchIds: Object.fromEntries(HISTORY_BRANCHES.map((b) => [b.code, branchId(b.code)])),
  shopperIds: ["", "2", "3", "4", "5", "6"].map((n) => demoUser(`shopper${n}@demo.test`)),
  createdBy: demoUser("admin@demo.test"),
  reviewerId: demoUser("reviewer@demo.test"),
};

/** How easy an item is compared with the branch's quality (added to the pass probability). */
const EASE: Record<string, number> = {
  greets_promptly: 0.03,
  smiles_and_eye_contact: 0.05,
  introduces_self: -0.2,
  uses_customer_name: -0.15,
  lets_customer_finish: 0.02,
  confirms_need: -0.1,
  asks_open_questions: -0.08,
  stays_respectful: 0.1,
  knows_product: -0.02,
  explains_fit: -0.06,
  offers_choices: -0.05,
  no_be_right_back: 0.03,
  no_i_dont_know: 0.04,
  no_not_my_job: 0.08,
  no_we_cant: 0.06,
  no_you_must: 0.05,
  no_flat_refusal: 0.06,
  no_insincere_phrases: 0.02,
  return_policy_explained: 0.02,
  offers_alternatives: -0.05,
  apologises: 0.04,
  takes_ownership: -0.05,
  records_details: -0.03,
  proposes_remedy: -0.04,
  agrees_follow_up: -0.1,
  thanks_and_invites_back: 0.02,
  offers_follow_up: -0.12,
  rings_before_answer: 0.05,
  greets_with_company_and_name: 0.05,
  sounds_friendly: 0.05,
  asks_before_hold: -0.05,
  hold_time: -0.05,
  no_transfer_runaround: -0.02,
  objection_surfaced: -0.1,
  objection_understood: -0.08,
  objection_restated: -0.12,
  objection_resolved: -0.05,
  thanks_caller: 0.06,
  arranges_follow_up: -0.08,
};

type ScenarioTag = "return" | "complaint" | "objection" | "order" | "festival";

export interface Scenario {
  text: string;
  /** The same in Chinese, for a shopper who reads Chinese. */
  zh: string;
  tags: readonly ScenarioTag[];
}

const scenario = (text: string, zh: string, ...tags: ScenarioTag[]): Scenario => ({ text, zh, tags });

/** What the shopper is asked to do. "festival" scenarios are only given around Spring Festival. */
export const HISTORY_SCENARIOS: Record<Channel, readonly Scenario[]> = {
  store: [
    scenario(
      "Ask to return a jacket bought 10 days ago without a receipt",
      "没有小票，要求退一件 10 天前买的夹克",
      "return",
    ),
    scenario(
      "Try to exchange trainers (运动鞋) for one size up: you have the receipt but not the box",
      "想把运动鞋换大一码：有小票，但没有鞋盒",
      "return",
    ),
    scenario(
      "Ask whether a rice cooker bought on the online shop can be returned in store",
      "询问网店买的电饭煲能否在门店退货",
      "return",
    ),
    scenario(
      "Ask to return an unopened tea gift set (茶叶礼盒) you were given as a present",
      "要求退一盒别人送的、未拆封的茶叶礼盒",
      "return",
    ),
    scenario(
      "Before buying a winter coat, ask what the return policy is for sale items",
      "买冬季大衣前，询问打折商品的退货政策",
      "return",
    ),
    scenario(
      "Complain that a kettle bought last month has stopped working and ask what can be done",
      "投诉上个月买的电水壶坏了，询问如何处理",
      "complaint",
    ),
    scenario(
      "Complain that the till charged more than the shelf price last week",
      "投诉上周结账价格高于货架标价",
      "complaint",
    ),
    scenario(
      "Complain politely that a home delivery promised for Saturday never arrived",
      "礼貌地投诉承诺周六送货上门却一直没送到",
      "complaint",
      "order",
    ),
    scenario(
      "Complain that the free gift (赠品) promised with your purchase was not in the bag",
      "投诉购物时承诺的赠品不在袋子里",
      "complaint",
    ),
    scenario(
      "Ask for help choosing a birthday present for a parent, budget about 500 yuan",
      "请店员帮忙给父母挑生日礼物，预算约 500 元",
    ),
    scenario(
      "Compare two phone cases for a Huawei Mate and ask which fits better",
      "比较两款华为 Mate 手机壳，询问哪款更合适",
    ),
    scenario(
      "Ask for a fapiao (发票) for today's purchase, made out to your company",
      "为今天的购物索要发票，抬头开你的公司",
    ),
    scenario("Ask to order a sold-out size and have it delivered home", "要求订购已售罄的尺码并送货上门", "order"),
    scenario(
      "Ask first in English, then in Mandarin, about membership card (会员卡) discounts",
      "先用英语、再用普通话询问会员卡优惠",
    ),
    scenario("Shop for red-envelope (红包) gift sets ahead of Spring Festival", "春节前选购红包礼盒", "festival"),
  ],
  call_centre: [
    scenario(
      "Call to ask why a broadband repair booked three weeks ago is still not done",
      "致电询问三周前预约的宽带维修为何还没完成",
      "complaint",
      "order",
    ),
    scenario(
      "Call to dispute a charge on this month's bill that you do not recognise",
      "致电对本月账单上一笔不认识的费用提出异议",
      "complaint",
    ),
    scenario(
      "Call to complain that a store refused to take back a faulty kettle",
      "致电投诉门店拒绝退回有故障的电水壶",
      "complaint",
    ),
    scenario(
      "Call to cancel your membership and question the early-cancellation fee",
      "致电取消会员，并质疑提前解约费",
      "objection",
    ),
    scenario(
      "Call to ask whether the price match applies to a Tmall (天猫) listing",
      "致电询问价格匹配是否适用于天猫上的商品",
      "objection",
    ),
    scenario(
      "Call to ask which of two phone plans suits a parent who mostly makes WeChat video calls",
      "致电询问两种手机套餐中哪种适合主要打微信视频的父母",
    ),
    scenario(
      "Call to change the delivery address of an order placed yesterday",
      "致电修改昨天所下订单的收货地址",
      "order",
    ),
    scenario(
      "Call and ask whether the hotline can help in English, then carry on in Mandarin",
      "致电询问热线能否用英语服务，然后改用普通话继续",
    ),
    scenario(
      "Call to ask how to get the fapiao (发票) for an online order by email",
      "致电询问如何通过电子邮件获取网购订单的发票",
    ),
    scenario(
      "Call to ask about store opening hours over the Spring Festival holiday",
      "致电询问春节假期门店营业时间",
      "festival",
    ),
  ],
};

const STAFF: Record<Channel, readonly string[]> = {
  store: [
    "Young woman at the till, ponytail, name badge 'Xiao Li'",
    "Man in his forties in a navy store polo, glasses",
    "Tall young man in the shoe section, no name badge",
    "Woman in her thirties, short hair, introduced herself as Ms Wang",
    "Older man at the service desk, grey jacket, badge 'Zhang'",
    "Young woman with a headset, badge 'Chen Yu', near the phone counter",
    "Supervisor in a dark suit who came over after a few minutes",
    "Two staff at the entrance; the one who served me wore a red scarf",
  ],
  call_centre: [
    "Female agent, staff number 1024, calm voice",
    "Male agent who gave the name Wang, spoke quickly",
    "Female agent, number 3307, northern accent",
    "Male agent, number 5120, very polite",
    "Female agent who gave the name Liu, sounded tired",
    "Male agent, number 2215, some background noise",
    "Female agent, number 4481, switched to English for me",
  ],
};

const OVERALL: Record<"good" | "mixed" | "poor" | "critical", readonly string[]> = {
  good: [
    "A model visit: friendly, knowledgeable and unhurried.",
    "Very good service throughout; I would happily come back.",
    "Staff clearly trained well: followed every step without sounding scripted.",
    "Helpful and honest, even suggested the cheaper option.",
    "Quick, warm and to the point.",
  ],
  mixed: [
    "Friendly enough, but several basics were missed.",
    "Good product knowledge, weaker on listening.",
    "Started well, then the staff member seemed keen to move on.",
    "Polite but mechanical; nobody tried to understand what I really needed.",
    "Decent overall; the closing was rushed.",
  ],
  poor: [
    "Disappointing: felt like an interruption to their day.",
    "Hard to get help, and the answers I got were vague.",
    "Several forbidden phrases and no real attempt to solve my problem.",
    "Would not come back after this experience.",
  ],
  critical: [
    "Serious issue: the staff member ran down a competitor (see comment).",
    "Unacceptable remarks about colleagues; reported as critical.",
  ],
};

const FESTIVAL_NOTE: Record<Channel, string> = {
  store: "Very crowded in the run-up to Spring Festival; few staff on the floor.",
  call_centre: "Long queue on the line before Spring Festival; the agent sounded stretched.",
};

/** What the shopper writes when an item fails. */
const FAIL_COMMENTS: Record<string, readonly string[]> = {
  greets_promptly: ["Nobody greeted me for about a minute.", "Two staff chatting at the counter did not look up."],
  smiles_and_eye_contact: ["Kept looking at her phone while talking.", "No smile at all; eyes on the screen."],
  introduces_self: ["Never gave a name.", "Only the badge; no introduction."],
  uses_customer_name: ["Asked my surname for the form but never used it.", "Called me 'hey' after I gave my name."],
  lets_customer_finish: [
    "Cut in twice before I had finished explaining.",
    "Finished my sentences for me and got it wrong.",
    "Talked over me while I was describing the problem.",
  ],
  confirms_need: ["Went straight to an answer without checking what I meant.", "Never summed up what I had asked."],
  asks_open_questions: ["Only yes/no questions.", "Did not ask anything about what I needed."],
  stays_respectful: [
    "Argued that I must have broken it myself.",
    "Said 'everyone knows that' in a condescending tone.",
  ],
  knows_product: [
    "Could not say whether the model was waterproof.",
    "Gave two different prices within a minute.",
    "Guessed at the warranty terms.",
  ],
  explains_fit: ["Listed features without saying why they mattered to me."],
  offers_choices: ["Only showed one product and pushed it.", "Pressed me to decide on the spot."],
  no_disparaging_remarks: [
    "Said the shop across the road 'only sells fakes'.",
    "Said their own after-sales team 'never gets anything right'.",
    "Called a competitor's network 'rubbish'.",
  ],
  no_be_right_back: ["Said 'wait here, I'll be right back' and was gone five minutes."],
  no_i_dont_know: ["Said 'I don't know' and shrugged.", "Answered 'no idea' about the delivery date."],
  no_not_my_job: ["Said 'that's not my department'.", "Told me returns are 'not my job'."],
  no_we_cant: ["Said 'we can't do that' without offering anything else."],
  no_you_must: ["Said I must call the hotline myself.", "Told me I must go to another branch."],
  no_flat_refusal: ["Just said 'no' to the exchange.", "Flat 'not possible', nothing offered instead."],
  no_insincere_phrases: ["Kept saying 'to be honest'.", "Asked 'so, shall I ring it up now?' twice."],
  return_policy_explained: [
    "Refused to explain the policy: 'returns are not possible'.",
    "Said there is no return policy and walked off.",
  ],
  offers_alternatives: ["No exchange or credit note offered when the return was refused."],
  apologises: ["No apology at all; blamed the courier.", "Said 'it's not our fault' instead of apologising."],
  takes_ownership: ["Told me to contact the manufacturer.", "Passed me to a colleague who knew nothing about it."],
  records_details: ["Did not write anything down.", "No receipt number or contact details taken."],
  proposes_remedy: ["Offered nothing concrete.", "Said they would 'see what can be done'."],
  agrees_follow_up: ["No date given for an answer.", "Said 'we'll call you' without saying when."],
  thanks_and_invites_back: ["No thanks or goodbye as I left."],
  offers_follow_up: ["Did not offer to let me know when the stock arrives."],
  overall_warmth: ["Cold and offhand throughout."],
  greets_with_company_and_name: ["Answered with just 'hello'.", "Gave the company name but no name or number."],
  sounds_friendly: ["Sighed audibly and gave one-word answers.", "Sounded impatient to end the call."],
  no_transfer_runaround: [
    "Transferred three times; had to repeat my story each time.",
    "Told to ring another number.",
    "Bounced between billing and technical support.",
  ],
  asks_before_hold: ["Put me on hold without a word.", "Music started mid-sentence."],
  objection_surfaced: ["Did not ask whether anything else was bothering me."],
  objection_understood: ["Went straight to the standard answer without asking why."],
  objection_restated: ["Never checked what we had agreed."],
  objection_resolved: ["No concrete fix or next step.", "Ended with 'there's nothing more I can do'."],
  thanks_caller: ["Hung up without thanks or asking if there was anything else."],
  arranges_follow_up: ["No callback time agreed.", "Said someone would call, no time or reference number."],
};
const GENERIC_FAIL = ["Did not happen during the visit."];
const PARTIAL_COMMENTS: Record<string, readonly string[]> = {
  return_policy_explained: [
    "Only explained the 7-day rule after I asked twice.",
    "Mixed up the rules for sale items and full-price items.",
    "Vague: 'it depends, you'd have to ask the manager'.",
  ],
};

/** Lunar New Year's Day by Gregorian year. */
const LUNAR_NEW_YEAR: Record<number, string> = {
  2023: "2023-01-22",
  2024: "2024-02-10",
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-03",
  2031: "2031-01-23",
  2032: "2032-02-11",
  2033: "2033-01-31",
  2034: "2034-02-19",
  2035: "2035-02-08",
  2036: "2036-01-28",
};

/** Local day number (days since 1970-01-01 in Asia/Shanghai) of an instant. */
const localDay = (instant: number) => Math.floor((instant + LOCAL_OFFSET) / DAY);
/** YYYY-MM-DD of a local day number. */
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** The instant of a local day and time. */
const instantOf = (day: number, minutes: number) => day * DAY - LOCAL_OFFSET + minutes * MINUTE;

/** Days from the nearest Lunar New Year's Day (negative: before it). */
function daysFromLunarNewYear(day: number): number {
  const year = Number(dateOf(day).slice(0, 4));
  let best = Number.POSITIVE_INFINITY;
  for (const y of [year - 1, year, year + 1]) {
    const date = LUNAR_NEW_YEAR[y] ?? `${y}-02-05`;
    const offset = day - Date.parse(date) / DAY;
    if (Math.abs(offset) < Math.abs(best)) best = offset;
  }
  return best;
}

/**
 * How hard the Spring Festival rush hits on a day, 0..1: builds up over the three weeks before
 * Lunar New Year, peaks in the last days before it, fades over the week and a half after.
 */
export function springFestivalRush(day: number): number {
  const d = daysFromLunarNewYear(day);
  if (d < -21 || d > 10) return 0;
  if (d < -4) return (d + 21) / 17;
  if (d <= 1) return 1;
  return (10 - d) / 9;
}

/** mulberry32, with helpers. Only arithmetic, so it gives the same numbers in every runtime. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)];
    if (value === undefined) throw new Error("pick from an empty list");
    return value;
  }
  /** Roughly normal, mean 0, standard deviation 1 (sum of three uniforms, no transcendental maths). */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
  /** A version-4-shaped UUID. */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, "0"),
    ).join("");
    const variant = ((Number.parseInt(hex.charAt(16), 16) & 3) | 8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** FNV-1a, to give each branch its own random stream from one seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Everything about one visit that decides its answers. */
interface Visit {
  quality: number;
  tags: ReadonlySet<ScenarioTag>;
  nameGiven: boolean;
  onHold: boolean;
  followUp: boolean;
  rush: number;
  branch: BranchProfile;
}

/** Whether an item that allows N/A applies to this visit. Unknown items always apply. */
function applies(key: string, visit: Visit): boolean {
  const complaint = visit.tags.has("complaint");
  switch (key) {
    case "uses_customer_name":
      return visit.nameGiven;
    case "return_policy_explained":
    case "offers_alternatives":
      return visit.tags.has("return");
    case "apologises":
    case "takes_ownership":
    case "records_details":
    case "proposes_remedy":
      return complaint;
    case "agrees_follow_up":
      return complaint && visit.followUp;
    case "offers_follow_up":
    case "arranges_follow_up":
      return visit.followUp;
    case "asks_before_hold":
    case "hold_time":
      return visit.onHold;
    case "objection_surfaced":
    case "objection_understood":
    case "objection_restated":
    case "objection_resolved":
      return complaint || visit.tags.has("objection");
    default:
      return true;
  }
}

/** The chance that an item passes on this visit. */
function passChance(item: ChecklistItem, visit: Visit): number {
  // No photos in the seed: an item that would need one to fail always passes.
  if (item.evidenceOnFail === "photo") return 1;
  const weak = visit.branch.weak?.[item.key];
  if (weak !== undefined) return clamp(weak - visit.rush * 0.05, 0.01, 0.99);
  return clamp(visit.quality + (EASE[item.key] ?? 0), 0.02, 0.99);
}

/** An answer of the item's kind that passes (or not). */
function answerValue(
  item: ChecklistItem,
  pass: boolean,
  visit: Visit,
  rng: Rng,
): boolean | number | string | undefined {
  switch (item.kind) {
    case "yes_no":
      return pass;
    case "number": {
      const { min = 0, max } = item.pass;
      if (item.key === "rings_before_answer") return pass ? rng.int(1, Math.min(3, max ?? 3)) : rng.int(4, 7);
      if (item.key === "hold_time") return pass ? rng.int(10, max ?? 60) : rng.int((max ?? 60) + 5, 200);
      if (pass) return max === undefined ? min + rng.int(0, 5) : rng.int(min, max);
      if (max !== undefined) return max + rng.int(1, Math.max(3, Math.round(max / 2)));
      return min > 0 ? rng.int(0, min - 1) : min;
    }
    case "scale": {
      if (pass) return item.max;
      const ratio = clamp(visit.quality + rng.normal() * 0.12 - 0.1, 0, 0.99);
      return item.min + Math.floor(ratio * (item.max - item.min));
    }
    case "choice": {
      const ladder = [...item.options].sort((a, b) => b.points - a.points);
      if (pass) return ladder[0]?.key;
      // Missed the best option: usually the next one down; at a weak branch often further.
      const stay = visit.branch.weak?.[item.key] !== undefined ? 0.35 : 0.7;
      for (let i = 1; i < ladder.length - 1; i++) if (rng.chance(stay)) return ladder[i]?.key;
      return ladder[ladder.length - 1]?.key;
    }
    default:
      return undefined;
  }
}

/** The answers of one visit, as the phone would send them (comments come after scoring). */
function answerVisit(doc: ChecklistDocument, visit: Visit, staffDescription: string, rng: Rng): SubmittedAnswer[] {
  const out: SubmittedAnswer[] = [];
  for (const section of doc.sections) {
    for (const item of section.items) {
      if (item.kind === "text") {
        if (item.key === "staff_description") out.push({ item: item.key, value: staffDescription });
        continue;
      }
      if (!isScored(item)) continue;
      if (item.naAllowed && !applies(item.key, visit)) {
        out.push({ item: item.key, na: true });
        continue;
      }
      let pass: boolean;
      if (item.critical === "audit") pass = !rng.chance(visit.branch.critical ?? 0.012);
      else if (item.kind === "scale") pass = rng.chance(clamp(visit.quality - 0.25, 0.05, 0.9));
      else pass = rng.chance(passChance(item, visit));
      const value = answerValue(item, pass, visit, rng);
      if (value !== undefined) out.push({ item: item.key, value });
    }
  }
  return out;
}

/**
 * What the shopper writes, judged by the real outcomes: a comment on every failed item that
 * demands one, sometimes a note on a slow pick-up or a half-explained return policy.
 */
function addComments(doc: ChecklistDocument, submitted: SubmittedAnswer[], result: ScoreResult, rng: Rng): void {
  const items = new Map(listItems(doc).map(({ item }) => [item.key, item]));
  const outcomes = new Map(result.sections.flatMap((s) => s.items.map((i) => [i.key, i.outcome] as const)));
  for (const answer of submitted) {
    const item = items.get(answer.item);
    const outcome = outcomes.get(answer.item);
    if (!item) continue;
    if (outcome === "fail" && item.evidenceOnFail !== "none") {
      answer.comment = rng.pick(FAIL_COMMENTS[item.key] ?? GENERIC_FAIL);
    } else if (outcome === "fail" && item.key === "rings_before_answer" && rng.chance(0.5)) {
      answer.comment = `Rang ${String(answer.value)} times before anyone picked up.`;
    } else if (outcome === "partial" && PARTIAL_COMMENTS[item.key] && rng.chance(0.6)) {
      answer.comment = rng.pick(PARTIAL_COMMENTS[item.key] ?? GENERIC_FAIL);
    }
  }
}

function overallComment(score: number | null, critical: boolean, rush: number, channel: Channel, rng: Rng): string {
  const band = critical ? "critical" : (score ?? 0) >= 85 ? "good" : (score ?? 0) >= 65 ? "mixed" : "poor";
  const text = rng.pick(OVERALL[band]);
  return rush > 0.5 ? `${FESTIVAL_NOTE[channel]} ${text}` : text;
}

/** Leniency of each shopper (added to quality): some shoppers are tougher markers than others. */
const SHOPPER_BIAS = [0, 0.02, -0.03, 0.01, -0.015, 0.025];

/**
 * A year (or `months`) of audits for Demo Retail, plus open work for the first two shoppers.
 * Pure: the same options always give the same rows.
 */
export function generateDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const { now, versions } = options;
  const months = options.months ?? 12;
  const seed = options.seed ?? 20260101;
  const target = options.target ?? DEMO_HISTORY_TARGET;
  const ids = new Rng(seed ^ 0x5eed1d5);
  const used = new Set<string>();
  const newId = (): string => {
    for (;;) {
      const id = ids.uuid();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const shopper = (index: number): string => {
    const id = target.shopperIds[index % target.shopperIds.length];
    if (!id) throw new Error("The history needs at least one shopper");
    return id;
  };
  const branchIdOf = (code: string): string => {
    const id = target.branchIds[code];
    if (!id) throw new Error(`No branch id for ${code}`);
    return id;
  };

  const today = localDay(now);
  const totalDays = Math.max(1, Math.round((months * 365) / 12));
  const firstDay = today - totalDays;
  const yearAgo = today - 365;

  const history: DemoHistory = { assignments: [], audits: [], answers: [], submissions: {} };

  HISTORY_BRANCHES.forEach((branch, branchIndex) => {
    const rng = new Rng(seed ^ hashString(branch.code));
    const version = versions[branch.channel];
    const perYear = (branch.channel === "store" ? 64 : 58) + rng.int(-5, 5);
    const count = Math.max(1, Math.round((perYear * totalDays) / 365));
    const slot = totalDays / count;

    for (let i = 0; i < count; i++) {
      let day = firstDay + Math.floor(i * slot + rng.next() * slot);
      // Nobody is sent out on Lunar New Year's Eve or Day.
      const fromNewYear = daysFromLunarNewYear(day);
      if (fromNewYear === -1 || fromNewYear === 0) day += 2;
      day = clamp(day, firstDay, today - 1);

      const rush = springFestivalRush(day);
      const shopperIndex = (branchIndex + i) % 6;
      const progress = (day - yearAgo) / 365;
      const quality =
        branch.base +
        branch.trend * (progress - 0.5) -
        rush * (branch.channel === "store" ? 0.16 : 0.12) +
        (SHOPPER_BIAS[shopperIndex] ?? 0) +
        rng.normal() * 0.05;

      const eligible = HISTORY_SCENARIOS[branch.channel].filter(
        (s) => !s.tags.includes("festival") || (fromNewYear >= -30 && fromNewYear <= 3),
      );
      const picked = rng.pick(eligible);
      const tags = new Set(picked.tags);
      const complaint = tags.has("complaint");
      const visit: Visit = {
        quality,
        tags,
        nameGiven: complaint || rng.chance(0.55),
        onHold: branch.channel === "call_centre" && rng.chance(complaint ? 0.6 : 0.35),
        followUp: tags.has("order") || (complaint ? rng.chance(0.7) : rng.chance(0.1)),
        rush,
        branch: { ...branch, critical: criticalChance(branch, progress) },
      };

      // Times, local: stores 10:30–21:00 for 12–45 minutes, calls 09:15–20:30 for 3–20 minutes.
      const isStore = branch.channel === "store";
      const startMinute = isStore ? rng.int(10 * 60 + 30, 21 * 60) : rng.int(9 * 60 + 15, 20 * 60 + 30);
      const minutes = isStore
        ? rng.int(12, 35) + (complaint ? rng.int(5, 10) : 0)
        : rng.int(3, 12) + (visit.onHold ? rng.int(1, 4) : 0) + (complaint ? rng.int(2, 4) : 0);
      const startedAt = instantOf(day, startMinute) + rng.int(0, 59) * 1000;
      const endedAt = startedAt + minutes * MINUTE + rng.int(0, 59) * 1000;
      // Usually sent within two hours; sometimes the next morning (never late: lateness is the visit's, not the sending's).
      let submittedAt = endedAt + rng.int(4, 120) * MINUTE;
      if (rng.chance(0.12)) submittedAt = instantOf(day + 1, rng.int(8 * 60, 12 * 60));
      if (submittedAt >= now) submittedAt = Math.min(endedAt + 5 * MINUTE, now - MINUTE);

      // A window of a few days around the visit; shoppers often go on its last day.
      const windowEndDay = rng.chance(0.25) ? day : day + rng.int(1, 3);
      const windowStartDay = Math.min(day, windowEndDay - rng.int(3, 6));
      const createdAt = instantOf(windowStartDay - rng.int(2, 10), rng.int(9 * 60, 18 * 60));

      const assignmentId = newId();
      const auditId = newId();
      const staffDescription = rng.pick(STAFF[branch.channel]);
      const submitted = answerVisit(version.document, visit, staffDescription, rng);
      const result = scoreAudit(version.document, submitted);
      addComments(version.document, submitted, result, rng);
      const location =
        isStore && branch.at
          ? {
              lat: Math.round((branch.at[0] + (rng.next() - 0.5) * 0.001) * 1e6) / 1e6,
              lng: Math.round((branch.at[1] + (rng.next() - 0.5) * 0.001) * 1e6) / 1e6,
              accuracy: rng.int(5, 35),
              takenAt: new Date(startedAt + rng.int(0, 120) * 1000).toISOString(),
            }
          : undefined;
      const comment = overallComment(result.score, result.criticalFailed, rush, branch.channel, rng);

      const submission: Submission = {
        assignmentId,
        checklistVersionId: version.id,
        contact: isStore ? "visit" : "phone_call",
        visitStartedAt: new Date(startedAt).toISOString(),
        visitEndedAt: new Date(endedAt).toISOString(),
        ...(location ? { location } : {}),
        staffDescription,
        overallComment: comment,
        answers: submitted,
      };
      history.submissions[auditId] = submission;

      history.assignments.push({
        id: assignmentId,
        organizationId: target.organizationId,
        branchId: branchIdOf(branch.code),
        checklistVersionId: version.id,
        shopperId: shopper(shopperIndex),
        windowStart: dateOf(windowStartDay),
        windowEnd: dateOf(windowEndDay),
        scenario: picked.text,
        scenarioZh: picked.zh,
        status: "submitted",
        createdBy: target.createdBy,
        createdAt,
        updatedAt: submittedAt,
      });
      // The same row the audits route stores for this submission.
      history.audits.push({
        id: auditId,
        organizationId: target.organizationId,
        assignmentId,
        branchId: branchIdOf(branch.code),
        checklistVersionId: version.id,
        shopperId: shopper(shopperIndex),
        status: "published",
        contact: submission.contact,
        visitStartedAt: startedAt,
        visitEndedAt: endedAt,
        visitMonth: localDate(startedAt, HISTORY_TIME_ZONE).slice(0, 7),
        locationLat: location?.lat ?? null,
        locationLng: location?.lng ?? null,
        locationAccuracy: location?.accuracy ?? null,
        locationTakenAt: location ? Date.parse(location.takenAt) : null,
        staffDescription,
        overallComment: comment,
        score: result.score,
        criticalFailed: result.criticalFailed,
        scoreResult: result,
        late: isLate(dateOf(windowEndDay), HISTORY_TIME_ZONE, endedAt),
        flags: auditFlags(version.document, submission),
        // The demo's phones sent no form timing or fixes (the json insert takes no column defaults).
        formSeconds: null,
        fixes: [],
        submittedAt,
        publishedAt: submittedAt,
      });
      for (const a of submitted) {
        history.answers.push({
          auditId,
          itemKey: a.item,
          value: a.na ? null : (a.value ?? null),
          na: a.na ?? false,
          comment: a.comment ?? "",
        });
      }
    }
  });

  // Open work for the phone app: shopper, branch, window (days from today) and scenario.
  const open: Array<{ shopper: number; code: string; from: number; to: number; scenario: string }> = [
    {
      shopper: 0,
      code: "BJ-001",
      from: -1,
      to: 2,
      scenario: "Ask to return a jacket bought 10 days ago without a receipt",
    },
    {
      shopper: 0,
      code: "CC-BJ",
      from: 0,
      to: 3,
      scenario: "Call to ask why a broadband repair booked three weeks ago is still not done",
    },
    {
      shopper: 0,
      code: "SH-001",
      from: 3,
      to: 7,
      scenario: "Compare two phone cases for a Huawei Mate and ask which fits better",
    },
    {
      shopper: 0,
      code: "CC-SH",
      from: 6,
      to: 10,
      scenario: "Call to cancel your membership and question the early-cancellation fee",
    },
    {
      shopper: 0,
      code: "BJ-002",
      from: -7,
      to: -2,
      scenario: "Before buying a winter coat, ask what the return policy is for sale items",
    },
    {
      shopper: 1,
      code: "GZ-001",
      from: -2,
      to: 1,
      scenario: "Complain that the till charged more than the shelf price last week",
    },
    {
      shopper: 1,
      code: "CC-GZ",
      from: 2,
      to: 6,
      scenario: "Call to ask which of two phone plans suits a parent who mostly makes WeChat video calls",
    },
    {
      shopper: 1,
      code: "TJ-001",
      from: -5,
      to: -1,
      scenario: "Ask for a fapiao (发票) for today's purchase, made out to your company",
    },
  ];
  const rng = new Rng(seed ^ hashString("open"));
  for (const work of open) {
    const branch = HISTORY_BRANCHES.find((b) => b.code === work.code);
    if (!branch) continue;
    const createdDay = today + Math.min(work.from, 0) - rng.int(3, 8);
    const createdAt = Math.min(now - MINUTE, instantOf(createdDay, rng.int(9 * 60, 18 * 60)));
    history.assignments.push({
      id: newId(),
      organizationId: target.organizationId,
      branchId: branchIdOf(work.code),
      checklistVersionId: versions[branch.channel].id,
      shopperId: shopper(work.shopper),
      windowStart: dateOf(today + work.from),
      windowEnd: dateOf(today + work.to),
      scenario: work.scenario,
      scenarioZh:
        [...HISTORY_SCENARIOS.store, ...HISTORY_SCENARIOS.call_centre].find((s) => s.text === work.scenario)?.zh ?? "",
      status: "open",
      createdBy: target.createdBy,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return history;
}

/** GZ-002's critical failures become more frequent as it gets worse; elsewhere a steady 1.2%. */
function criticalChance(branch: BranchProfile, progress: number): number {
  if (branch.critical === undefined) return 0.012;
  return branch.critical * (0.4 + 1.2 * clamp(progress, 0, 1));
}

/** The organisation's published version 1 of each channel's checklist (the default templates). */
async function findHistoryVersions(db: Db, organizationId: string): Promise<HistoryVersions> {
  const rows = await db
    .select({
      id: checklistVersions.id,
      document: checklistVersions.document,
      channel: checklists.channel,
      checklistId: checklistVersions.checklistId,
    })
    .from(checklistVersions)
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.number, 1),
        eq(checklistVersions.status, "published"),
      ),
    )
    .orderBy(asc(checklistVersions.createdAt), asc(checklists.createdAt));
  const find = (channel: Channel): HistoryVersion => {
    const row = rows.find((r) => r.channel === channel);
    if (!row) throw new Error(`No published ${channel} checklist (version 1) in ${organizationId}`);
    const document = typeof row.document === "string" ? (JSON.parse(row.document) as ChecklistDocument) : row.document;
    return { id: row.id, document, checklistId: row.checklistId };
  };
  return { store: find("store"), call_centre: find("call_centre") };
}

/**
 * Writes the demo history into an organisation (Demo Retail unless told), against its published
 * version 1 of each default checklist. Does nothing when the organisation already has an audit,
 * so running it twice adds nothing. Everything is written in one D1 batch (a few dozen
 * statements), so a failure leaves nothing half-written.
 */
export async function seedDemoHistory(
  db: Db,
  now: number,
  options: { months?: number; seed?: number; target?: HistoryTarget; receiptKey?: string } = {},
): Promise<{ audits: number; assignments: number; events: number }> {
  const target = options.target ?? DEMO_HISTORY_TARGET;
  const existing = await db
    .select({ id: audits.id })
    .from(audits)
    .where(eq(audits.organizationId, target.organizationId))
    .limit(1);
  if (existing.length > 0) return { audits: 0, assignments: 0, events: 0 };

  const versions = await findHistoryVersions(db, target.organizationId);
  const history = generateDemoHistory({ now, months: options.months, seed: options.seed, versions, target });
  // Demo Retail's queue shows reports with quality flags (before hashing: one changes its submission).
  if (target.organizationId === DEMO.organizationId) {
    const scored = (doc: ChecklistDocument) =>
      doc.sections.reduce((n, sec) => n + sec.items.filter(isScored).length, 0);
    flagDemoReports({
      audits: history.audits,
      submissions: history.submissions,
      scoredItems: (versionId) =>
        scored(versionId === versions.store.id ? versions.store.document : versions.call_centre.document),
      shopperForReturns: target.shopperIds[0] ?? "",
      formSecondsPerItem: DEFAULT_FLAG_THRESHOLDS.formSecondsPerItem,
    });
  }
  const auditRows: AuditInsert[] = await Promise.all(
    history.audits.map(async (row) => {
      const submission = history.submissions[row.id];
      if (!submission) throw new Error(`No submission for audit ${row.id}`);
      // No fixes on the demo's reports (the bulk insert does not apply the column's SQL default).
      return { ...row, fixes: [], contentHash: await sha256Hex(canonicalJson(submission)) };
    }),
  );
  // Every report went through review, and the trail says so.
  const reviewed = reviewDemoHistory({
    audits: auditRows,
    answers: history.answers,
    documents: {
      [versions.store.id]: versions.store.document,
      [versions.call_centre.id]: versions.call_centre.document,
    },
    reviewerId: target.reviewerId,
    shopperForReturns: target.shopperIds[0] ?? "",
    now,
  });
  // Demo Retail also gets its disputes and corrective actions (the API tests' copies do not).
  const trust =
    target.organizationId === DEMO.organizationId
      ? disputeDemoHistory({
          audits: auditRows,
          answers: history.answers,
          documents: {
            [versions.store.id]: versions.store.document,
            [versions.call_centre.id]: versions.call_centre.document,
          },
          checklistOf: {
            [versions.store.id]: versions.store.checklistId ?? "",
            [versions.call_centre.id]: versions.call_centre.checklistId ?? "",
          },
          organizationId: target.organizationId,
          branchId: branchId("BJ-001"),
          otherBranchId: branchId("BJ-002"),
          managerId: demoUser("manager@demo.test"),
          regionalId: demoUser("regional@demo.test"),
          adminId: demoUser("admin@demo.test"),
          reviewerId: target.reviewerId,
          branchNames: await branchNamesOf(db, target.organizationId),
          voidShopperId: target.shopperIds[1],
          now,
        })
      : null;
  // And the fees its shoppers earned, with one approved payout batch (docs/PAYOUTS.md).
  const pay =
    target.organizationId === DEMO.organizationId
      ? payoutDemoHistory({
          audits: auditRows,
          assignments: history.assignments,
          organizationId: target.organizationId,
          adminId: demoUser("admin@demo.test"),
          callVersionId: versions.call_centre.id,
          now,
        })
      : null;
  // And four months of customer complaints that follow the weak branches (docs/COMPLAINTS.md).
  const filed =
    target.organizationId === DEMO.organizationId
      ? generateDemoComplaints({
          now,
          organizationId: target.organizationId,
          branchIds: target.branchIds,
          checklists: {
            store: { id: versions.store.checklistId ?? "", document: versions.store.document },
            call: { id: versions.call_centre.checklistId ?? "", document: versions.call_centre.document },
          },
          managerId: demoUser("manager@demo.test"),
          adminId: demoUser("admin@demo.test"),
        })
      : null;
  const seedEvents = [
    ...reviewed.events,
    ...(trust?.events ?? []),
    ...(pay?.events ?? []),
    ...(filed?.events ?? []),
  ].sort((a, b) => a.at - b.at);
  const chained = await chainSeedEvents(target.organizationId, seedEvents);
  await signSeedReceipts(auditRows, history.answers, chained, options.receiptKey);

  // One batch, one transaction: the history lands whole or not at all.
  const [first, ...rest] = [
    ...jsonInsertStatements(db, assignments, history.assignments),
    ...jsonInsertStatements(db, audits, auditRows),
    ...jsonInsertStatements(db, answers, history.answers),
    ...jsonInsertStatements(
      db,
      reviewMessages,
      reviewed.questions.map((q) => ({
        ...q,
        organizationId: target.organizationId,
        kind: "question" as const,
        questionId: null,
        clientId: null,
      })),
    ),
    ...appendEventStatementsInBulk(db, chained),
    ...(trust
      ? [
          // Demo Retail gives branches two weeks to dispute, so the manager's newest report still can.
          db.update(organizations).set({ disputeWindowDays: 14 }).where(eq(organizations.id, target.organizationId)),
          ...jsonInsertStatements(db, disputes, trust.disputes as (typeof disputes.$inferInsert)[]),
          ...jsonInsertStatements(db, disputeItems, trust.disputeItems as (typeof disputeItems.$inferInsert)[]),
          ...jsonInsertStatements(db, actions, trust.actions as (typeof actions.$inferInsert)[]),
          ...jsonInsertStatements(db, actionItems, trust.actionItems as (typeof actionItems.$inferInsert)[]),
          ...jsonInsertStatements(db, notifications, trust.notifications as (typeof notifications.$inferInsert)[]),
        ]
      : []),
    ...(filed
      ? [
          ...jsonInsertStatements(db, complaints, filed.complaints as (typeof complaints.$inferInsert)[]),
          ...Object.entries(DEMO_FOOTFALL).map(([code, footfall]) =>
            db
              .update(branches)
              .set({ footfallPerMonth: footfall })
              .where(eq(branches.id, target.branchIds[code] ?? "")),
          ),
        ]
      : []),
    ...(pay
      ? [
          ...jsonInsertStatements(db, payouts, pay.payouts as (typeof payouts.$inferInsert)[]),
          ...jsonInsertStatements(db, earnings, pay.earnings as (typeof earnings.$inferInsert)[]),
        ]
      : []),
  ];
  if (first) await db.batch([first, ...rest]);
  await rebuildRollups(db, target.organizationId);
  return { audits: auditRows.length, assignments: history.assignments.length, events: chained.length };
}

/** Each branch's code and names by id (the demo's notifications name their branch). */
async function branchNamesOf(db: Db, organizationId: string) {
  const rows = await db
    .select({ id: branches.id, code: branches.code, nameEn: branches.nameEn, nameZh: branches.nameZh })
    .from(branches)
    .where(eq(branches.organizationId, organizationId));
  return Object.fromEntries(rows.map((b) => [b.id, { id: b.id, code: b.code, name: { en: b.nameEn, zh: b.nameZh } }]));
}

/** Chains the seed's events in time order, each with its own time and actor. */
async function chainSeedEvents(organizationId: string, seedEvents: readonly SeedEvent[]): Promise<ChainedEvent[]> {
  const chained: ChainedEvent[] = [];
  let head: ChainHead | null = null;
  for (const event of seedEvents) {
    const [next] = await chainEvents(head, [event], { organizationId, at: event.at, actor: event.actor });
    if (!next) continue;
    chained.push(next);
    head = { seq: next.seq, hash: next.hash };
  }
  return chained;
}

/** Signs each published report's receipt against its publication event (skipped without a key: tests). */
async function signSeedReceipts(
  auditRows: AuditInsert[],
  answerRows: readonly AnswerInsert[],
  chained: readonly ChainedEvent[],
  key: string | undefined,
): Promise<void> {
  if (!key) return;
  const published = new Map(chained.filter((e) => e.type === "audit.published").map((e) => [e.subjectId, e]));
  const answersOf = new Map<string, AnswerInsert[]>();
  for (const a of answerRows) answersOf.set(a.auditId, [...(answersOf.get(a.auditId) ?? []), a]);
  for (const row of auditRows) {
    const event = published.get(row.id);
    if (row.status !== "published" || !event) continue;
    const content = publishedContentOf(
      {
        ...row,
        staffDescription: row.staffDescription ?? "",
        overallComment: row.overallComment ?? "",
      },
      (answersOf.get(row.id) ?? []).map((a) => ({
        itemKey: a.itemKey,
        value: a.value ?? null,
        na: a.na ?? false,
        comment: a.comment ?? "",
      })),
      [],
    );
    const receipt = await signPublication(key, content, event);
    row.receipt = receipt as unknown as Record<string, unknown>;
  }
}
