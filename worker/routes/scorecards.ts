import { Hono } from "hono";
import { parseJsonColumn } from "../data/db";
import {
  selectAuditsBehind,
  selectBranchesInScope,
  selectBranchItems,
  selectBranchScores,
  selectLatestAudit,
  selectLeagueScores,
  selectOrgItems,
  selectOrgScores,
  selectRegionItems,
  selectRegionNames,
  selectRegionScores,
  selectRegionsInScope,
  selectSections,
  selectVersionDocuments,
} from "../data/scorecards";
import type { ChecklistDocument } from "../domain/checklists";
import { decide } from "../domain/policy";
import {
  branchCard,
  buildCatalog,
  describeItem,
  EMPTY_SCORES,
  itemFigure,
  keyInChecklist,
  poolItems,
  poolScores,
  rankByScore,
  type ScoreRow,
  scoreFigure,
  totalScores,
  weakestItems,
} from "../domain/scorecards";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { requireVisibleBranch, resolveScorecardFilter } from "../lib/scorecard-filter";
import { validate, validateRowId } from "../lib/validate";
import {
  presentAuditRow,
  presentBranchCard,
  presentCatalogItem,
  presentChange,
  presentName,
  presentPeriod,
  presentPoint,
  presentRate,
  presentScore,
} from "../presenters/scorecards";
import { heatmapQuery, scorecardAuditsQuery, scorecardQuery } from "../validation/scorecards";

/** A heatmap by branch shows at most this many columns; more needs a region filter. */
export const MAX_HEATMAP_BRANCHES = 200;
/** At most this many audits behind one figure per request. */
const MAX_AUDITS_BEHIND = 100;
/** How many of the weakest items the trends show. */
const WEAKEST_ITEMS = 5;

const nameMap = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** The item and section names of the published versions a batch read. */
const catalogOf = (versions: ReadonlyArray<{ checklistId: string; number: number; document: unknown }>) =>
  buildCatalog(versions.map((v) => ({ ...v, document: parseJsonColumn<ChecklistDocument>(v.document) })));

/**
 * Scorecards: branch, league, regions, heatmap and trends, all read from the roll-ups (one D1
 * round trip for the filters, one for the figures). Periods are whole months (docs/SCORING.md).
 */
export const scorecardRoutes = new Hono<AppEnv>()
  .get("/league", permitRole("list", "branch"), validate("query", scorecardQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { filter, period } = await resolveScorecardFilter(db, actor, c.req.valid("query"));
    const [branchRows, sums, organization, regionNames] = await db.batch([
      selectBranchesInScope(db, filter),
      selectLeagueScores(db, filter, period),
      selectOrgScores(db, filter, period),
      selectRegionNames(db, actor.organizationId),
    ]);
    const now = new Map(sums.map((r) => [r.branchId, r.current]));
    const before = new Map(sums.map((r) => [r.branchId, r.previous]));
    const regionsById = nameMap(regionNames);
    const rows = branchRows
      .filter((b) => b.active || now.has(b.id))
      .map((b) => {
        const score = scoreFigure(now.get(b.id) ?? EMPTY_SCORES);
        const prior = scoreFigure(before.get(b.id) ?? EMPTY_SCORES);
        const region = regionsById.get(b.regionId);
        return {
          branch: { ...presentName(b), region: region ? presentName(region) : null },
          score,
          ...presentChange(score, prior),
        };
      });
    const { ranked, insufficient } = rankByScore(rows, (a, b) => (a.branch.code < b.branch.code ? -1 : 1));
    return c.json({
      period: presentPeriod(period),
      organization: presentScore(scoreFigure(totalScores(organization))),
      ranked: ranked.map((r) => ({ ...r, score: presentScore(r.score) })),
      insufficient: insufficient.map((r) => ({ ...r, rank: null, score: presentScore(r.score) })),
    });
  })
  .get("/regions", permitRole("list", "branch"), validate("query", scorecardQuery), async (c) => {
    const actor = requireActor(c);
    authorize(actor, "list", { type: "region" });
    const db = c.var.db;
    const { filter, period } = await resolveScorecardFilter(db, actor, c.req.valid("query"));
    const [regionRows, current, previous, organization] = await db.batch([
      selectRegionsInScope(db, filter),
      selectRegionScores(db, filter, period),
      selectRegionScores(db, filter, period.previous),
      selectOrgScores(db, filter, period),
    ]);
    const now = poolScores(current, (r) => r.regionId);
    const before = poolScores(previous, (r) => r.regionId);
    return c.json({
      period: presentPeriod(period),
      organization: presentScore(scoreFigure(totalScores(organization))),
      regions: regionRows.map((region) => {
        const score = scoreFigure(now.get(region.id) ?? EMPTY_SCORES);
        const prior = scoreFigure(before.get(region.id) ?? EMPTY_SCORES);
        return {
          region: presentName(region),
          score: presentScore(score),
          ...presentChange(score, prior),
        };
      }),
    });
  })
  .get("/heatmap", permitRole("list", "branch"), validate("query", heatmapQuery), async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    authorize(actor, "list", { type: query.by === "region" ? "region" : "branch" });
    const db = c.var.db;
    const { filter, period } = await resolveScorecardFilter(db, actor, query);
    const [columnRows, cellRows, organization, versions] =
      query.by === "region"
        ? await db.batch([
            selectRegionsInScope(db, filter),
            selectRegionItems(db, filter, period),
            selectOrgItems(db, filter, period),
            selectVersionDocuments(db, filter),
          ])
        : await db.batch([
            selectBranchesInScope(db, filter),
            selectBranchItems(db, filter, period),
            selectOrgItems(db, filter, period),
            selectVersionDocuments(db, filter),
          ]);
    const cells = [
      ...poolItems<(typeof cellRows)[number]>(cellRows, (row) =>
        "regionId" in row ? row.regionId : row.branchId,
      ).values(),
    ];
    const withData = new Set(cells.map((cell) => cell.group));
    const columns = columnRows.filter((col) => withData.has(col.id));
    if (query.by === "branch" && columns.length > MAX_HEATMAP_BRANCHES) {
      throw new ApiError("validation_failed", "Too many branches for one heatmap", {
        errors: [
          {
            path: "regionId",
            code: "required",
            message: `${columns.length} branches: filter by a region to see at most ${MAX_HEATMAP_BRANCHES}`,
          },
        ],
      });
    }
    const catalog = catalogOf(versions);
    const orgItems = poolItems(organization);
    const items = [...orgItems.values()]
      .map((counts) => ({ counts, item: describeItem(catalog, counts.checklistId, counts.itemKey) }))
      .sort((a, b) => a.item.order - b.item.order);
    return c.json({
      period: presentPeriod(period),
      by: query.by,
      columns: columns.map(presentName),
      items: items.map(({ counts, item }) => ({
        ...presentCatalogItem(item),
        organization: presentRate(itemFigure(counts)),
      })),
      cells: cells.map((row) => ({
        item: keyInChecklist(row.checklistId, row.itemKey),
        column: row.group,
        ...presentRate(itemFigure(row)),
      })),
    });
  })
  .get("/trends", permitRole("list", "branch"), validate("query", scorecardQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { filter, period } = await resolveScorecardFilter(db, actor, c.req.valid("query"));
    // Branch managers see the organisation's trend, not the regions'.
    const regionsReadable = decide(actor, "list", { type: "region" }) === "allow";
    const [organization, regionMonths, regionRows, itemMonths, versions] = await db.batch([
      selectOrgScores(db, filter, period),
      selectRegionScores(db, { ...filter, regions: regionsReadable ? filter.regions : { kind: "none" } }, period),
      selectRegionsInScope(db, { ...filter, regions: regionsReadable ? filter.regions : { kind: "none" } }),
      selectOrgItems(db, filter, period),
      selectVersionDocuments(db, filter),
    ]);
    const byMonth = poolScores(organization, (r) => r.month);
    const point = (month: string, pooled: Map<string, ScoreRow>) => ({
      month,
      ...presentPoint(scoreFigure(pooled.get(month) ?? EMPTY_SCORES)),
    });
    const catalog = catalogOf(versions);
    const weakest = weakestItems(poolItems(itemMonths).values(), WEAKEST_ITEMS);
    return c.json({
      period: presentPeriod(period),
      organization: period.months.map((month) => point(month, byMonth)),
      regions: regionRows.map((region) => {
        const pooled = poolScores(
          regionMonths.filter((r) => r.regionId === region.id),
          (r) => r.month,
        );
        return { region: presentName(region), points: period.months.map((month) => point(month, pooled)) };
      }),
      weakestItems: weakest.map((counts) => {
        const item = describeItem(catalog, counts.checklistId, counts.itemKey);
        const perMonth = new Map(
          itemMonths
            .filter((r) => r.checklistId === counts.checklistId && r.itemKey === counts.itemKey)
            .map((r) => [r.month, r]),
        );
        return {
          id: keyInChecklist(counts.checklistId, counts.itemKey),
          checklistId: counts.checklistId,
          key: counts.itemKey,
          prompt: item.prompt,
          overall: presentRate(itemFigure(counts)),
          points: period.months.map((month) => {
            const row = perMonth.get(month);
            return { month, ...presentRate(itemFigure(row ?? { passes: 0, fails: 0, nas: 0 })) };
          }),
        };
      }),
    });
  })
  .get("/audits", permitRole("list", "branch"), validate("query", scorecardAuditsQuery), async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid("query");
    const db = c.var.db;
    if (query.branchId) await requireVisibleBranch(db, actor, query.branchId);
    const { filter, period } = await resolveScorecardFilter(db, actor, query);
    const [rows, versions] = await db.batch([
      selectAuditsBehind(db, filter, period, {
        itemKey: query.itemKey,
        outcome: query.outcome,
        limit: MAX_AUDITS_BEHIND + 1,
      }),
      selectVersionDocuments(db, query.itemKey ? filter : { ...filter, checklistIds: [] }),
    ]);
    const shown = rows.slice(0, MAX_AUDITS_BEHIND);
    // Name the item the list is about (the newest wording of the checklists it belongs to).
    const catalog = catalogOf(versions);
    const item = query.itemKey ? [...catalog.items.values()].find((i) => i.key === query.itemKey) : undefined;
    return c.json({
      period: presentPeriod(period),
      item: item ? presentCatalogItem(item) : null,
      truncated: rows.length > MAX_AUDITS_BEHIND,
      audits: shown.map((row) => ({
        ...presentAuditRow(row),
        branch: presentName({
          id: row.branchId,
          code: row.branchCode,
          nameEn: row.branchNameEn,
          nameZh: row.branchNameZh,
        }),
        checklistVersionId: row.checklistVersionId,
        month: row.visitMonth,
        itemOutcome: row.itemOutcome,
      })),
    });
  })
  .get("/branches/:id", permitRole("list", "branch"), validate("query", scorecardQuery), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const branch = await requireVisibleBranch(db, actor, c.req.valid("param").id);
    // The branch is the scope here; a region filter means nothing on one branch's card.
    const { regionId: _ignored, ...query } = c.req.valid("query");
    const resolved = await resolveScorecardFilter(db, actor, { ...query, branchId: branch.id });
    const { filter, period, checklists } = resolved;
    // The trend reaches back over the previous period too, so "change since" needs no extra read.
    const span = { fromMonth: period.previous.fromMonth, toMonth: period.toMonth };
    const [branchMonths, orgMonths, branchItems, orgItems, branchSections, orgSections, latest, versions] =
      await db.batch([
        selectBranchScores(db, filter, span),
        selectOrgScores(db, filter, span),
        selectBranchItems(db, filter, period),
        selectOrgItems(db, filter, period),
        selectSections(db, filter, period, "branch"),
        selectSections(db, filter, period, "organization"),
        selectLatestAudit(db, filter, period.toMonth),
        selectVersionDocuments(db, filter),
      ]);
    const card = branchCard({
      period,
      branchMonths,
      orgMonths,
      branchItems,
      orgItems,
      branchSections,
      orgSections,
      latest: latest[0],
      versions: versions.map((v) => ({ ...v, document: parseJsonColumn<ChecklistDocument>(v.document) })),
      checklists,
    });
    return c.json(presentBranchCard(period, branch, card));
  });
