/**
 * The daily digest (docs/JOBS.md): a person with `emailMode = "daily"` gets no email per
 * notification (`notifyStatements`) and, at the first run after 08:00 in their time zone, one
 * email listing their unread notifications since the last digest — none when there are none.
 * `digestSentAt` moves in the same batch as the email, guarded by the value read, so two runs
 * at once send one digest.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { chunk, type Db, parseJsonColumn } from "../data/db";
import {
  type DigestCandidate,
  digestCandidatesQuery,
  digestEntriesQuery,
  digestMailStatement,
  digestMarkStatement,
} from "../data/jobs";
import { digestDue, digestSince } from "../domain/jobs";
import { DIGEST_MAX_LINES, digestText, retentionCutoff } from "../domain/notifications";

/** People read per page, and per write batch (each: a guarded mark and maybe its email). */
const DIGEST_PAGE = 200;
const DIGESTS_PER_BATCH = 40;

/** What the digest did in one run. */
export interface DigestReport {
  /** Digests written (emails). */
  sent: number;
  /** People due with nothing unread: marked, no email. */
  empty: number;
}

/** `digestDue`, with a time zone the runtime does not know (never stored by the API) as never due. */
function isDue(person: DigestCandidate, now: number): boolean {
  try {
    return digestDue(now, person.timeZone, person.digestSentAt);
  } catch {
    return false;
  }
}

/** The statements of one group of due people: read their unread notifications, then mark and mail each. */
async function sendGroup(db: Db, group: readonly DigestCandidate[], now: number, report: DigestReport) {
  const cutoff = retentionCutoff(now);
  const [firstRead, ...restReads] = group.map((person) =>
    digestEntriesQuery(db, person.id, digestSince(now, person.digestSentAt), cutoff, DIGEST_MAX_LINES),
  );
  if (!firstRead) return;
  const lists = await db.batch([firstRead, ...restReads]);
  const writes: BatchItem<"sqlite">[] = [];
  const mailAt: number[] = [];
  group.forEach((person, index) => {
    const entries = lists[index] ?? [];
    writes.push(digestMarkStatement(db, person.id, person.digestSentAt, now));
    const newest = entries[0];
    if (!newest) return;
    const text = digestText(
      entries.map((entry) => ({ kind: entry.kind, payload: parseJsonColumn<Record<string, unknown>>(entry.payload) })),
      Number(newest.total),
      person.locale,
    );
    mailAt.push(writes.length);
    writes.push(
      digestMailStatement(db, {
        userId: person.id,
        organizationId: newest.organizationId,
        subject: text.subject,
        body: text.body,
        now,
      }),
    );
  });
  const [first, ...rest] = writes;
  if (!first) return;
  const results = await db.batch([first, ...rest]);
  const sent = mailAt.filter((at) => ((results[at] as D1Result | undefined)?.meta?.changes ?? 0) > 0).length;
  report.sent += sent;
  report.empty += group.length - mailAt.length;
}

/**
 * Sends every digest due at `now` (people in pages of `DIGEST_PAGE`, at most `maxPages`); one
 * failing group is logged and the others go on. Does nothing when email is not configured.
 */
export async function sendDigests(db: Db, now: number, maxPages: number, failures: string[]): Promise<DigestReport> {
  const report: DigestReport = { sent: 0, empty: 0 };
  let after = "";
  for (let page = 0; page < maxPages; page++) {
    const people = await digestCandidatesQuery(db, now, after, DIGEST_PAGE);
    const due = people.filter((person) => isDue(person, now));
    for (const group of chunk(due, DIGESTS_PER_BATCH)) {
      try {
        await sendGroup(db, group, now, report);
      } catch (error) {
        failures.push(`digest:${group[0]?.id}`);
        console.error(JSON.stringify({ level: "error", job: "digest", error: String(error) }));
      }
    }
    const last = people.at(-1);
    if (!last || people.length < DIGEST_PAGE) break;
    after = last.id;
  }
  return report;
}
