/**
 * Delivering the email written with notifications (`mail_messages`, docs/NOTIFICATIONS.md):
 * the scheduled job (and, for an HTTP sender, the request that wrote some) hands pending rows
 * to the configured sender, counting each attempt and keeping the last error. A row is claimed
 * before it is sent (its `attempts` moves from the value read), so two deliveries running at
 * once never hand the same row over twice.
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { mailMessages } from "../../schema";
import type { MailSender } from "../lib/mail";
import { type Db, inJsonList } from "./db";

/** After this many failed attempts an email stays `failed` (the mailbox and the log show why). */
export const MAIL_MAX_ATTEMPTS = 5;

/** What one delivery pass did. */
export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/** The oldest pending emails (every organisation), through `mail_messages_status_idx`. */
function pendingQuery(db: Db, limit: number) {
  return db
    .select({
      id: mailMessages.id,
      toAddress: mailMessages.toAddress,
      subject: mailMessages.subject,
      body: mailMessages.body,
      attempts: mailMessages.attempts,
    })
    .from(mailMessages)
    .where(eq(mailMessages.status, "pending"))
    .orderBy(asc(mailMessages.createdAt))
    .limit(limit);
}

/**
 * Hands up to `limit` pending emails to `sender`. The development mailbox (`local`) needs no
 * hand-over: its rows are marked sent in one statement.
 * @example await deliverPendingMail(db, mailSender(mailSettings(env)), Date.now())
 */
export async function deliverPendingMail(
  db: Db,
  sender: MailSender | null,
  now: number,
  limit = 50,
): Promise<DeliveryReport> {
  if (!sender) return { sent: 0, retrying: 0, failed: 0 };
  if (sender.mode === "local") {
    const rows = await db
      .update(mailMessages)
      .set({ status: "sent", sentAt: now, attempts: sql`${mailMessages.attempts} + 1`, lastError: null })
      .where(
        sql`${mailMessages.id} in (select ${mailMessages.id} from ${mailMessages} where ${mailMessages.status} = 'pending' order by ${mailMessages.createdAt} limit ${limit})`,
      )
      .returning({ id: mailMessages.id });
    return { sent: rows.length, retrying: 0, failed: 0 };
  }
  const pending = await pendingQuery(db, limit);
  const [first, ...rest] = pending.map((row) =>
    db
      .update(mailMessages)
      .set({ attempts: row.attempts + 1 })
      .where(
        and(eq(mailMessages.id, row.id), eq(mailMessages.status, "pending"), eq(mailMessages.attempts, row.attempts)),
      )
      .returning({ id: mailMessages.id }),
  );
  if (!first) return { sent: 0, retrying: 0, failed: 0 };
  const claimed = new Set((await db.batch([first, ...rest])).flat().map((r) => r.id));
  const mine = pending.filter((row) => claimed.has(row.id));
  const outcomes = await Promise.allSettled(
    mine.map((row) => sender.send({ id: row.id, to: row.toAddress, subject: row.subject, body: row.body })),
  );
  const sentIds: string[] = [];
  const failures: Array<{ id: string; attempts: number; error: string }> = [];
  outcomes.forEach((outcome, index) => {
    const row = mine[index];
    if (!row) return;
    if (outcome.status === "fulfilled") sentIds.push(row.id);
    else failures.push({ id: row.id, attempts: row.attempts + 1, error: String(outcome.reason).slice(0, 500) });
  });
  const writes = [
    ...(sentIds.length
      ? [
          db
            .update(mailMessages)
            .set({ status: "sent", sentAt: now, lastError: null })
            .where(inJsonList(mailMessages.id, sentIds)),
        ]
      : []),
    ...failures.map((f) =>
      db
        .update(mailMessages)
        .set({ status: f.attempts >= MAIL_MAX_ATTEMPTS ? "failed" : "pending", lastError: f.error })
        .where(eq(mailMessages.id, f.id)),
    ),
  ];
  const [w, ...ws] = writes;
  if (w) await db.batch([w, ...ws]);
  const failed = failures.filter((f) => f.attempts >= MAIL_MAX_ATTEMPTS).length;
  return { sent: sentIds.length, retrying: failures.length - failed, failed };
}

/** The development mailbox: the newest emails (of one organisation, or all), for `npm run mail` and the dev page. */
export function mailboxQuery(db: Db, input: { organizationId?: string; limit: number }) {
  const where: SQL | undefined = input.organizationId
    ? eq(mailMessages.organizationId, input.organizationId)
    : undefined;
  return db
    .select()
    .from(mailMessages)
    .where(where)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(input.limit);
}
