import type { NotificationKind } from "../../schema/enums";
import { parseJsonColumn } from "../data/db";
import type { NotificationRow } from "../data/notifications";
import type { MailSettings } from "../lib/mail";

/** One notification in the bell: what happened, about what, and what to show (names, figures). */
export interface NotificationBody {
  id: string;
  kind: NotificationKind;
  subject: { type: string; id: string };
  /** As written, plus `branch: {id, code, name: {en, zh}}` when it is about a branch. */
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

/** A notification row as the API shows it (to its own recipient only). */
export function presentNotification(row: NotificationRow): NotificationBody {
  return {
    id: row.id,
    kind: row.kind,
    subject: { type: row.subjectType, id: row.subjectId },
    payload: parseJsonColumn<Record<string, unknown>>(row.payload),
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
  };
}

/** Whether email goes out, for the admins' settings page (never the URL or the token). */
export interface MailStatusBody {
  configured: boolean;
  mode: MailSettings["mode"];
}

export function presentMailStatus(settings: MailSettings): MailStatusBody {
  return { configured: settings.configured, mode: settings.mode };
}
