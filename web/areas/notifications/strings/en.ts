/**
 * English strings of the notifications area (the bell, the notification centre, the admins'
 * email notice). They load with the bell's lazy chunk, after the first screen. `zh.ts` has the
 * same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const notificationsEn = {
  bell: {
    label: "Notifications",
    unread: (n: number) =>
      n === 0 ? "Notifications, none unread" : n === 1 ? "Notifications, 1 unread" : `Notifications, ${n} unread`,
  },
  centre: {
    title: "Notifications",
    subtitle: "What happened to your reports, disputes and corrective actions. Kept for 90 days.",
    empty: "Nothing here yet. When something needs you, it shows up here.",
    markAll: "Mark all as read",
    markRead: "Mark as read",
    unread: "Unread",
    more: "Show older",
    allRead: "All caught up.",
  },
  kind: {
    report_published: "A new report was published for {{ branch }}.",
    reportScore: "A new report was published for {{ branch }}: score {{ score }}.",
    report_returned: "Your report for {{ branch }} came back with questions from the reviewer.",
    dispute_decided: "The dispute about a report for {{ branch }} has been decided.",
    action_due: "Corrective action due today at {{ branch }}: {{ title }}",
    action_overdue: "Corrective action overdue at {{ branch }}: {{ title }} (due {{ due }})",
    action_returned: "Corrective action returned at {{ branch }}: {{ title }}",
    action_dueUntitled: "A corrective action at {{ branch }} is due today.",
    action_overdueUntitled: "A corrective action at {{ branch }} is overdue (due {{ due }}).",
    action_returnedUntitled: "A corrective action at {{ branch }} was returned.",
    review_sla_breached: "A report for {{ branch }} is past the review deadline.",
    payout_paid: "Your visit fees have been paid.",
    unknown: "Something changed.",
    someBranch: "a branch",
  },
  mail: {
    title: "Email notifications",
    local: "Development mailbox: emails are kept in the local database, not sent. List them with npm run mail.",
    http: "Emails are sent through the organisation's mail service.",
    none: "Email is not configured: people see notifications only in the app, under the bell. To send email, set MAIL_MODE (and the mail API's address and token) for this deployment; see docs/NOTIFICATIONS.md.",
    httpMissing:
      "Email is set to use a mail API, but its address or token is missing: nothing is sent until both are set.",
  },
};

export type NotificationsDictionary = Widen<typeof notificationsEn>;
