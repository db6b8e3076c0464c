/**
 * The draft journal's merge rule (web/areas/visits/visit-draft.ts newerDraft): the localStorage
 * copy written as the page was hidden with an IndexedDB write on its way wins only when it is the
 * same report and newer than IndexedDB's draft.
 */
import { describe, expect, it } from "vitest";
import { newDraft, newerDraft } from "../../web/areas/visits/visit-draft";
import type { Assignment } from "../../web/areas/visits/visits-data";
import type { DraftRecord } from "../../web/lib/local-store";

const assignment = {
  id: "as-1",
  checklist: { versionId: "v-1" },
  branch: { channel: "store" },
} as unknown as Assignment;

const stored: DraftRecord = newDraft(assignment, 1_000);
const edited = (patch: Partial<DraftRecord>): DraftRecord =>
  structuredClone({
    ...stored,
    body: { ...stored.body, staffDescription: "Young man, blue uniform." },
    updatedAt: 2_000,
    ...patch,
  });
/** As the journal keeps it: JSON. */
const asJson = (record: unknown) => JSON.parse(JSON.stringify(record)) as unknown;

describe("the draft journal", () => {
  it("takes the journal when it is the same report and newer", () => {
    const journal = asJson(edited({}));
    expect(newerDraft(stored, journal)).toEqual(journal);
  });

  it("keeps IndexedDB's draft when the journal is older or as old (IndexedDB got the write)", () => {
    expect(newerDraft(stored, asJson(edited({ updatedAt: 500 })))).toBe(stored);
    expect(newerDraft(stored, asJson(edited({ updatedAt: 1_000 })))).toBe(stored);
  });

  it("ignores a journal of another report (the key is the assignment), or with no draft left in IndexedDB (sent)", () => {
    expect(newerDraft(stored, asJson(edited({ auditId: "another" })))).toBe(stored);
    expect(newerDraft(undefined, asJson(edited({})))).toBeUndefined();
  });

  it("ignores a damaged journal", () => {
    for (const bad of [
      null,
      "text",
      42,
      {},
      { ...(asJson(edited({})) as object), body: null },
      { ...(asJson(edited({})) as object), updatedAt: "soon" },
    ])
      expect(newerDraft(stored, bad)).toBe(stored);
  });
});
