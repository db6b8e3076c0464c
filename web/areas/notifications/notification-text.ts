/**
 * A notification in words (the current language) and where it leads. The words come from the
 * kind and the payload's names and figures only: a notification never carries a shopper's
 * identity or an upcoming visit to branch staff (the server writes none).
 */
import { localName } from "../../lib/formats";
import { formatDate, formatScore } from "../../lib/office-formats";
import type { LocalizedName } from "../../lib/types";
import type { NotificationItem } from "./notification-queries";
import { tn } from "./notifications-i18n";

const str = (value: unknown) => (typeof value === "string" ? value : "");

/** The branch the notification is about, in the current language. */
function branchOf(item: NotificationItem): string {
  const branch = item.payload.branch as { name?: LocalizedName } | null | undefined;
  return localName(branch?.name) || tn("kind.someBranch");
}

/** One sentence saying what happened. */
export function notificationText(item: NotificationItem): string {
  const p = item.payload;
  const branch = branchOf(item);
  const title = str(p.title);
  switch (item.kind) {
    case "report_published":
      return typeof p.score === "number"
        ? tn("kind.reportScore", { branch, score: formatScore(p.score) })
        : tn("kind.report_published", { branch });
    case "report_returned":
    case "dispute_decided":
    case "review_sla_breached":
      return tn(`kind.${item.kind}`, { branch });
    // An automatic action (from a critical failure) has no title: its sentence leaves the title out.
    case "action_due":
    case "action_returned":
      return title ? tn(`kind.${item.kind}`, { branch, title }) : tn(`kind.${item.kind}Untitled`, { branch });
    case "visit_declined":
      return tn("kind.visit_declined", {
        branch,
        shopper: str(p.shopperName),
        from: p.windowStart ? formatDate(str(p.windowStart)) : "",
        to: p.windowEnd ? formatDate(str(p.windowEnd)) : "",
      });
    case "payout_paid":
      return tn("kind.payout_paid");
    case "action_overdue": {
      const due = p.dueDate ? formatDate(str(p.dueDate)) : "";
      return title
        ? tn("kind.action_overdue", { branch, title, due })
        : tn("kind.action_overdueUntitled", { branch, due });
    }
    default:
      return tn("kind.unknown");
  }
}

/** The page the notification is about (its report, dispute or action), or null. */
export function notificationHref(item: NotificationItem): string | null {
  const id = encodeURIComponent(item.subject.id);
  switch (item.kind) {
    case "report_published":
      return `/reports/${id}`;
    case "report_returned":
      // The shopper answers a returned report's questions from their visit list.
      return "/visits";
    case "review_sla_breached":
      return `/review/${id}`;
    case "visit_declined":
      // The declined visit, where the planner can plan it again.
      return `/assignments/${id}`;
    case "dispute_decided":
      return `/disputes/${id}`;
    case "payout_paid":
      // The shopper's earnings page (docs/PAYOUTS.md).
      return "/earnings";
    case "action_due":
    case "action_overdue":
    case "action_returned":
      return `/actions/${id}`;
    default:
      return null;
  }
}
