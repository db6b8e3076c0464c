/**
 * `jsonInsertStatements` (the bulk writer of seeds and imports): a key left out of a row takes the
 * column's plain default, as an INSERT … VALUES would, so a column added later with a default does
 * not break rows written without it.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { assignments, organizations } from "../../schema";
import { jsonInsertStatements } from "../../worker/data/db";
import { createOrganization } from "./factory";
import { db } from "./helpers";

it("a left-out key takes the column's default; a given null stays null", async () => {
  const org = await createOrganization();
  const id = crypto.randomUUID();
  const [first, ...rest] = jsonInsertStatements(db(), assignments, [
    {
      id,
      organizationId: org.id,
      branchId: org.branchIds.north1,
      checklistVersionId: org.versionIds.store,
      shopperId: org.people.shopper.id,
      windowStart: "2026-03-01",
      windowEnd: "2026-03-07",
      roundId: null,
      createdAt: 1,
      updatedAt: 1,
    },
  ]);
  if (first) await db().batch([first, ...rest]);
  const [row] = await db().select().from(assignments).where(eq(assignments.id, id));
  expect(row).toMatchObject({ status: "open", scenario: "", scenarioZh: "", feeCents: 0, roundId: null });
});

it("a left-out required column with an SQL default takes it (a JSON list, the time)", async () => {
  const id = crypto.randomUUID();
  const before = Date.now();
  const [first, ...rest] = jsonInsertStatements(db(), organizations, [
    { id, slug: `s-${id}`, nameEn: "Bulk", nameZh: "批量" },
  ]);
  if (first) await db().batch([first, ...rest]);
  const [row] = await db().select().from(organizations).where(eq(organizations.id, id));
  expect(row?.flagThresholds).toEqual({});
  expect(row?.createdAt).toBeGreaterThanOrEqual(before - 1000);
});
