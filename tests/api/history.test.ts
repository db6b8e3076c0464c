/**
 * The demo history written into a real (test) D1, in a throwaway organisation of its own rather
 * than a factory one (./factory): the generator needs Demo Retail's 24 branch codes and six shoppers.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { beforeAll, describe, expect, it } from "vitest";
import { answers, assignments, audits, branches, memberships, regions, users } from "../../schema";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { canonicalJson } from "../../worker/domain/audits";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type Answer, scoreAudit } from "../../worker/domain/scoring";
import { sha256Hex } from "../../worker/lib/crypto";
import { generateDemoHistory, HISTORY_BRANCHES, type HistoryTarget, seedDemoHistory } from "../../worker/seed/history";
import { CALL_CENTRE_TEMPLATE, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";
import { db, uniqueEmail } from "./helpers";

const NOW = Date.parse("2026-06-15T04:00:00Z");
const MONTHS = 3;

/** A new organisation with the 24 demo branch codes, six shoppers and an admin. */
async function makeTarget(): Promise<HistoryTarget> {
  const database = db();
  const organizationId = `history-${crypto.randomUUID()}`;
  const regionId = `${organizationId}-region`;
  const people = ["admin", "s1", "s2", "s3", "s4", "s5", "s6"].map((who) => ({
    id: `${organizationId}-${who}`,
    role: who === "admin" ? ("admin" as const) : ("shopper" as const),
  }));
  const statements: BatchItem<"sqlite">[] = [
    ...createOrganizationStatements(
      database,
      { id: organizationId, slug: organizationId, nameEn: "History Test", nameZh: "历史测试" },
      NOW,
    ),
    database.insert(regions).values({ id: regionId, organizationId, code: "ALL", nameEn: "All", nameZh: "全部" }),
    ...HISTORY_BRANCHES.map((b) =>
      database.insert(branches).values({
        id: `${organizationId}-${b.code.toLowerCase()}`,
        organizationId,
        regionId,
        code: b.code,
        nameEn: b.code,
        nameZh: b.code,
        channel: b.channel,
      }),
    ),
    ...people.flatMap((p) => [
      database.insert(users).values({ id: p.id, email: uniqueEmail(p.role), displayName: p.id }),
      database
        .insert(memberships)
        .values({ id: `${p.id}-m`, userId: p.id, organizationId, role: p.role, acceptedAt: 1 }),
    ]),
  ];
  const [first, ...rest] = statements;
  if (first) await database.batch([first, ...rest]);
  return {
    organizationId,
    branchIds: Object.fromEntries(HISTORY_BRANCHES.map((b) => [b.code, `${organizationId}-${b.code.toLowerCase()}`])),
    shopperIds: people.slice(1).map((p) => p.id),
    createdBy: people[0]?.id ?? null,
    reviewerId: people[0]?.id ?? "",
  };
}

async function counts(organizationId: string) {
  const database = db();
  const [a] = await database.select({ n: count() }).from(audits).where(eq(audits.organizationId, organizationId));
  const [s] = await database
    .select({ n: count() })
    .from(assignments)
    .where(eq(assignments.organizationId, organizationId));
  const [r] = await database
    .select({ n: count() })
    .from(answers)
    .innerJoin(audits, eq(audits.id, answers.auditId))
    .where(eq(audits.organizationId, organizationId));
  return { audits: a?.n ?? 0, assignments: s?.n ?? 0, answers: r?.n ?? 0 };
}

describe("seedDemoHistory", () => {
  let target: HistoryTarget;
  let created: { audits: number; assignments: number };

  beforeAll(async () => {
    target = await makeTarget();
    created = await seedDemoHistory(db(), NOW, { months: MONTHS, target });
  });

  it("writes audits, their answers and assignments, open work included", async () => {
    expect(created.audits).toBeGreaterThan(300);
    expect(created.assignments).toBe(created.audits + 8);
    const stored = await counts(target.organizationId);
    expect(stored.audits).toBe(created.audits);
    expect(stored.assignments).toBe(created.assignments);
    expect(stored.answers).toBeGreaterThan(created.audits * 20);

    const open = await db()
      .select({ shopperId: assignments.shopperId })
      .from(assignments)
      .where(and(eq(assignments.organizationId, target.organizationId), eq(assignments.status, "open")));
    expect(open).toHaveLength(8);
    expect(open.filter((a) => a.shopperId === target.shopperIds[0])).toHaveLength(5);
  });

  it("stores what the generator made, scored and hashed like a real submission", async () => {
    const database = db();
    const rows = await database.select().from(audits).where(eq(audits.organizationId, target.organizationId));
    const sample = rows.slice(0, 40);
    const answerRows = await database
      .select()
      .from(answers)
      .where(
        inArray(
          answers.auditId,
          sample.map((a) => a.id),
        ),
      );
    const docs: Record<string, ChecklistDocument> = {
      visit: STORE_VISIT_TEMPLATE,
      phone_call: CALL_CENTRE_TEMPLATE,
    };

    // The same generator run gives the same reports: their hashes are what was stored.
    const versionIds = Object.fromEntries(rows.map((a) => [a.contact, a.checklistVersionId]));
    const again = generateDemoHistory({
      now: NOW,
      months: MONTHS,
      target,
      versions: {
        store: { id: versionIds.visit ?? "", document: STORE_VISIT_TEMPLATE },
        call_centre: { id: versionIds.phone_call ?? "", document: CALL_CENTRE_TEMPLATE },
      },
    });

    for (const audit of sample) {
      const doc = docs[audit.contact];
      if (!doc) throw new Error(audit.contact);
      const given: Answer[] = answerRows
        .filter((r) => r.auditId === audit.id)
        .map((r) => (r.na ? { item: r.itemKey, na: true } : { item: r.itemKey, value: r.value ?? undefined }));
      const result = scoreAudit(doc, given);
      expect(audit.score).toBe(result.score);
      expect(audit.scoreResult).toEqual(result);
      expect(audit.status).toBe("published");

      const submission = again.submissions[audit.id];
      if (!submission) throw new Error(`not generated again: ${audit.id}`);
      expect(audit.contentHash).toBe(await sha256Hex(canonicalJson(submission)));
    }
  });

  it("adds nothing the second time", async () => {
    const before = await counts(target.organizationId);
    expect(await seedDemoHistory(db(), NOW + 86_400_000, { months: MONTHS, target })).toEqual({
      audits: 0,
      assignments: 0,
      events: 0,
    });
    expect(await counts(target.organizationId)).toEqual(before);
  });
});
