/**
 * Complaints next to audits (docs/COMPLAINTS.md): figures per branch or region, each checklist
 * section's audit pass rate beside the complaints filed under it, and the CSV export. The audits'
 * side comes from the roll-ups only; only published audits count (the roll-ups hold nothing else).
 *
 * Who: admins and analysts see every branch, regional managers their regions, branch managers
 * their branches; reviewers and shoppers get 403 before anything is validated. Contact details
 * leave only in an export an admin asks for with `contact=true`.
 */
import { type Context, Hono } from "hono";
import { recordChange } from "../data/changes";
import {
  type ExportCursor,
  type ExportFilter,
  selectChecklistItemCounts,
  selectChecklistVersions,
  selectComplaintExportPage,
  selectComplaintFacts,
  selectFigureBranches,
  selectFigureRegions,
  selectPublishedAudits,
  selectPublishedChecklists,
} from "../data/complaint-figures";
import { type Db, parseJsonColumn } from "../data/db";
import type { ChecklistDocument } from "../domain/checklists";
import {
  type ComplaintCategory,
  complaintFigures,
  complaintMonth,
  complaintsBySection,
  disagreement,
  type FigureGroup,
  readWindow,
} from "../domain/complaint-figures";
import { buildCatalog } from "../domain/scorecards";
import { passRate } from "../domain/stats";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { csvRows, csvStream } from "../lib/csv";
import { ApiError } from "../lib/errors";
import { requireVisibleBranch, resolveScorecardFilter } from "../lib/scorecard-filter";
import { validate } from "../lib/validate";
import { COMPLAINT_BASE_COLUMNS, COMPLAINT_CONTACT_COLUMNS, complaintCells } from "../presenters/complaint-export";
import {
  bySectionQuery,
  type ComplaintExportQuery,
  complaintExportQuery,
  figuresQuery,
} from "../validation/complaint-figures";

/** Complaints per export page: each page is written out before the next is read. */
export const COMPLAINTS_PER_PAGE = 200;

const parseCategories = (value: unknown) => parseJsonColumn<ComplaintCategory[]>(value) ?? [];

/** The complaints of the branches whose local month of receipt lies in the period. */
function inPeriod<T extends { branchId: string; receivedAt: number }>(
  rows: readonly T[],
  zones: ReadonlyMap<string, string>,
  months: { fromMonth: string; toMonth: string },
): T[] {
  return rows.filter((r) => {
    const zone = zones.get(r.branchId);
    if (!zone) return false;
    const month = complaintMonth(r.receivedAt, zone);
    return month >= months.fromMonth && month <= months.toMonth;
  });
}

async function exportPages(
  db: Db,
  input: ExportFilter,
  months: { fromMonth: string; toMonth: string },
  withContact: boolean,
  now: number,
): Promise<AsyncGenerator<string>> {
  async function* pages(): AsyncGenerator<string> {
    let after: ExportCursor | null = null;
    do {
      const rows = await selectComplaintExportPage(db, input, after, COMPLAINTS_PER_PAGE);
      const kept = rows.filter((r) => {
        const month = complaintMonth(r.complaint.receivedAt, r.timezone);
        return month >= months.fromMonth && month <= months.toMonth;
      });
      yield csvRows(kept.map((r) => complaintCells(r, withContact, now)));
      const last = rows[rows.length - 1];
      after =
        rows.length === COMPLAINTS_PER_PAGE && last
          ? { receivedAt: last.complaint.receivedAt, id: last.complaint.id }
          : null;
    } while (after);
  }
  return pages();
}

async function exportResponse(c: Context<AppEnv>, query: ComplaintExportQuery) {
  const actor = requireActor(c);
  const db = c.var.db;
  const withContact = query.contact === "true";
  // Contact details are the branch's and head office admins'; an export of them is an admin's call.
  if (withContact && actor.role !== "admin") throw new ApiError("forbidden", "Only admins may export contact details");
  if (query.branchId) await requireVisibleBranch(db, actor, query.branchId);
  const { filter, period } = await resolveScorecardFilter(db, actor, {
    from: query.from,
    to: query.to,
    regionId: query.regionId,
    branchId: query.branchId,
  });
  const file = "complaints.csv";
  // Who took which complaints out, under which filter, with or without contact details: before the first byte.
  await recordChange(db, {
    organizationId: actor.organizationId,
    actor,
    drafts: [
      {
        type: "export.downloaded",
        subject: { type: "export", id: file },
        payload: { file, filter: { ...query, contact: undefined }, contact: withContact },
      },
    ],
    change: [],
  });
  const now = Date.now();
  const input: ExportFilter = { filter, window: readWindow(period.fromMonth, period.toMonth), status: query.status };
  const header = [...COMPLAINT_BASE_COLUMNS, ...(withContact ? COMPLAINT_CONTACT_COLUMNS : [])];
  const body = await csvStream(header, await exportPages(db, input, period, withContact, now), file);
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="courtesy-complaints-${period.fromMonth}-${period.toMonth}.csv"`,
    "Cache-Control": "no-store",
  });
}

export const complaintFigureRoutes = new Hono<AppEnv>()
  .get("/figures", permitRole("list", "complaint"), validate("query", figuresQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const query = c.req.valid("query");
    const { filter, period } = await resolveScorecardFilter(db, actor, {
      from: query.from,
      to: query.to,
      regionId: query.regionId,
    });
    const window = readWindow(period.fromMonth, period.toMonth);
    const [branchRows, regionRows, facts, audits] = await db.batch([
      selectFigureBranches(db, filter),
      selectFigureRegions(db, actor.organizationId),
      selectComplaintFacts(db, filter, window),
      selectPublishedAudits(db, filter, period),
    ]);
    const zones = new Map(branchRows.map((b) => [b.id, b.timezone]));
    const complaints = inPeriod(facts, zones, period);
    const groups: FigureGroup[] =
      query.groupBy === "branch"
        ? branchRows.map((b) => ({ id: b.id, nameEn: b.nameEn, nameZh: b.nameZh, branchIds: [b.id] }))
        : regionRows
            .map((r) => ({ ...r, branchIds: branchRows.filter((b) => b.regionId === r.id).map((b) => b.id) }))
            .filter((r) => r.branchIds.length > 0);
    const codes = new Map<string, string>([...branchRows, ...regionRows].map((r) => [r.id, r.code]));
    const { rows, totals } = complaintFigures({
      groups,
      complaints,
      footfall: new Map(branchRows.map((b) => [b.id, b.footfallPerMonth])),
      audits: new Map(audits.map((a) => [a.branchId, a.audits])),
      months: period.months,
      asOf: period.asOf,
      now: Date.now(),
    });
    return c.json({
      period: { from: period.from, to: period.to, fromMonth: period.fromMonth, toMonth: period.toMonth },
      groupBy: query.groupBy,
      rows: rows.map((r) => ({ ...r, code: codes.get(r.id) ?? "" })),
      totals,
    });
  })
  .get("/by-section", permitRole("list", "complaint"), validate("query", bySectionQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const query = c.req.valid("query");
    const { filter, period, checklists } = await resolveScorecardFilter(db, actor, {
      from: query.from,
      to: query.to,
      regionId: query.regionId,
      checklistId: query.checklistId,
    });
    const [published] = await db.batch([selectPublishedChecklists(db, actor.organizationId)]);
    const checklistId = query.checklistId ?? published[0]?.id;
    const checklist = checklists.find((k) => k.id === checklistId);
    if (!checklist || !checklistId) {
      return c.json({
        period: { fromMonth: period.fromMonth, toMonth: period.toMonth },
        checklistId: null,
        checklists: [],
        sections: [],
        rows: [],
      });
    }
    const window = readWindow(period.fromMonth, period.toMonth);
    const [branchRows, versions, counts, facts] = await db.batch([
      selectFigureBranches(db, filter),
      selectChecklistVersions(db, actor.organizationId, checklistId),
      selectChecklistItemCounts(db, filter, checklistId, period),
      selectComplaintFacts(db, filter, window),
    ]);
    const catalog = buildCatalog(
      versions.map((v) => ({ ...v, document: parseJsonColumn<ChecklistDocument>(v.document) })),
    );
    const sections = [...catalog.sections.values()].sort((a, b) => a.order - b.order);
    const sectionOfItem = new Map([...catalog.items.values()].map((i) => [i.key, i.sectionKey]));
    // Section pass and fail counts: the roll-ups' item counts summed over the section's items.
    const audited = new Map<string, Map<string, { passes: number; fails: number }>>();
    for (const row of counts) {
      const sectionKey = sectionOfItem.get(row.itemKey);
      if (!sectionKey) continue;
      const byBranch = audited.get(row.branchId) ?? new Map<string, { passes: number; fails: number }>();
      const seen = byBranch.get(sectionKey) ?? { passes: 0, fails: 0 };
      byBranch.set(sectionKey, { passes: seen.passes + row.passes, fails: seen.fails + row.fails });
      audited.set(row.branchId, byBranch);
    }
    const zones = new Map(branchRows.map((b) => [b.id, b.timezone]));
    const filed = complaintsBySection(
      inPeriod(facts, zones, period).map((f) => ({ branchId: f.branchId, categories: parseCategories(f.categories) })),
      checklistId,
    );
    // The checklist's own channel's branches, and any other branch customers filed complaints under it for.
    const shown = branchRows.filter((b) => b.channel === checklist.channel || filed.has(b.id));
    return c.json({
      period: { from: period.from, to: period.to, fromMonth: period.fromMonth, toMonth: period.toMonth },
      checklistId,
      checklists: published.map((k) => ({ id: k.id, channel: k.channel, name: { en: k.nameEn, zh: k.nameZh } })),
      sections: sections.map((s) => ({ sectionKey: s.key, title: s.title })),
      rows: shown.map((b) => ({
        branchId: b.id,
        code: b.code,
        nameEn: b.nameEn,
        nameZh: b.nameZh,
        cells: sections.map((s) => {
          const counted = audited.get(b.id)?.get(s.key) ?? { passes: 0, fails: 0 };
          const rate = passRate(counted.passes, counted.fails);
          const complaints = filed.get(b.id)?.get(s.key) ?? 0;
          return {
            sectionKey: s.key,
            passRate: rate.rate,
            low: rate.low,
            high: rate.high,
            passes: counted.passes,
            fails: counted.fails,
            complaints,
            disagreement: disagreement(rate.rate, complaints),
          };
        }),
      })),
    });
  })
  .get("/export.csv", permitRole("list", "complaint"), validate("query", complaintExportQuery), (c) =>
    exportResponse(c, c.req.valid("query")),
  );
