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
import type { SessionActor } from "../data/sessions";
import type { ChecklistDocument } from "../domain/checklists";
import { decide } from "../domain/policy";
import { SCORE_UNITS } from "../domain/rollups";
import {
  buildCatalog,
  describeItem,
  EMPTY_SCORES,
  itemFigure,
  keyInChecklist,
  poolItems,
  poolScores,
  poolSections,
  rankByScore,
  round,
  type ScoreRow,
  scoreFigure,
  totalScores,
  weakestItems,
} from "../domain/scorecards";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { requireVisibleBranch, resolveScorecardFilter } from "../lib/scorecard-filter";
import { validate } from "../lib/validate";
import {
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

/** Shoppers never see scorecards; every other role sees the branches of its scope. */
function requireScorecardReader(actor: SessionActor): void {
  authorize(actor, "list", { type: "branch" });
}

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
    requireScorecardReader(actor);
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
    requireScorecardReader(actor);
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
    requireScorecardReader(actor);
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
      audits: shown.map((row) => {
        return {
          id: row.id,
          branch: presentName({
            id: row.branchId,
            code: row.branchCode,
            nameEn: row.branchNameEn,
            nameZh: row.branchNameZh,
          }),
          checklistVersionId: row.checklistVersionId,
          contact: row.contact,
          visitStartedAt: new Date(row.visitStartedAt).toISOString(),
          month: row.visitMonth,
          score: round(row.score, 2),
          criticalFailed: Boolean(row.criticalFailed),
          itemOutcome: row.itemOutcome,
        };
      }),
    });
  })
  .get("/branches/:id", permitRole("list", "branch"), validate("query", scorecardQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const branch = await requireVisibleBranch(db, actor, c.req.param("id"));
    // The branch is the scope here; a region filter means nothing on one branch's card.
    const { regionId: _ignored, ...query } = c.req.valid("query");
    const resolved = await resolveScorecardFilter(db, actor, { ...query, branchId: branch.id });
    const { period, checklists } = resolved;
    const { filter } = resolved;
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
    const inPeriod = (month: string) => month >= period.fromMonth && month <= period.toMonth;
    const branchByMonth = poolScores(branchMonths, (r) => r.month);
    const orgByMonth = poolScores(orgMonths, (r) => r.month);
    const pooled = (rows: ReadonlyArray<ScoreRow & { month: string }>, keep: (month: string) => boolean) =>
      scoreFigure(totalScores(rows.filter((r) => keep(r.month))));
    const score = pooled(branchMonths, inPeriod);
    const prior = pooled(branchMonths, (m) => m < period.fromMonth);
    const catalog = catalogOf(versions);
    const orgItemMap = poolItems(orgItems);
    const branchItemMap = poolItems(branchItems);
    const orgSectionMap = poolSections(orgSections);
    const sectionMean = (row: { scored: number; ratioSum: number } | undefined) =>
      row && row.scored > 0 ? round((row.ratioSum / row.scored / SCORE_UNITS) * 100, 2) : null;
    const latestVersion = latest[0] ? versions.find((v) => v.id === latest[0]?.checklistVersionId) : undefined;

    const items = [...branchItemMap.values()]
      .map((counts) => {
        const id = keyInChecklist(counts.checklistId, counts.itemKey);
        const mine = itemFigure(counts);
        const org = itemFigure(orgItemMap.get(id) ?? { passes: 0, fails: 0, nas: 0 });
        return { id, counts, mine, org, item: describeItem(catalog, counts.checklistId, counts.itemKey) };
      })
      .sort((a, b) => a.item.order - b.item.order);

    return c.json({
      period: presentPeriod(period),
      branch: {
        ...presentName(branch),
        channel: branch.channel,
        region: presentName(branch.region),
      },
      checklists: checklists.filter((ch) => versions.some((v) => v.checklistId === ch.id)),
      latestAudit: latest[0]
        ? {
            id: latest[0].id,
            contact: latest[0].contact,
            visitStartedAt: new Date(latest[0].visitStartedAt).toISOString(),
            score: round(latest[0].score, 2),
            criticalFailed: Boolean(latest[0].criticalFailed),
            checklist: latestVersion
              ? (checklists.find((ch) => ch.id === latestVersion.checklistId)?.name ?? null)
              : null,
          }
        : null,
      score: presentScore(score),
      ...presentChange(score, prior),
      organization: presentScore(pooled(orgMonths, inPeriod)),
      trend: [...period.months].map((month) => {
        const mine = scoreFigure(branchByMonth.get(month) ?? EMPTY_SCORES);
        const org = scoreFigure(orgByMonth.get(month) ?? EMPTY_SCORES);
        return {
          month,
          branch: presentPoint(mine),
          organization: { n: org.n, mean: round(org.mean, 2) },
        };
      }),
      sections: [...poolSections(branchSections).values()]
        .map((s) => {
          const id = keyInChecklist(s.checklistId, s.sectionKey);
          const section = catalog.sections.get(id);
          return {
            id,
            checklistId: s.checklistId,
            key: s.sectionKey,
            title: section?.title ?? { en: s.sectionKey, zh: s.sectionKey },
            order: section?.order ?? Number.MAX_SAFE_INTEGER,
            n: s.scored,
            mean: sectionMean(s),
            organization: sectionMean(orgSectionMap.get(id)),
          };
        })
        .sort((a, b) => a.order - b.order)
        .map(({ order: _order, ...rest }) => rest),
      items: items.map(({ id, counts, mine, org, item }) => ({
        id,
        checklistId: counts.checklistId,
        key: counts.itemKey,
        prompt: item.prompt,
        section: item.known ? { key: item.sectionKey, title: item.sectionTitle } : null,
        critical: item.critical,
        branch: presentRate(mine),
        organization: presentRate(org),
        /** Failed at least once in the period. */
        failed: counts.fails > 0,
        /** The branch's rate is below the organisation's. */
        belowOrganization: mine.rate !== null && org.rate !== null && mine.rate < org.rate,
      })),
    });
  });
