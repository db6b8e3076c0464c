/**
 * The trail: a hash chain of events per organisation. Each event's hash is SHA-256 over the
 * previous event's hash and the canonical JSON of the event itself, so changing, removing or
 * reordering any stored event breaks every hash after it, and `verifyChain` names the first
 * sequence number that no longer matches.
 *
 * Pure: hashing uses the standard Web Crypto API (in the Worker, in Node and in browsers).
 */
import { canonicalJson } from "./audits";

/** The `prev_hash` of an organisation's first event. */
export const GENESIS_HASH = "0".repeat(64);

/** What happened, to what. Types are `<subject>.<verb>` in the past tense. */
export const EVENT_TYPES = [
  "audit.submitted",
  "audit.claimed",
  "audit.released",
  "audit.answer_edited",
  "audit.returned",
  "audit.replied",
  "audit.published",
  "audit.rejected",
  "audit.reopened",
  "checklist.published",
  "assignment.created",
  "assignment.cancelled",
  "membership.invited",
  "membership.changed",
  "region.created",
  "region.changed",
  "branch.created",
  "branch.changed",
  "organization.settings_changed",
  "account.locked",
  "export.downloaded",
  "dispute.raised",
  "dispute.decided",
  "audit.ruled",
  "audit.voided",
  "action.created",
  "action.changed",
  "action.done",
  "action.verified",
  "action.returned",
  "action.reopened",
  "action.verified_by_visit",
  "action.failed_at_visit",
  "action.escalated",
  "import.committed",
  "round.created",
  "round.cancelled",
  "round_visit.claimed",
  "round_visit.released",
  "shopper_profile.changed",
  "assignment.accepted",
  "assignment.declined",
  "expense.claimed",
  "earning.payable",
  "earning.withdrawn",
  "payout.approved",
  "payout.paid",
  "calibration.created",
  "calibration.rated",
  "calibration.closed",
  "complaint.created",
  "complaint.changed",
  "complaint.acknowledged",
  "complaint.remedy_proposed",
  "complaint.resolved",
  "complaint.followed_up",
  "complaint.closed",
  "complaint.contact_erased",
  "phrase.created",
  "phrase.changed",
  "calendar.changed",
  "audit.fixes_erased",
  "audit.photos_erased",
  "audit.deidentified",
  "user.deleted",
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "user.recovery_code_used",
  "user.data_exported",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An event as a route describes it, before it has a place in the chain. */
export interface EventDraft {
  type: EventType;
  subject: { type: string; id: string };
  payload: Record<string, unknown>;
}

/** Everything the hash covers. */
export interface EventContent {
  organizationId: string;
  seq: number;
  at: number;
  actorId: string | null;
  actorRole: string | null;
  subjectType: string;
  subjectId: string;
  type: string;
  payload: Record<string, unknown>;
  prevHash: string;
}

export interface ChainedEvent extends EventContent {
  hash: string;
}

/** The last event of a chain (null: the chain is empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The hash of an event: SHA-256 of its previous hash, a newline, and the canonical JSON of
 * every other field (keys sorted at every level, so equal content always hashes equal).
 * @example await eventHash({ ...content, prevHash: GENESIS_HASH }) // "9f2c…" (64 hex digits)
 */
export function eventHash(content: EventContent): Promise<string> {
  return sha256Hex(`${content.prevHash}\n${canonicalJson(content)}`);
}

/**
 * Places drafts after `head`, in order: consecutive sequence numbers, each linked to the one
 * before. All drafts of one request share its time and actor.
 *
 * @example
 * const [event] = await chainEvents(null, [draft], { organizationId: "o", at: now, actor: null });
 * event.seq // 1
 * event.prevHash // GENESIS_HASH
 */
export async function chainEvents(
  head: ChainHead | null,
  drafts: readonly EventDraft[],
  context: { organizationId: string; at: number; actor: { userId: string; role: string } | null },
): Promise<ChainedEvent[]> {
  const chained: ChainedEvent[] = [];
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  for (const draft of drafts) {
    seq += 1;
    const content: EventContent = {
      organizationId: context.organizationId,
      seq,
      at: context.at,
      actorId: context.actor?.userId ?? null,
      actorRole: context.actor?.role ?? null,
      subjectType: draft.subject.type,
      subjectId: draft.subject.id,
      type: draft.type,
      payload: draft.payload,
      prevHash,
    };
    const hash = await eventHash(content);
    chained.push({ ...content, hash });
    prevHash = hash;
  }
  return chained;
}

export interface ChainVerdict {
  ok: boolean;
  /** Events checked. */
  events: number;
  /** The last event's seq and hash, as stored (null for an empty chain). */
  head: ChainHead | null;
  /** The first seq whose hash, link or number does not match; null when all do. */
  firstBrokenSeq: number | null;
}

/**
 * Checks a chain page by page, so 200,000 events never sit in memory at once: feed it the
 * events in seq order, then read `verdict()`.
 *
 * @example
 * const verifier = createChainVerifier();
 * for await (const page of pages) await verifier.push(page);
 * verifier.verdict() // { ok: true, events: 1234, head: { seq: 1234, hash: "…" }, firstBrokenSeq: null }
 */
export function createChainVerifier() {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let events = 0;
  let head: ChainHead | null = null;
  let firstBrokenSeq: number | null = null;
  return {
    async push(page: readonly ChainedEvent[]): Promise<void> {
      for (const event of page) {
        events += 1;
        head = { seq: event.seq, hash: event.hash };
        if (firstBrokenSeq === null) {
          const { hash, ...content } = event;
          const broken =
            event.seq !== expectedSeq || event.prevHash !== prevHash || (await eventHash(content)) !== hash;
          if (broken) firstBrokenSeq = event.seq;
        }
        expectedSeq = event.seq + 1;
        prevHash = event.hash;
      }
    },
    verdict(): ChainVerdict {
      return { ok: firstBrokenSeq === null, events, head, firstBrokenSeq };
    },
  };
}
