import type { EventRow } from "../data/events";
import { withoutPersonalDetails } from "../domain/former-members";

/**
 * An event of the audit log: what happened, to what, by whom (with the organisation's name for
 * them), and its link in the chain. An event about a deleted person (`erased` holds its subject
 * id) is shown without the personal details in its payload (docs/PRIVACY.md).
 */
export function presentEvent(row: EventRow, names: ReadonlyMap<string, string>, erased?: ReadonlySet<string>) {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    type: row.type,
    subject: { type: row.subjectType, id: row.subjectId },
    actor: row.actorId ? { id: row.actorId, role: row.actorRole, name: names.get(row.actorId) ?? null } : null,
    payload: erased?.has(row.subjectId) ? withoutPersonalDetails(row.payload) : row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
