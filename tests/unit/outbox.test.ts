/**
 * Model-based tests of the outbox (web/lib/outbox.ts): random sequences of edits, photos,
 * submissions, reloads, network drops, lost responses, server errors and killed tabs, against
 * a fake server that behaves like the real one (idempotent by id and content, photos by hash).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createOutbox,
  type OutboxEntry,
  type OutboxStore,
  type PhotoRecord,
  queueReport,
  type ReportBody,
  type SendResult,
  type Transport,
} from "../../web/lib/outbox";
import { canonicalJson } from "../../worker/domain/audits";

/** An in-memory store that survives "reloads" (like IndexedDB) and hands out copies (like structured clone). */
function memoryStore(): OutboxStore & { entries: Map<string, OutboxEntry>; photos: Map<string, PhotoRecord> } {
  const entries = new Map<string, OutboxEntry>();
  const photos = new Map<string, PhotoRecord>();
  return {
    entries,
    photos,
    listEntries: async () => [...entries.values()].map((e) => structuredClone(e)),
    getEntry: async (id) => (entries.has(id) ? structuredClone(entries.get(id)) : undefined),
    putEntry: async (e) => void entries.set(e.auditId, structuredClone(e)),
    getPhoto: async (sha) => (photos.has(sha) ? structuredClone(photos.get(sha)) : undefined),
    putPhoto: async (p) => void photos.set(p.sha256, structuredClone(p)),
    deletePhoto: async (sha) => void photos.delete(sha),
  };
}

type Fault = "ok" | "drop_before" | "drop_after" | "error_500" | "kill";

class Killed extends Error {}

/** A server with the real API's rules: same id and content → same answer; other content → 409. */
function fakeServer() {
  const audits = new Map<string, { hash: string; body: ReportBody }>();
  const byAssignment = new Map<string, string>();
  const uploads = new Set<string>();
  let faults: Fault[] = [];
  let online = true;

  async function respond(apply: () => SendResult): Promise<SendResult> {
    const fault = faults.shift() ?? "ok";
    if (!online || fault === "drop_before") return { ok: false, status: 0, code: "network_error", message: "offline" };
    if (fault === "error_500") return { ok: false, status: 500, code: "internal_error", message: "boom" };
    if (fault === "kill") throw new Killed("tab killed");
    const result = apply();
    // The server did the work but the answer never arrived.
    if (fault === "drop_after") return { ok: false, status: 0, code: "network_error", message: "timeout" };
    return result;
  }

  const transport: Transport = {
    putEvidence: (photo) =>
      respond(() => {
        uploads.add(photo.sha256);
        return { ok: true, status: 201, body: { sha256: photo.sha256 } };
      }),
    putAudit: (id, body) =>
      respond(() => {
        const hash = canonicalJson(body);
        const existing = audits.get(id);
        if (existing) {
          return existing.hash === hash
            ? { ok: true, status: 200, body: { id } }
            : { ok: false, status: 409, code: "audit_conflict", message: "different content" };
        }
        if (byAssignment.has(body.assignmentId))
          return { ok: false, status: 409, code: "conflict", message: "assignment taken" };
        const missing = body.answers.flatMap((a) => a.evidence ?? []).filter((sha) => !uploads.has(sha));
        if (missing.length) return { ok: false, status: 409, code: "evidence_missing", message: "photos missing" };
        audits.set(id, { hash, body: structuredClone(body) });
        byAssignment.set(body.assignmentId, id);
        return { ok: true, status: 201, body: { id } };
      }),
  };
  return {
    transport,
    audits,
    uploads,
    setFaults: (next: Fault[]) => {
      faults = [...next];
    },
    setOnline: (value: boolean) => {
      online = value;
    },
    forgetUploads: () => uploads.clear(),
  };
}

type Op =
  | { kind: "edit"; item: number; value: boolean }
  | { kind: "photo"; item: number }
  | { kind: "submit" }
  | { kind: "reload" }
  | { kind: "network"; online: boolean }
  | { kind: "drain"; faults: Fault[] }
  | { kind: "retry" }
  | { kind: "serverLosesPhotos" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("edit" as const), item: fc.nat(4), value: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("photo" as const), item: fc.nat(4) }) },
  { weight: 3, arbitrary: fc.constant({ kind: "submit" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "reload" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("network" as const), online: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("drain" as const),
      faults: fc.array(fc.constantFrom<Fault>("ok", "ok", "drop_before", "drop_after", "error_500", "kill"), {
        maxLength: 6,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "retry" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "serverLosesPhotos" as const }) },
);

interface Draft {
  id: string;
  assignmentId: string;
  answers: Map<number, { value: boolean; evidence: string[] }>;
}

function bodyOf(draft: Draft): ReportBody {
  return {
    assignmentId: draft.assignmentId,
    checklistVersionId: "v1",
    contact: "visit",
    visitStartedAt: "2026-11-23T09:00:00.000Z",
    visitEndedAt: "2026-11-23T09:20:00.000Z",
    staffDescription: "",
    overallComment: "",
    answers: [...draft.answers.entries()]
      .sort(([a], [b]) => a - b)
      .map(([item, a]) => ({
        item: `item_${item}`,
        value: a.value,
        ...(a.evidence.length ? { evidence: [...a.evidence] } : {}),
      })),
  };
}

async function runScenario(ops: Op[]): Promise<void> {
  const store = memoryStore();
  const server = fakeServer();
  let outbox = createOutbox(store, server.transport, () => 1);
  let counter = 0;
  const newDraft = (): Draft => ({
    id: `audit-${++counter}`,
    assignmentId: `assignment-${counter}`,
    answers: new Map(),
  });
  let draft = newDraft();
  /** What the shopper submitted, by audit id: the truth the server must end up with. */
  const submitted = new Map<string, ReportBody>();
  const acknowledged = new Set<string>();

  const checkNothingLost = async () => {
    for (const [id, body] of submitted) {
      const entry = store.entries.get(id);
      expect(entry, `entry ${id} kept`).toBeDefined();
      expect(entry?.body).toEqual(body);
      if (entry?.state !== "sent") {
        for (const sha of entry?.photos ?? [])
          expect(store.photos.has(sha), `photo ${sha} kept until acknowledged`).toBe(true);
      } else {
        acknowledged.add(id);
      }
    }
    // The server never holds a report with content other than what was submitted.
    for (const [id, stored] of server.audits) expect(stored.body).toEqual(submitted.get(id));
  };

  for (const op of ops) {
    switch (op.kind) {
      case "edit":
        draft.answers.set(op.item, { value: op.value, evidence: draft.answers.get(op.item)?.evidence ?? [] });
        break;
      case "photo": {
        const sha = `sha-${draft.id}-${op.item}-${draft.answers.get(op.item)?.evidence.length ?? 0}`;
        await store.putPhoto({
          sha256: sha,
          contentType: "image/jpeg",
          data: new Uint8Array([1, 2, 3]),
          uploaded: false,
        });
        const answer = draft.answers.get(op.item) ?? { value: false, evidence: [] };
        draft.answers.set(op.item, { ...answer, evidence: [...answer.evidence, sha] });
        break;
      }
      case "submit": {
        const body = bodyOf(draft);
        await queueReport(store, draft.id, body, counter);
        submitted.set(draft.id, body);
        draft = newDraft();
        break;
      }
      case "reload":
        outbox = createOutbox(store, server.transport, () => 1);
        break;
      case "network":
        server.setOnline(op.online);
        break;
      case "drain":
        server.setFaults(op.faults);
        try {
          await outbox.drain();
        } catch (error) {
          if (!(error instanceof Killed)) throw error;
          outbox = createOutbox(store, server.transport, () => 1); // the tab died: the app starts again
        }
        server.setFaults([]);
        break;
      case "retry":
        for (const entry of store.entries.values()) await outbox.retry(entry.auditId);
        break;
      case "serverLosesPhotos":
        server.forgetUploads();
        break;
    }
    await checkNothingLost();
  }

  // Eventually the network is good: everything arrives, exactly once, as submitted.
  server.setOnline(true);
  for (let i = 0; i < 5; i++) {
    for (const entry of store.entries.values()) await outbox.retry(entry.auditId);
    await outbox.drain();
  }
  await checkNothingLost();
  expect(server.audits.size).toBe(submitted.size);
  for (const [id, body] of submitted) {
    expect(server.audits.get(id)?.body).toEqual(body);
    expect(store.entries.get(id)?.state).toBe("sent");
    for (const sha of store.entries.get(id)?.photos ?? []) expect(store.photos.has(sha)).toBe(false);
  }
}

describe("outbox", () => {
  it("never loses or duplicates a report, whatever the network and the tab do", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => runScenario(ops)),
      { numRuns: 300 },
    );
  });

  it("a lost response is answered by a replay, not a second report", async () => {
    await runScenario([
      { kind: "edit", item: 0, value: true },
      { kind: "photo", item: 0 },
      { kind: "submit" },
      { kind: "drain", faults: ["ok", "drop_after"] },
      { kind: "drain", faults: ["drop_after"] },
      { kind: "drain", faults: [] },
    ]);
  });

  it("uploads photos again when the server says it lacks them", async () => {
    await runScenario([
      { kind: "edit", item: 1, value: false },
      { kind: "photo", item: 1 },
      { kind: "submit" },
      { kind: "drain", faults: ["ok", "error_500"] },
      { kind: "serverLosesPhotos" },
      { kind: "drain", faults: [] },
    ]);
  });

  it("keeps a report that the server refuses for good, until the shopper retries", async () => {
    const store = memoryStore();
    const transport: Transport = {
      putEvidence: async () => ({ ok: true, status: 201, body: {} }),
      putAudit: async () => ({
        ok: false,
        status: 400,
        code: "validation_failed",
        message: "Item greets has no answer",
      }),
    };
    const outbox = createOutbox(store, transport);
    const body = bodyOf({ id: "a", assignmentId: "x", answers: new Map([[0, { value: true, evidence: [] }]]) });
    await queueReport(store, "a", body, 1);
    const [entry] = await outbox.drain();
    expect(entry).toMatchObject({ state: "failed", lastError: { code: "validation_failed", permanent: true } });
    expect(entry?.body).toEqual(body);
    await outbox.drain();
    expect((await store.getEntry("a"))?.attempts).toBe(1);
    await outbox.retry("a");
    expect((await store.getEntry("a"))?.state).toBe("waiting");
  });
});
