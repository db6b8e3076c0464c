/**
 * Roll-up writes: the statements that add one audit's delta (worker/domain/rollups.ts) to the
 * roll-up tables, for the caller to put in the same D1 batch as the audit itself, and the full
 * rebuild from raw data. Each delta is 3 statements with a handful of parameters (items and
 * sections travel as one JSON parameter), whatever the checklist's size.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { rollupItems, rollupScores, rollupSections } from "../../schema";
import type { RollupDelta } from "../domain/rollups";
import type { Db } from "./db";

export interface RollupTarget {
  organizationId: string;
  branchId: string;
  /** YYYY-MM in the branch's time zone. */
  month: string;
  checklistVersionId: string;
  checklistId: string;
}

/**
 * The statements that apply `delta` to the roll-ups of `target` (a withdrawal, with negative
 * counts, also removes rows it empties, so incremental roll-ups equal a rebuild row for row).
 */
export function rollupStatements(db: Db, target: RollupTarget, delta: RollupDelta): BatchItem<"sqlite">[] {
  const { organizationId: org, branchId: branch, month, checklistVersionId: version, checklistId: checklist } = target;
  const key = sql`${org}, ${branch}, ${month}, ${version}, ${checklist}`;
  const add = (column: { name: string }) => sql.raw(`"${column.name}" + excluded."${column.name}"`);
  const statements: BatchItem<"sqlite">[] = [
    db
      .insert(rollupScores)
      .values({ ...target, ...pick(delta, ["audits", "scored", "scoreSum", "scoreSquares", "criticalFailed"]) })
      .onConflictDoUpdate({
        target: [
          rollupScores.organizationId,
          rollupScores.branchId,
          rollupScores.month,
          rollupScores.checklistVersionId,
        ],
        set: {
          audits: add(rollupScores.audits),
          scored: add(rollupScores.scored),
          scoreSum: add(rollupScores.scoreSum),
          scoreSquares: add(rollupScores.scoreSquares),
          criticalFailed: add(rollupScores.criticalFailed),
        },
      }),
  ];
  if (delta.items.length) {
    statements.push(
      db
        .insert(rollupItems)
        .select(
          sql`select ${key}, value ->> '$.itemKey', value ->> '$.passes', value ->> '$.fails', value ->> '$.nas'
            from json_each(${JSON.stringify(delta.items)}) where true`,
        )
        .onConflictDoUpdate({
          target: [
            rollupItems.organizationId,
            rollupItems.branchId,
            rollupItems.month,
            rollupItems.checklistVersionId,
            rollupItems.itemKey,
          ],
          set: { passes: add(rollupItems.passes), fails: add(rollupItems.fails), nas: add(rollupItems.nas) },
        }),
    );
  }
  if (delta.sections.length) {
    statements.push(
      db
        .insert(rollupSections)
        .select(
          sql`select ${key}, value ->> '$.sectionKey', value ->> '$.scored', value ->> '$.ratioSum'
            from json_each(${JSON.stringify(delta.sections)}) where true`,
        )
        .onConflictDoUpdate({
          target: [
            rollupSections.organizationId,
            rollupSections.branchId,
            rollupSections.month,
            rollupSections.checklistVersionId,
            rollupSections.sectionKey,
          ],
          set: { scored: add(rollupSections.scored), ratioSum: add(rollupSections.ratioSum) },
        }),
    );
  }
  if (delta.audits < 0) {
    // A withdrawal removes the rows it empties: a rebuild has no all-zero rows either.
    const at = <T extends typeof rollupScores | typeof rollupItems | typeof rollupSections>(table: T) =>
      and(
        eq(table.organizationId, org),
        eq(table.branchId, branch),
        eq(table.month, month),
        eq(table.checklistVersionId, version),
      );
    statements.push(
      db.delete(rollupScores).where(and(at(rollupScores), eq(rollupScores.audits, 0))),
      db
        .delete(rollupItems)
        .where(and(at(rollupItems), eq(rollupItems.passes, 0), eq(rollupItems.fails, 0), eq(rollupItems.nas, 0))),
      db.delete(rollupSections).where(and(at(rollupSections), eq(rollupSections.scored, 0))),
    );
  }
  return statements;
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

/**
 * Recomputes every roll-up of an organisation from its published audits (their stored score
 * results), in one batch: what `npm run db:rollups` runs, and what the property test compares
 * the incremental updates with. Rows read grow with the audits (it reads them all, once).
 */
export async function rebuildRollups(db: Db, organizationId: string): Promise<void> {
  const org = organizationId;
  await db.batch([
    db.delete(rollupScores).where(eq(rollupScores.organizationId, org)),
    db.delete(rollupItems).where(eq(rollupItems.organizationId, org)),
    db.delete(rollupSections).where(eq(rollupSections.organizationId, org)),
    db.insert(rollupScores).select(sql`select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
        v.checklist_id, count(*), count(a.score), coalesce(sum(cast(round(a.score * 10000) as integer)), 0),
        coalesce(sum(cast(round(a.score * 10000) as integer) * cast(round(a.score * 10000) as integer)), 0),
        sum(a.critical_failed)
      from audits a join checklist_versions v on v.id = a.checklist_version_id
      where a.organization_id = ${org} and a.status = 'published'
      group by a.branch_id, a.visit_month, a.checklist_version_id`),
    db.insert(rollupItems).select(sql`select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
        v.checklist_id, i.value ->> '$.key', sum(i.value ->> '$.outcome' = 'pass'),
        sum(i.value ->> '$.outcome' in ('fail', 'partial')), sum(i.value ->> '$.outcome' = 'na')
      from audits a join checklist_versions v on v.id = a.checklist_version_id,
        json_each(a.score_result, '$.sections') s, json_each(s.value, '$.items') i
      where a.organization_id = ${org} and a.status = 'published'
        and i.value ->> '$.outcome' in ('pass', 'fail', 'partial', 'na')
      group by a.branch_id, a.visit_month, a.checklist_version_id, i.value ->> '$.key'`),
    db.insert(rollupSections).select(sql`select a.organization_id, a.branch_id, a.visit_month, a.checklist_version_id,
        v.checklist_id, s.value ->> '$.key', count(*), sum(cast(round((s.value ->> '$.ratio') * 10000) as integer))
      from audits a join checklist_versions v on v.id = a.checklist_version_id, json_each(a.score_result, '$.sections') s
      where a.organization_id = ${org} and a.status = 'published' and s.value ->> '$.ratio' is not null
      group by a.branch_id, a.visit_month, a.checklist_version_id, s.value ->> '$.key'`),
  ]);
}
