/**
 * "Your data" as a JSON document written while it is read (docs/PRIVACY.md): the profile,
 * memberships and sessions first, then each list page by page across the person's
 * organisations. The Worker holds one page and one ~16 KB chunk at a time, and the stream is
 * pulled, so a slow download never makes it read ahead.
 */

import { parseJsonColumn } from "../data/db";
import type { MyDataList, MyMembershipRow } from "../data/my-data";

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Bytes gathered before a chunk goes out. */
const CHUNK_CHARS = 16_384;

export interface MyDataInput {
  now: number;
  profile: {
    id: string;
    email: string;
    displayName: string;
    locale: string;
    emailMode: string;
    timeZone: string;
    twoFactorSince: number | null;
    createdAt: number;
  };
  memberships: readonly MyMembershipRow[];
  sessions: ReadonlyArray<{ createdAt: number; lastSeenAt: number; expiresAt: number }>;
  pageSize: number;
  lists: readonly MyDataList[];
  read: (list: MyDataList, organizationId: string, cursor: string | null) => Promise<object[]>;
}

/** Times as ISO strings wherever a row has them (`…At` members in milliseconds). */
function withIsoTimes(row: object): object {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = key.endsWith("At") && typeof value === "number" ? iso(value) : value;
  }
  return out;
}

function presentMembership(m: MyMembershipRow) {
  return {
    organization: { id: m.organizationId, name: { en: m.organizationEn, zh: m.organizationZh } },
    role: m.role,
    status: m.status,
    label: m.label,
    scope: {
      regionIds: parseJsonColumn<string[]>(m.regionIds) ?? [],
      branchIds: parseJsonColumn<string[]>(m.branchIds) ?? [],
    },
    acceptedAt: iso(m.acceptedAt),
    createdAt: iso(m.createdAt),
    /** The visits the person takes as a shopper (null: no shopper profile here). */
    shopperProfile: m.coverage === null ? null : parseJsonColumn<Record<string, unknown>>(m.coverage),
  };
}

async function* pieces(input: MyDataInput): AsyncGenerator<string> {
  const { profile } = input;
  const head = {
    format: "courtesy-my-data/1",
    exportedAt: iso(input.now),
    profile: {
      id: profile.id,
      email: profile.email,
      displayName: profile.displayName,
      locale: profile.locale,
      emailMode: profile.emailMode,
      timeZone: profile.timeZone,
      twoFactor: profile.twoFactorSince !== null,
      twoFactorSince: iso(profile.twoFactorSince),
      createdAt: iso(profile.createdAt),
    },
    memberships: input.memberships.map(presentMembership),
    sessions: input.sessions.map((s) => ({
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
    })),
  };
  const text = JSON.stringify(head);
  yield text.slice(0, -1);
  const organizationIds = [...new Set(input.memberships.map((m) => m.organizationId))];
  for (const list of input.lists) {
    yield `,${JSON.stringify(list.name)}:[`;
    let first = true;
    for (const organizationId of organizationIds) {
      let cursor: string | null = null;
      for (;;) {
        const rows = await input.read(list, organizationId, cursor);
        for (const row of rows) {
          yield (first ? "" : ",") + JSON.stringify(withIsoTimes(row));
          first = false;
        }
        const last = rows.at(-1) as Record<string, unknown> | undefined;
        if (rows.length < input.pageSize || !last) break;
        cursor = String(last[list.key]);
      }
    }
    yield "]";
  }
  yield "}";
}

/** The export as a pulled stream of UTF-8 JSON. */
export function presentMyData(input: MyDataInput): ReadableStream<Uint8Array> {
  const source = pieces(input);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARS) {
        const next = await source.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
