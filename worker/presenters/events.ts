import type { EventRow } from "../data/events";

/** An event of the audit log: what happened, to what, by whom (with the organisation's name for them), and its link in the chain. */
export function presentEvent(row: EventRow, names: ReadonlyMap<string, string>) {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    type: row.type,
    subject: { type: row.subjectType, id: row.subjectId },
    actor: row.actorId ? { id: row.actorId, role: row.actorRole, name: names.get(row.actorId) ?? null } : null,
    payload: row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
