/**
 * Notifications as pure rules (docs/NOTIFICATIONS.md): how long they are kept, and what an
 * email about one says in the recipient's language. The in-app text is the web app's
 * (web/areas/notifications); an email says the same in a sentence, with nothing a branch
 * should not learn (never the shopper, never an upcoming visit).
 */
import type { ActionStatus, Locale, NotificationKind } from "../../schema/enums";
import { escalationsDue } from "./actions";

const DAY = 86_400_000;

/** Notifications are kept (and shown) for this many days, then deleted by the scheduled job. */
export const NOTIFICATION_RETENTION_DAYS = 90;

/**
 * The oldest creation time still kept at `now`: anything older is never shown and is deleted.
 * @example retentionCutoff(Date.parse("2026-04-01")) === Date.parse("2026-01-01")
 */
export function retentionCutoff(now: number): number {
  return now - NOTIFICATION_RETENTION_DAYS * DAY;
}

/**
 * Stands for the branch's name (in the recipient's language) in a mail template: the name is
 * filled in by SQL from the notification's payload (`branch.name.en` / `.zh`), so one
 * statement writes every recipient's mail.
 */
export const BRANCH_PLACEHOLDER = "{{branch}}";

/** An email's subject and plain-text body. */
export interface MailText {
  subject: string;
  body: string;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const score = (value: unknown): string => (typeof value === "number" ? String(Math.round(value * 10) / 10) : "");

type Lines = Record<Locale, (payload: Record<string, unknown>) => MailText>;

const B = BRANCH_PLACEHOLDER;

const TEMPLATES: Record<NotificationKind, Lines> = {
  report_published: {
    en: (p) => ({
      subject: `New report for ${B}`,
      body: `A mystery-shopper report for ${B} has been published${p.score == null ? "" : ` (score ${score(p.score)})`}.`,
    }),
    zh: (p) => ({
      subject: `${B}有新的报告`,
      body: `${B}的一份神秘顾客报告已发布${p.score == null ? "" : `（得分 ${score(p.score)}）`}。`,
    }),
  },
  report_returned: {
    en: () => ({
      subject: `Your report for ${B} has questions`,
      body: `A reviewer returned your report for ${B} with questions. Please answer them in the app.`,
    }),
    zh: () => ({
      subject: `您在${B}的报告有待回答的问题`,
      body: `审核员退回了您在${B}的报告并提出了问题，请在应用中回答。`,
    }),
  },
  dispute_decided: {
    en: () => ({
      subject: `Dispute decided for ${B}`,
      body: `The dispute about a report for ${B} has been decided. Open it to see each item's outcome and reason.`,
    }),
    zh: () => ({
      subject: `${B}的申诉已裁定`,
      body: `关于${B}一份报告的申诉已有裁定结果，打开即可查看每一项的结果和理由。`,
    }),
  },
  action_due: {
    en: (p) => ({
      subject: `Corrective action due: ${text(p.title)}`,
      body: `The corrective action "${text(p.title)}" for ${B} is due ${text(p.dueDate)}.`,
    }),
    zh: (p) => ({
      subject: `整改措施到期：${text(p.title)}`,
      body: `${B}的整改措施“${text(p.title)}”于 ${text(p.dueDate)} 到期。`,
    }),
  },
  action_overdue: {
    en: (p) => ({
      subject: `Corrective action overdue at ${B}`,
      body: `The corrective action "${text(p.title)}" for ${B} was due ${text(p.dueDate)} and is not done yet.`,
    }),
    zh: (p) => ({
      subject: `${B}的整改措施已逾期`,
      body: `${B}的整改措施“${text(p.title)}”应于 ${text(p.dueDate)} 完成，目前仍未完成。`,
    }),
  },
  action_returned: {
    en: (p) => ({
      subject: `Corrective action returned: ${text(p.title)}`,
      body: `The corrective action "${text(p.title)}" for ${B} was returned${text(p.reason) ? `: ${text(p.reason)}` : "."}`,
    }),
    zh: (p) => ({
      subject: `整改措施被退回：${text(p.title)}`,
      body: `${B}的整改措施“${text(p.title)}”被退回${text(p.reason) ? `：${text(p.reason)}` : "。"}`,
    }),
  },
  review_sla_breached: {
    en: () => ({
      subject: `Report for ${B} is past its review deadline`,
      body: `A report for ${B} has waited longer than the organisation's review deadline. Please review it.`,
    }),
    zh: () => ({
      subject: `${B}的报告已超过审核时限`,
      body: `${B}的一份报告等待审核的时间已超过组织设定的时限，请尽快审核。`,
    }),
  },
  visit_declined: {
    en: (p) => ({
      subject: `A shopper declined a visit to ${B}`,
      body: `${text(p.shopperName) || "A shopper"} declined the visit to ${B} planned for ${text(p.windowStart)} to ${text(p.windowEnd)}${text(p.reason) ? ` ("${text(p.reason)}")` : ""}. Plan it again for someone else if it is still needed.`,
    }),
    zh: (p) => ({
      subject: `有神秘顾客拒绝了${B}的走访`,
      body: `${text(p.shopperName) || "一位神秘顾客"}拒绝了原定于 ${text(p.windowStart)} 至 ${text(p.windowEnd)} 对${B}的走访${text(p.reason) ? `（“${text(p.reason)}”）` : ""}。如仍需要，请改派给其他人。`,
    }),
  },
  // A shopper's fees were paid out (no branch: nothing of the visits is named).
  payout_paid: {
    en: () => ({
      subject: "Your fees have been paid",
      body: "Head office has marked a payout with your visit fees as paid. Your earnings page shows each visit.",
    }),
    zh: () => ({
      subject: "您的酬金已支付",
      body: "总部已将包含您走访酬金的一笔付款标记为已支付。您可以在收入页面查看每次走访的明细。",
    }),
  },
};

const FOOTER: Record<Locale, string> = {
  en: "\n\nOpen Courtesy and look under the bell for details.\n(You receive this because you are a member of the organisation in Courtesy.)",
  zh: "\n\n请打开 Courtesy，在铃铛图标下查看详情。\n（您收到此邮件，是因为您是该组织在 Courtesy 中的成员。）",
};

/**
 * What an email about a notification says in `locale`, with `BRANCH_PLACEHOLDER` where the
 * branch's name goes. Never names the shopper or a visit to come: only the payload's title,
 * dates, score and reason.
 * @example mailText("report_published", { score: 82.5 }, "en").subject // "New report for {{branch}}"
 */
export function mailText(kind: NotificationKind, payload: Record<string, unknown>, locale: Locale): MailText {
  const mail = TEMPLATES[kind][locale](payload);
  return { subject: mail.subject, body: mail.body + FOOTER[locale] };
}

/** What the scheduled job sends for one open corrective action this run. */
export interface EscalationStep {
  /** The action's `escalations` after this run. */
  to: number;
  /** Tell the owner and the creator the action is due (the first escalation). */
  due: boolean;
  /** Tell the regional managers, at this level (1 at the due date, 2 three days later); null: nothing. */
  overdueLevel: number | null;
}

/**
 * The escalations an action has not had yet, from `escalationsDue` (domain/actions.ts) and the
 * count already sent: a second run the same day finds nothing to do. A job that missed days
 * sends only the latest level to regional managers (one notification, not a backlog).
 * @example escalationStep({ status: "open", dueDate: "2026-03-01", escalations: 0 }, "2026-03-04") // { to: 2, due: true, overdueLevel: 2 }
 */
export function escalationStep(
  action: { status: ActionStatus; dueDate: string; escalations: number },
  today: string,
): EscalationStep | null {
  const due = escalationsDue(action, today);
  if (due <= action.escalations) return null;
  return { to: due, due: action.escalations === 0, overdueLevel: due };
}

/** One notification as the daily digest lists it. */
export interface DigestEntry {
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

/** Most notifications a digest lists one by one; the rest are counted. */
export const DIGEST_MAX_LINES = 20;

const DIGEST: Record<
  Locale,
  { subject: (count: number) => string; intro: (count: number) => string; more: (n: number) => string }
> = {
  en: {
    subject: (count) => `Your Courtesy digest: ${count} unread notification${count === 1 ? "" : "s"}`,
    intro: (count) => `You have ${count} unread notification${count === 1 ? "" : "s"} since your last digest:`,
    more: (n) => `…and ${n} more.`,
  },
  zh: {
    subject: (count) => `Courtesy 每日摘要：${count} 条未读通知`,
    intro: (count) => `自上次摘要以来，您有 ${count} 条未读通知：`,
    more: (n) => `……另有 ${n} 条。`,
  },
};

/** The branch's name in `locale` from a stored payload (`branch.name`), or "" when it names none. */
function branchName(payload: Record<string, unknown>, locale: Locale): string {
  const branch = payload.branch as { name?: Partial<Record<Locale, unknown>> } | undefined;
  const name = branch?.name?.[locale];
  return typeof name === "string" ? name : "";
}

/**
 * The daily digest in `locale`: the count, then one line per notification (its email's
 * subject, with the branch named) up to `DIGEST_MAX_LINES`, then the usual footer. Only the
 * stored payloads' names and figures: never a shopper, never a visit to come.
 * @example digestText([{ kind: "report_published", payload: { branch: { name: { en: "Mall", zh: "商场" } } } }], 1, "en").subject // "Your Courtesy digest: 1 unread notification"
 */
export function digestText(entries: readonly DigestEntry[], count: number, locale: Locale): MailText {
  const words = DIGEST[locale];
  const lines = entries
    .slice(0, DIGEST_MAX_LINES)
    .map(
      (entry) =>
        `- ${TEMPLATES[entry.kind][locale](entry.payload).subject.replaceAll(B, branchName(entry.payload, locale))}`,
    );
  const more = count > lines.length ? `\n${words.more(count - lines.length)}` : "";
  return {
    subject: words.subject(count),
    body: `${words.intro(count)}\n\n${lines.join("\n")}${more}${FOOTER[locale]}`,
  };
}
