/**
 * The replies' outbox (web/lib/reply-outbox.ts): replies survive network drops, lost answers and
 * reloads, every retry carries the same client id and content, and a server that answers a replay
 * 200 without change ends up with exactly one copy of what the shopper wrote.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SendResult } from "../../web/lib/outbox";
import {
  drainReplies,
  newReplyEntry,
  type ReplyEntry,
  type ReplyStore,
  type ReplyText,
  type ReplyTransport,
  retryReply,
} from "../../web/lib/reply-outbox";

/** Survives "reloads" like IndexedDB and hands out copies like structured clone. */
function memoryStore(): ReplyStore & { rows: Map<string, ReplyEntry> } {
  const rows = new Map<string, ReplyEntry>();
  return {
    rows,
    listReplies: async () => [...rows.values()].map((e) => structuredClone(e)),
    putReply: async (e) => void rows.set(e.clientId, structuredClone(e)),
  };
}

type Fault = "ok" | "drop_before" | "drop_after" | "error_500";

/** The real route's rule: a client id's first content stands; a replay 200, other content 409 `conflict`. */
function fakeServer() {
  const stored = new Map<string, string>();
  const sends: string[] = [];
  let faults: Fault[] = [];
  const transport: ReplyTransport = {
    postReplies: async (auditId, body): Promise<SendResult> => {
      const fault = faults.shift() ?? "ok";
      sends.push(body.clientId);
      if (fault === "drop_before") return { ok: false, status: 0, code: "network_error", message: "offline" };
      if (fault === "error_500") return { ok: false, status: 500, code: "internal_error", message: "boom" };
      const content = JSON.stringify(body.replies);
      const before = stored.get(body.clientId);
      if (before !== undefined && before !== content)
        return { ok: false, status: 409, code: "conflict", message: "other content" };
      stored.set(body.clientId, content);
      if (fault === "drop_after") return { ok: false, status: 0, code: "network_error", message: "timeout" };
      return { ok: true, status: 200, body: { id: auditId, status: "waiting" } };
    },
  };
  return {
    transport,
    stored,
    sends,
    setFaults: (f: Fault[]) => {
      faults = [...f];
    },
  };
}

const replies: ReplyText[] = [{ questionId: "q1", text: "She said: “we can order it in your size.”" }];
const entry = (clientId: string, at = 1) =>
  newReplyEntry({ clientId, auditId: "a1", assignmentId: "as1", replies }, at);

describe("replies' outbox", () => {
  it("keeps replies while offline and sends them once the network is back, under the same client id", async () => {
    const store = memoryStore();
    const server = fakeServer();
    await store.putReply(entry("client-0001"));
    server.setFaults(["drop_before", "drop_before"]);
    await drainReplies(store, server.transport);
    let [row] = await drainReplies(store, server.transport);
    expect(row?.state).toBe("waiting");
    expect(row?.attempts).toBe(2);
    [row] = await drainReplies(store, server.transport, () => 42);
    expect(row).toMatchObject({ state: "sent", sentAt: 42, lastError: null, result: { status: "waiting" } });
    expect(server.sends).toEqual(["client-0001", "client-0001", "client-0001"]);
    // Sent entries are not sent again.
    await drainReplies(store, server.transport);
    expect(server.sends).toHaveLength(3);
  });

  it("a refused reply waits for the shopper, and Try again sends it", async () => {
    const store = memoryStore();
    const server = fakeServer();
    server.stored.set("client-0002", "[]");
    await store.putReply(entry("client-0002"));
    let [row] = await drainReplies(store, server.transport);
    expect(row).toMatchObject({ state: "failed", lastError: { code: "conflict", permanent: true } });
    await drainReplies(store, server.transport);
    expect(server.sends).toHaveLength(1);
    server.stored.delete("client-0002");
    await retryReply(store, "client-0002");
    [row] = await drainReplies(store, server.transport);
    expect(row?.state).toBe("sent");
  });

  it("whatever the faults, every reply reaches the server exactly as written, once per client id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Fault>("ok", "drop_before", "drop_after", "error_500"), { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (faults, count) => {
          const store = memoryStore();
          const server = fakeServer();
          server.setFaults(faults);
          for (let i = 0; i < count; i++) await store.putReply(entry(`client-${1000 + i}`, i));
          // Runs until the faults are used up (a reload between runs changes nothing: the store is all there is).
          for (let run = 0; run < faults.length + 2; run++) await drainReplies(memoryCopy(store), server.transport);
          const rows = await store.listReplies();
          expect(rows.every((r) => r.state === "sent")).toBe(true);
          expect([...server.stored.keys()].sort()).toEqual(rows.map((r) => r.clientId).sort());
          for (const content of server.stored.values()) expect(content).toBe(JSON.stringify(replies));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The same rows behind a new object: a reload of the app. */
function memoryCopy(store: ReplyStore): ReplyStore {
  return { listReplies: () => store.listReplies(), putReply: (e) => store.putReply(e) };
}
