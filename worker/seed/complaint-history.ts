/**
 * Four months of customer complaints for Demo Retail, so complaints next to audits
 * (docs/COMPLAINTS.md) has something to show on first start. Pure and deterministic: a seeded
 * PRNG and `now` decide everything.
 *
 * The complaints follow the audit history's patterns (worker/seed/history.ts): branches of lower
 * quality get more complaints, and a branch's persistent weak items are what its customers
 * complain about (BJ-002's returns, SH-002's interrupting, SZ-003's "I don't know", CC-TJ's
 * slow answering, CC-SZ's runaround), filed under the same checklist section and item. Weak
 * branches are slower: more of their complaints missed a deadline, and their customers are less
 * satisfied at follow-up. A few branches have more complaints than their audits suggest
 * (SH-001, CC-HZ: "returns" and "listening"), so the comparison view has disagreements to show.
 *
 * Deadlines and follow-up times come from the complaint rules themselves (worker/domain/
 * complaints.ts) with the organisation's defaults and China's calendar, as if logged live. Recent complaints are still open; older ones are resolved, most
 * followed up with a satisfaction score, some closed without one, a few follow-ups overdue.
 */

import { calendarOf } from "../domain/business-days";
import { CHINA_DAYS } from "../domain/calendars";
import type { ChecklistDocument } from "../domain/checklists";
import { complaintDeadlines, followUpDue as followUpTime, withinSummaryWindow } from "../domain/complaints";
import type { EventType } from "../domain/trail";
import { HISTORY_BRANCHES, Rng } from "./history";
import type { SeedEvent } from "./review-history";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = "Asia/Shanghai";
/** The organisation's default deadlines (the FCA's DISP 1.6 numbers). */
const SETTINGS = { complaintAckDays: 1, complaintRemedyDays: 5, complaintResolveWeeks: 8, complaintSummaryDays: 3 };

export interface ComplaintHistoryInput {
  now: number;
  organizationId: string;
  branchIds: Record<string, string>;
  checklists: { store: { id: string; document: ChecklistDocument }; call: { id: string; document: ChecklistDocument } };
  /** Who logs and handles: BJ-001's branch manager there, head office elsewhere. */
  managerId: string;
  adminId: string;
  months?: number;
  seed?: number;
}

/** Extra complaints per month and the section they are about, where customers see more than the audits. */
const HIDDEN_TROUBLE: Record<string, { perMonth: number; item: string }> = {
  "SH-001": { perMonth: 1.5, item: "return_policy_explained" },
  "CC-HZ": { perMonth: 1.5, item: "confirms_need" },
};

const PROBLEMS: Record<string, Array<{ en: string; zh: string }>> = {
  returns_exchanges: [
    {
      en: "Staff refused to exchange a faulty kettle bought last week.",
      zh: "上周买的电水壶有质量问题，店员拒绝换货。",
    },
    { en: "Nobody could tell me the return policy; I was sent away.", zh: "没人能说清退货政策，让我回去等通知。" },
  ],
  listening: [
    {
      en: "The assistant kept interrupting and sold me the wrong model.",
      zh: "店员一直打断我，结果卖给我错误的型号。",
    },
    { en: "I had to explain my problem three times.", zh: "我的问题解释了三遍还没人听明白。" },
  ],
  knowledge_honesty: [
    { en: 'Asked about battery life; the answer was "I don\'t know".', zh: "问电池续航，店员只说“不知道”。" },
    { en: "The price at the till was higher than on the shelf.", zh: "结账价格比货架标价高。" },
  ],
  forbidden_phrases: [
    { en: 'Was told "that\'s not my job" and left waiting.', zh: "店员说“这不归我管”，让我一直等。" },
    { en: 'Staff said "we can\'t do that" without offering anything.', zh: "店员说“我们做不到”，也没有给其他办法。" },
  ],
  welcome: [{ en: "Waited ten minutes before anyone greeted me.", zh: "等了十分钟都没人接待。" }],
  answering: [
    { en: "The hotline rang for ages before anyone picked up.", zh: "热线响了很久才有人接。" },
    { en: "Put on hold twice and then cut off.", zh: "被转接等待两次后电话被挂断。" },
  ],
  hold_transfer: [{ en: "Transferred four times, nobody owned the problem.", zh: "被转了四次，没有人负责解决。" }],
  complaint_handling: [{ en: "My earlier complaint was never answered.", zh: "之前的投诉一直没有回复。" }],
};
const FALLBACK_PROBLEM = { en: "Unhappy with how the visit went.", zh: "对这次服务不满意。" };
const PRODUCTS = [
  "Electric kettle",
  "电饭煲",
  "Bluetooth headphones",
  "空气净化器",
  "Phone plan",
  "会员卡",
  "Rice cooker",
];
const NAMES = ["Wang Fang", "李强", "Zhang Wei", "刘洋", "Chen Jing", "赵敏", "Sun Li", "周杰"];
const REMEDIES = ["refund", "exchange", "repair", "discount", "gift", "apology_only"] as const;

function sectionOf(document: ChecklistDocument, itemKey: string): string | null {
  return document.sections.find((s) => s.items.some((i) => i.key === itemKey))?.key ?? null;
}

type Row = Record<string, unknown> & { id: string; receivedAt: number };

export function generateDemoComplaints(input: ComplaintHistoryInput): { complaints: Row[]; events: SeedEvent[] } {
  const rng = new Rng(input.seed ?? 1717);
  // Demo Retail's calendar: China's public holidays and adjusted working days. Built here, not at
  // module level: history.ts and this module import each other.
  const CALENDAR = calendarOf(CHINA_DAYS);
  const months = input.months ?? 4;
  const start = input.now - months * 30 * DAY;
  const rows: Row[] = [];
  const events: SeedEvent[] = [];
  for (const profile of HISTORY_BRANCHES) {
    const branchId = input.branchIds[profile.code];
    if (!branchId) continue;
    const isStore = profile.channel === "store";
    const checklist = isStore ? input.checklists.store : input.checklists.call;
    const quality = Math.max(0.5, profile.base + profile.trend / 2);
    const weakItems = Object.keys(profile.weak ?? {});
    const hidden = HIDDEN_TROUBLE[profile.code];
    const perMonth = Math.max(0.5, 1 + (0.92 - quality) * 30) + weakItems.length * 1.5 + (hidden?.perMonth ?? 0);
    const count = Math.round(perMonth * months + rng.normal());
    const actorId = profile.code === "BJ-001" ? input.managerId : input.adminId;
    const actor = { userId: actorId, role: profile.code === "BJ-001" ? "branch_manager" : "admin" };
    for (let i = 0; i < count; i++) {
      const receivedAt = start + Math.floor(rng.next() * (input.now - start - 2 * HOUR));
      // What it is about: the branch's weak spots first, its hidden trouble, else any section.
      const roll = rng.next();
      const item =
        weakItems.length && roll < 0.65
          ? rng.pick(weakItems)
          : hidden && roll < 0.8
            ? hidden.item
            : rng.pick(checklist.document.sections.flatMap((s) => s.items.map((it) => it.key)));
      const sectionKey = sectionOf(checklist.document, item) ?? checklist.document.sections[0]?.key ?? "";
      const problem = rng.pick(PROBLEMS[sectionKey] ?? [FALLBACK_PROBLEM]);
      const zh = rng.chance(0.6);
      const age = input.now - receivedAt;
      const slow = 1 + (0.92 - quality) * 12 + (weakItems.length ? 0.5 : 0);
      const { acknowledgeBy, remedyBy, resolveBy } = complaintDeadlines(receivedAt, SETTINGS, ZONE, CALENDAR);
      const ackAfter = Math.max(0.3, (2 + rng.next() * 20) * slow) * HOUR;
      const remedyAfter = ackAfter + Math.max(4, (1 + rng.next() * 3) * slow * DAY * 0.6);
      const resolveAfter = remedyAfter + Math.max(2 * HOUR, rng.next() * 6 * slow * DAY);
      const acknowledgedAt = age > ackAfter ? receivedAt + ackAfter : null;
      const remedyProposedAt = acknowledgedAt && age > remedyAfter ? receivedAt + remedyAfter : null;
      const resolvedAt = remedyProposedAt && age > resolveAfter ? receivedAt + resolveAfter : null;
      const followUpDue = resolvedAt ? followUpTime(resolvedAt, ZONE, CALENDAR) : null;
      // Most resolved complaints get their follow-up call within days; some are closed without
      // one (customer unreachable), a few wait past their due time.
      const fate = rng.next();
      const followedUpAt =
        followUpDue && input.now > followUpDue + 3 * DAY && fate < 0.7 ? followUpDue + rng.int(0, 2) * DAY : null;
      const closedAt =
        followUpDue && !followedUpAt && input.now > followUpDue + 3 * DAY && fate < 0.88 ? followUpDue + DAY : null;
      const satisfaction = followedUpAt
        ? Math.min(5, Math.max(1, Math.round(1 + (quality - 0.6) * 10 + rng.normal() * 0.8)))
        : null;
      const status = followedUpAt
        ? "followed_up"
        : closedAt
          ? "closed"
          : resolvedAt
            ? "resolved"
            : remedyProposedAt
              ? "remedy_proposed"
              : acknowledgedAt
                ? "acknowledged"
                : "new";
      const remedyKind = remedyProposedAt ? rng.pick(REMEDIES) : null;
      const remedyAmountCents = remedyKind === "refund" || remedyKind === "discount" ? rng.int(2, 60) * 1000 : null;
      const consent = rng.chance(0.75);
      const name = rng.pick(NAMES);
      const id = rng.uuid();
      const summary = Boolean(
        resolvedAt && withinSummaryWindow(receivedAt, resolvedAt, SETTINGS.complaintSummaryDays, ZONE, CALENDAR),
      );
      const channel = isStore ? rng.pick(["in_store", "in_store", "online", "social"] as const) : "phone";
      rows.push({
        id,
        organizationId: input.organizationId,
        branchId,
        channel,
        receivedAt,
        product: rng.pick(PRODUCTS),
        problem: zh ? problem.zh : problem.en,
        wants: zh ? "希望尽快解决" : "A fix, quickly",
        purchaseDate: null,
        purchasePlace: "",
        customerName: consent ? name : "",
        customerPhone: consent ? `+86 139 ${String(rng.int(1000, 9999))} ${String(rng.int(1000, 9999))}` : "",
        customerEmail: "",
        contactConsent: consent,
        categories: [{ checklistId: checklist.id, sectionKey, itemKey: item }],
        tags: [],
        transcript: "",
        status,
        acknowledgeBy,
        remedyBy,
        resolveBy,
        acknowledgedAt,
        acknowledgedBy: acknowledgedAt ? actorId : null,
        remedyKind,
        remedyAmountCents,
        remedyNote: "",
        remedyProposedAt,
        remedyProposedBy: remedyProposedAt ? actorId : null,
        resolution: resolvedAt ? (zh ? "已按客户要求处理" : "Done as the customer asked") : "",
        summaryResolution: summary,
        resolvedAt,
        resolvedBy: resolvedAt ? actorId : null,
        followUpDue,
        satisfaction,
        followUpComment: satisfaction ? (satisfaction >= 4 ? "满意" : "Still not happy") : "",
        followedUpAt,
        followedUpBy: followedUpAt ? actorId : null,
        closeReason: closedAt ? "Customer could not be reached" : "",
        closedAt,
        closedBy: closedAt ? actorId : null,
        contactErasedAt: null,
        loggedBy: actorId,
        createdAt: receivedAt,
        updatedAt: followedUpAt ?? closedAt ?? resolvedAt ?? remedyProposedAt ?? acknowledgedAt ?? receivedAt,
        version: 1 + [acknowledgedAt, remedyProposedAt, resolvedAt, followedUpAt ?? closedAt].filter(Boolean).length,
      });
      const event = (type: EventType, at: number | null, payload: Record<string, unknown>) => {
        if (at !== null) events.push({ at, actor, type, subject: { type: "complaint", id }, payload });
      };
      event("complaint.created", receivedAt, { branchId, channel, status: "new" });
      event("complaint.acknowledged", acknowledgedAt, { status: "acknowledged" });
      event("complaint.remedy_proposed", remedyProposedAt, {
        status: "remedy_proposed",
        remedyKind,
        remedyAmountCents,
      });
      event("complaint.resolved", resolvedAt, { status: "resolved", summary });
      event("complaint.followed_up", followedUpAt, { status: "followed_up", satisfaction });
      event("complaint.closed", closedAt, { status: "closed", closeReason: "Customer could not be reached" });
    }
  }
  rows.sort((a, b) => a.receivedAt - b.receivedAt);
  return { complaints: rows, events };
}

/** Typical monthly footfall of Demo Retail's stores (call centres: left unknown, so per audit). */
export const DEMO_FOOTFALL: Record<string, number> = {
  "BJ-001": 42000,
  "BJ-002": 26000,
  "SH-001": 38000,
  "SH-002": 30000,
  "GZ-001": 28000,
  "GZ-002": 24000,
  "HF-001": 12000,
  "SZ-003": 18000,
};
