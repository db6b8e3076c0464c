/**
 * Roll-ups kept exact: random sequences of publish / change / remove, applied incrementally in
 * the same batches the app uses, must leave the roll-up tables equal, row for row, to a full
 * rebuild from raw data. Runs in workerd against the migrated D1.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RollupAudit, rescoreAudit, withdrawAudit } from "../../worker/data/audits";
import { getBranch, updateBranch } from "../../worker/data/branches";
import { rebuildRollups } from "../../worker/data/rollups";
import { listItems } from "../../worker/domain/checklists";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";
import { STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";
import { createOrganization } from "./factory";
import { db, publishAuditRow } from "./helpers";
import { readRollups } from "./rollup-helpers";

const NOW = Date.parse("2026-06-15T04:00:00Z");
const MONTHS = ["2026-04", "2026-05", "2026-06"];
const doc = STORE_VISIT_TEMPLATE;
const scoredItems = listItems(doc)
  .map((entry) => entry.item)
  .filter((i) => i.kind !== "text" && i.kind !== "photo");

/** Every answer an item can take (and N/A where allowed); `undefined` leaves it unanswered. */
function choicesFor(item: (typeof scoredItems)[number]): Array<Answer | undefined> {
  const values: Array<boolean | number | string> =
    item.kind === "yes_no"
      ? [true, false]
      : item.kind === "scale"
        ? [item.min, item.max, Math.round((item.min + item.max) / 2)]
        : item.kind === "choice"
          ? item.options.map((o) => o.key)
          : [0, 1, 3, 8, 45, 300];
  return [
    ...values.map((value) => ({ item: item.key, value })),
    ...(item.naAllowed ? [{ item: item.key, na: true }] : []),
    undefined,
  ];
}

const answersArb = fc
  .tuple(...scoredItems.map((item) => fc.constantFrom(...choicesFor(item))))
  .map((list) => list.filter((a): a is Answer => a !== undefined));

type Command =
  | { kind: "publish"; branch: number; month: number; answers: Answer[] }
  | { kind: "change"; pick: number; answers: Answer[] }
  | { kind: "remove"; pick: number }
  | { kind: "move"; branch: number; region: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("publish" as const),
      branch: fc.nat(1),
      month: fc.nat(2),
      answers: answersArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("change" as const), pick: fc.nat(), answers: answersArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("move" as const), branch: fc.nat(1), region: fc.nat(1) }),
  },
);

/**
 * A fresh factory organisation: its store checklist, two regions (north, east) with a branch
 * each (north1, east1) that commands move between them, and a shopper.
 */
async function makeOrganization() {
  const made = await createOrganization();
  return {
    org: made.id,
    shopper: made.people.shopper.id,
    versionId: made.versionIds.store,
    checklistId: made.checklistIds.store,
    branchIds: [made.branchIds.north1, made.branchIds.east1],
    regionIds: [made.regionIds.north, made.regionIds.east],
  };
}

describe("roll-ups", () => {
  it("incremental updates equal a full rebuild after any publish / change / remove / move sequence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (commands) => {
        const database = db();
        const { org, shopper, versionId, checklistId, branchIds, regionIds } = await makeOrganization();
        const live: RollupAudit[] = [];
        for (const command of commands) {
          if (command.kind === "publish") {
            const branchId = branchIds[command.branch] ?? "";
            const month = MONTHS[command.month] ?? "2026-06";
            const result = scoreAudit(doc, command.answers);
            const id = await publishAuditRow({
              organizationId: org,
              branchId,
              checklistVersionId: versionId,
              checklistId,
              shopperId: shopper,
              month,
              result,
              now: NOW,
            });
            live.push({
              id,
              organizationId: org,
              branchId,
              visitMonth: month,
              checklistVersionId: versionId,
              checklistId,
              scoreResult: result,
              status: "published",
            });
          } else if (command.kind === "move") {
            // A branch moving region takes its roll-ups along (the rebuild groups by today's region).
            const branch = await getBranch(database, org, branchIds[command.branch] ?? "");
            if (!branch) throw new Error("no such branch");
            await updateBranch(database, org, branch, { regionId: regionIds[command.region] ?? "" }, { actor: null });
          } else if (live.length > 0) {
            const index = command.pick % live.length;
            const audit = live[index] as RollupAudit;
            if (command.kind === "change") {
              const next = scoreAudit(doc, command.answers);
              await rescoreAudit(database, audit, next);
              live[index] = { ...audit, scoreResult: next };
            } else {
              await withdrawAudit(database, audit);
              live.splice(index, 1);
            }
          }
        }
        const incremental = await readRollups(org);
        await rebuildRollups(database, org);
        const rebuilt = await readRollups(org);
        expect(incremental).toEqual(rebuilt);
        // The rebuild is not trivially empty: every published audit is counted once.
        const counted = rebuilt.scores.reduce((n, row) => n + (JSON.parse(row) as { audits: number }).audits, 0);
        expect(counted).toBe(live.length);
        const inRegions = rebuilt.regionScores.reduce(
          (n, row) => n + (JSON.parse(row) as { audits: number }).audits,
          0,
        );
        expect(inRegions).toBe(live.length);
        const inOrganization = rebuilt.orgScores.reduce(
          (n, row) => n + (JSON.parse(row) as { audits: number }).audits,
          0,
        );
        expect(inOrganization).toBe(live.length);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
