/**
 * What the shopper's pages need of the outbox without its engine (outbox.ts, outbox-runner.ts: a
 * chunk the app shell starts and a submit runs): the entries as the pages show them, re-read from
 * the phone's store, and a new entry for a finished report. Queuing a report never waits for the
 * engine's chunk; sending does.
 */
import { createSignal } from "solid-js";
import { outboxStore } from "./local-store";
import type { OutboxEntry, ReportBody } from "./outbox";
import { setUnsentCount } from "./outbox-status";

const [entries, setEntries] = createSignal<OutboxEntry[]>([]);

export { entries };

/** Replies to reviewers (reply-runner.ts, loaded on demand): how many wait, whether any is due. */
let replyCount = 0;
let replyDue = false;

/** Whether a reply to a reviewer is due (the runner's timers keep going for it). */
export const repliesDue = () => replyDue;

/** Re-reads the outbox (after a report was queued, or the engine wrote an entry). */
export async function refreshOutbox(): Promise<void> {
  const all = (await outboxStore.listEntries()).sort((a, b) => b.queuedAt - a.queuedAt);
  setEntries(all);
  setUnsentCount(all.filter((e) => e.state !== "sent").length + replyCount);
}

/** Told by the replies' runner after each change: the badge counts replies, and due ones keep the timers going. */
export function setRepliesDue(count: number, due: boolean): void {
  replyCount = count;
  replyDue = due;
  void refreshOutbox();
}

/** Photos referenced by a report, without repeats. */
export function photosOf(body: ReportBody): string[] {
  return [...new Set(body.answers.flatMap((a) => a.evidence ?? []))];
}

/** A fresh outbox entry for a finished report (the report is copied: it is frozen from now on). */
export function newOutboxEntry(auditId: string, body: ReportBody, now: number): OutboxEntry {
  return {
    auditId,
    body: structuredClone(body),
    photos: photosOf(body),
    state: "waiting",
    attempts: 0,
    lastError: null,
    queuedAt: now,
    sentAt: null,
    result: null,
  };
}
