/**
 * English strings of the head-office scorecard dashboard (/scorecards): the league table,
 * regions, heatmap and trends. Shared figure and filter words come from `i18n/scorecards/`.
 * `zh.ts` has the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const analyticsEn = {
  title: "Scorecards",
  subtitle: "Published audits of every branch in your scope.",
  views: {
    label: "Views",
    league: "League",
    regions: "Regions",
    heatmap: "Heatmap",
    trends: "Trends",
  },
  exports: {
    audits: "Export audits CSV",
    items: "Export items CSV",
  },
  sort: {
    ascending: "sorted ascending",
    descending: "sorted descending",
  },
  league: {
    title: "League table",
    rank: "Rank",
    branch: "Branch",
    code: "Code",
    score: "Score",
    n: "Audits",
    change: "Change",
    critical: "Critical failures",
    insufficientTitle: "Not enough audits to rank",
    empty: "No branch has audits in this period.",
  },
  regions: {
    title: "Regions side by side",
    region: "Region",
    mean: "Mean",
    interval: "95 % interval",
    scale:
      "Bars show the 95 % interval on a {{ min }}–{{ max }} point scale, zoomed to these figures (not 0–100); the dark tick is the mean, the dashed line the organisation.",
    axis: "{{ min }}–{{ max }} points",
    n: "Audits",
    change: "Change",
    criticalRate: "Critical-failure rate",
    empty: "No regions in your scope.",
    barLabel: "Mean {{ mean }}, interval {{ low }} to {{ high }}",
  },
  heatmap: {
    title: "Item pass rates",
    by: "Columns",
    byRegion: "By region",
    byBranch: "By branch",
    item: "Item",
    organization: "Org.",
    noSection: "Other items",
    critical: "Critical",
    cell: "{{ item }}, {{ column }}: {{ rate }}, {{ passes }} passed, {{ fails }} failed, {{ nas }} N/A",
    noCell: "No audits",
    empty: "No items were judged in this period.",
    tooMany: "Too many branches for one heatmap.",
    pickRegion: "Choose a region in the filters above to see its branches, or switch to columns by region.",
    legend: {
      title: "Colours",
      low: "Below 60 %",
      mid: "60–85 %",
      high: "85 % and above",
      none: "Not judged",
      faint: "Paler: fewer judgements",
      click: "Select a cell to see the audits where the item failed.",
    },
  },
  trends: {
    title: "Score by month",
    organization: "Organisation",
    topRegions: "The chart shows the 6 regions with the most audits; the table below has every region.",
    allRegions: "Every region by month",
    weakest: "Weakest items",
    weakestHint: "Lowest pass rates in the period (items judged at least 5 times), by month.",
    overall: "Period",
    noWeakest: "No item was judged often enough in this period.",
  },
  mine: {
    title: "My branches",
    hint: "Choose a branch to open its scorecard.",
    none: "No branches are assigned to you yet.",
  },
};

export type AnalyticsDictionary = Widen<typeof analyticsEn>;
