/**
 * Roll-up writes: the statements that add one audit's delta (worker/domain/rollups.ts) to the
 * roll-up tables, for the caller to put in the same D1 batch as the audit itself, and the full
 * rebuild from raw data. Every delta goes to three levels: the branch's rows, its region's rows
 * (the region is read from `branches` inside the statement, so callers only name the branch) and
 * the organisation's. Each level is up to 3 statements with a handful of parameters (items and
 * sections travel as one JSON parameter), whatever the checklist's size.
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  rollupItems,
  rollupOrgItems,
  rollupOrgScores,
  rollupOrgSections,
  rollupRegionItems,
  rollupRegionScores,
  rollupRegionSections,
  rollupScores,
  rollupSections,
} from "../../schema";
import type { RollupDelta } from "../domain/rollups";
import { type Db, inJsonList } from "./db";

export interface RollupTarget {
  organizationId: string;
  branchId: string;
  /** YYYY-MM in the branch's time zone. */
  month: string;
  checklistVersionId: string;
  checklistId: string;
}

type Statement = BatchItem<"sqlite">;

/**
 * Every roll-up table at the three levels (branch, region, organisation), by name: the one list
 * that the property tests (tests/api/rollup-helpers.ts) and the load bench (bench/load.ts) read
 * whole to compare the incremental rows with a rebuild.
 */
export const ROLLUP_TABLES = {
  scores: rollupScores,
  items: rollupItems,
  sections: rollupSections,
  regionScores: rollupRegionScores,
  regionItems: rollupRegionItems,
  regionSections: rollupRegionSections,
  orgScores: rollupOrgScores,
  orgItems: rollupOrgItems,
  orgSections: rollupOrgSections,
};

/** `"col" + excluded."col"`: the upsert that adds counts instead of replacing them. */
const add = (column: { name: string }) => sql.raw(`"${column.name}" + excluded."${column.name}"`);

const scoreSet = (t: typeof rollupScores | typeof rollupRegionScores | typeof rollupOrgScores) => ({
  audits: add(t.audits),
  scored: add(t.scored),
  scoreSum: add(t.scoreSum),
  scoreSquares: add(t.scoreSquares),
  criticalFailed: add(t.criticalFailed),
});
const itemSet = (t: typeof rollupItems | typeof rollupRegionItems | typeof rollupOrgItems) => ({
  passes: add(t.passes),
  fails: add(t.fails),
  nas: add(t.nas),
});
const sectionSet = (t: typeof rollupSections | typeof rollupRegionSections | typeof rollupOrgSections) => ({
  scored: add(t.scored),
  ratioSum: add(t.ratioSum),
});

/**
 * The statements that apply `delta` to the roll-ups of `target` at every level (a withdrawal,
 * with negative counts, also removes rows it empties, so incremental roll-ups equal a rebuild
 * row for row).
 */
export function rollupStatements(db: Db, target: RollupTarget, delta: RollupDelta): Statement[] {
  const { organizationId: org, branchId: branch, month, checklistVersionId: version, checklistId: checklist } = target;
  const region = sql`(select region_id from branches where id = ${branch})`;
  const branchKey = sql`${org}, ${branch}, ${month}, ${version}, ${checklist}`;
  const regionKey = sql`${org}, ${region}, ${month}, ${version}, ${checklist}`;
  const orgKey = sql`${org}, ${month}, ${version}, ${checklist}`;
  const sums = sql`${delta.audits}, ${delta.scored}, ${delta.scoreSum}, ${delta.scoreSquares}, ${delta.criticalFailed}`;
  const items = sql`value ->> '$.itemKey', value ->> '$.passes', value ->> '$.fails', value ->> '$.nas'
    from json_each(${JSON.stringify(delta.items)}) where true`;
  const sections = sql`value ->> '$.sectionKey', value ->> '$.scored', value ->> '$.ratioSum'
    from json_each(${JSON.stringify(delta.sections)}) where true`;

  const statements: Statement[] = [
    db
      .insert(rollupScores)
      .select(sql`select ${branchKey}, ${sums} where true`)
      .onConflictDoUpdate({
        target: [
          rollupScores.organizationId,
          rollupScores.branchId,
          rollupScores.month,
          rollupScores.checklistVersionId,
        ],
        set: scoreSet(rollupScores),
      }),
    db
      .insert(rollupRegionScores)
      .select(sql`select ${regionKey}, ${sums} where true`)
      .onConflictDoUpdate({
        target: [
          rollupRegionScores.organizationId,
          rollupRegionScores.regionId,
          rollupRegionScores.month,
          rollupRegionScores.checklistVersionId,
        ],
        set: scoreSet(rollupRegionScores),
      }),
    db
      .insert(rollupOrgScores)
      .select(sql`select ${orgKey}, ${sums} where true`)
      .onConflictDoUpdate({
        target: [rollupOrgScores.organizationId, rollupOrgScores.month, rollupOrgScores.checklistVersionId],
        set: scoreSet(rollupOrgScores),
      }),
  ];
  if (delta.items.length) {
    statements.push(
      db
        .insert(rollupItems)
        .select(sql`select ${branchKey}, ${items}`)
        .onConflictDoUpdate({
          target: [
            rollupItems.organizationId,
            rollupItems.branchId,
            rollupItems.month,
            rollupItems.checklistVersionId,
            rollupItems.itemKey,
          ],
          set: itemSet(rollupItems),
        }),
      db
        .insert(rollupRegionItems)
        .select(sql`select ${regionKey}, ${items}`)
        .onConflictDoUpdate({
          target: [
            rollupRegionItems.organizationId,
            rollupRegionItems.regionId,
            rollupRegionItems.month,
            rollupRegionItems.checklistVersionId,
            rollupRegionItems.itemKey,
          ],
          set: itemSet(rollupRegionItems),
        }),
      db
        .insert(rollupOrgItems)
        .select(sql`select ${orgKey}, ${items}`)
        .onConflictDoUpdate({
          target: [
            rollupOrgItems.organizationId,
            rollupOrgItems.month,
            rollupOrgItems.checklistVersionId,
            rollupOrgItems.itemKey,
          ],
          set: itemSet(rollupOrgItems),
        }),
    );
  }
  if (delta.sections.length) {
    statements.push(
      db
        .insert(rollupSections)
        .select(sql`select ${branchKey}, ${sections}`)
        .onConflictDoUpdate({
          target: [
            rollupSections.organizationId,
            rollupSections.branchId,
            rollupSections.month,
            rollupSections.checklistVersionId,
            rollupSections.sectionKey,
          ],
          set: sectionSet(rollupSections),
        }),
      db
        .insert(rollupRegionSections)
        .select(sql`select ${regionKey}, ${sections}`)
        .onConflictDoUpdate({
          target: [
            rollupRegionSections.organizationId,
            rollupRegionSections.regionId,
            rollupRegionSections.month,
            rollupRegionSections.checklistVersionId,
            rollupRegionSections.sectionKey,
          ],
          set: sectionSet(rollupRegionSections),
        }),
      db
        .insert(rollupOrgSections)
        .select(sql`select ${orgKey}, ${sections}`)
        .onConflictDoUpdate({
          target: [
            rollupOrgSections.organizationId,
            rollupOrgSections.month,
            rollupOrgSections.checklistVersionId,
            rollupOrgSections.sectionKey,
          ],
          set: sectionSet(rollupOrgSections),
        }),
    );
  }
  if (delta.audits < 0) {
    // A withdrawal removes the rows it empties: a rebuild has no all-zero rows either.
    statements.push(
      ...deleteEmptied(db, BRANCH_LEVEL, (t) =>
        and(eq(t.organizationId, org), eq(t.branchId, branch), eq(t.month, month), eq(t.checklistVersionId, version)),
      ),
      ...deleteEmptied(db, REGION_LEVEL, (t) =>
        and(
          eq(t.organizationId, org),
          sql`${t.regionId} = ${region}`,
          eq(t.month, month),
          eq(t.checklistVersionId, version),
        ),
      ),
      ...deleteEmptied(db, ORG_LEVEL, (t) =>
        and(eq(t.organizationId, org), eq(t.month, month), eq(t.checklistVersionId, version)),
      ),
    );
  }
  return statements;
}

const BRANCH_LEVEL = { scores: rollupScores, items: rollupItems, sections: rollupSections } as const;
const REGION_LEVEL = { scores: rollupRegionScores, items: rollupRegionItems, sections: rollupRegionSections } as const;
const ORG_LEVEL = { scores: rollupOrgScores, items: rollupOrgItems, sections: rollupOrgSections } as const;
type Level = typeof BRANCH_LEVEL | typeof REGION_LEVEL | typeof ORG_LEVEL;
type LevelTable<L extends Level> = L[keyof L];

/** Deletes the all-zero rows of one level's three tables under a condition. */
function deleteEmptied<L extends Level>(db: Db, level: L, at: (table: LevelTable<L>) => SQL | undefined): Statement[] {
  const { scores, items, sections } = level;
  return [
    db.delete(scores).where(and(at(scores as LevelTable<L>), eq(scores.audits, 0))),
    db.delete(items).where(and(at(items as LevelTable<L>), eq(items.passes, 0), eq(items.fails, 0), eq(items.nas, 0))),
    db.delete(sections).where(and(at(sections as LevelTable<L>), eq(sections.scored, 0))),
  ];
}

/**
 * Region-level rows rebuilt from the branch-level ones, for the given regions (all of the
 * organisation's when omitted), by each branch's region as the batch sees it at that point.
 */
function regionRebuildStatements(db: Db, organizationId: string, regionIds?: readonly string[]): Statement[] {
  const org = organizationId;
  const inRegions = regionIds ? sql`and ${inJsonList(sql`b.region_id`, regionIds)}` : sql``;
  const regionFilter = (t: typeof rollupRegionScores | typeof rollupRegionItems | typeof rollupRegionSections) =>
    regionIds ? and(eq(t.organizationId, org), inJsonList(t.regionId, regionIds)) : eq(t.organizationId, org);
  return [
    db.delete(rollupRegionScores).where(regionFilter(rollupRegionScores)),
    db.delete(rollupRegionItems).where(regionFilter(rollupRegionItems)),
    db.delete(rollupRegionSections).where(regionFilter(rollupRegionSections)),
    db.insert(rollupRegionScores).select(sql`select r.organization_id, b.region_id, r.month, r.checklist_version_id,
        r.checklist_id, sum(r.audits), sum(r.scored), sum(r.score_sum), sum(r.score_squares), sum(r.critical_failed)
      from rollup_scores r join branches b on b.id = r.branch_id
      where r.organization_id = ${org} ${inRegions}
      group by b.region_id, r.month, r.checklist_version_id`),
    db.insert(rollupRegionItems).select(sql`select r.organization_id, b.region_id, r.month, r.checklist_version_id,
        r.checklist_id, r.item_key, sum(r.passes), sum(r.fails), sum(r.nas)
      from rollup_items r join branches b on b.id = r.branch_id
      where r.organization_id = ${org} ${inRegions}
      group by b.region_id, r.month, r.checklist_version_id, r.item_key`),
    db.insert(rollupRegionSections).select(sql`select r.organization_id, b.region_id, r.month, r.checklist_version_id,
        r.checklist_id, r.section_key, sum(r.scored), sum(r.ratio_sum)
      from rollup_sections r join branches b on b.id = r.branch_id
      where r.organization_id = ${org} ${inRegions}
      group by b.region_id, r.month, r.checklist_version_id, r.section_key`),
  ];
}

/**
 * A branch changing region takes its history with it: the statements to run after `update`
 * (the branch's new region) in one batch, recomputing the two regions' rows from their
 * branches' rows. Reads grow with those two regions' branch-level rows, not with audits.
 */
export function moveBranchRollupStatements(
  db: Db,
  organizationId: string,
  regionIds: { from: string; to: string },
): Statement[] {
  if (regionIds.from === regionIds.to) return [];
  return regionRebuildStatements(db, organizationId, [regionIds.from, regionIds.to]);
}

/**
 * Many branches changing region at once (a bulk import): the region-level rows of every region
 * in `regionIds` rebuilt from their branches' rows, after the moves, in the same batch or later.
 */
export function regionRollupRebuildStatements(
  db: Db,
  organizationId: string,
  regionIds: readonly string[],
): Statement[] {
  return regionIds.length ? regionRebuildStatements(db, organizationId, regionIds) : [];
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
    ...regionRebuildStatements(db, org),
    db.delete(rollupOrgScores).where(eq(rollupOrgScores.organizationId, org)),
    db.delete(rollupOrgItems).where(eq(rollupOrgItems.organizationId, org)),
    db.delete(rollupOrgSections).where(eq(rollupOrgSections.organizationId, org)),
    db.insert(rollupOrgScores).select(sql`select organization_id, month, checklist_version_id, checklist_id,
        sum(audits), sum(scored), sum(score_sum), sum(score_squares), sum(critical_failed)
      from rollup_scores where organization_id = ${org} group by month, checklist_version_id`),
    db.insert(rollupOrgItems).select(sql`select organization_id, month, checklist_version_id, checklist_id,
        item_key, sum(passes), sum(fails), sum(nas)
      from rollup_items where organization_id = ${org} group by month, checklist_version_id, item_key`),
    db.insert(rollupOrgSections).select(sql`select organization_id, month, checklist_version_id, checklist_id,
        section_key, sum(scored), sum(ratio_sum)
      from rollup_sections where organization_id = ${org} group by month, checklist_version_id, section_key`),
  ]);
}
