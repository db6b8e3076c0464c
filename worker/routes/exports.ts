import { type Context, Hono } from "hono";
import { recordChange } from "../data/changes";
import type { Db } from "../data/db";
import {
  type ExportCursor,
  nextCursor,
  readItemExportDetails,
  selectAuditExportPage,
  selectItemExportAudits,
} from "../data/exports";
import type { ScorecardFilter } from "../data/scorecards";
import type { ChecklistDocument } from "../domain/checklists";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { csvRows, csvStream } from "../lib/csv";
import { type ResolvedFilter, requireVisibleBranch, resolveScorecardFilter } from "../lib/scorecard-filter";
import { validate } from "../lib/validate";
import { AUDIT_COLUMNS, auditCells, ITEM_COLUMNS, itemCells } from "../presenters/exports";
import { type ExportQuery, exportQuery } from "../validation/scorecards";

/** Audits read per page: each page is written out before the next is read. */
export const AUDITS_PER_PAGE = 200;
/** Audits per page of `items.csv` (each brings one row per item, ~40 for a store visit). */
export const ITEM_AUDITS_PER_PAGE = 100;

/**
 * Who may export what: the screens' rules. Shoppers never (`permitRole` on the routes: they may
 * list their own reports, not export the organisation's); a branch outside the caller's scope, or
 * unknown, is a 404.
 */
async function exportFilter(c: Context<AppEnv>, query: ExportQuery, file: string): Promise<ResolvedFilter> {
  const actor = requireActor(c);
  if (query.branchId) await requireVisibleBranch(c.var.db, actor, query.branchId);
  const resolved = await resolveScorecardFilter(c.var.db, actor, query);
  // Who took which data out, under which filter: recorded before the first byte leaves.
  await recordChange(c.var.db, {
    organizationId: actor.organizationId,
    actor,
    drafts: [{ type: "export.downloaded", subject: { type: "export", id: file }, payload: { file, filter: query } }],
    change: [],
  });
  return resolved;
}

async function* auditPages(db: Db, filter: ScorecardFilter): AsyncGenerator<string> {
  let after: ExportCursor | null = null;
  do {
    const rows = await selectAuditExportPage(db, filter, after, AUDITS_PER_PAGE);
    yield csvRows(rows.map(auditCells));
    after = nextCursor(rows, AUDITS_PER_PAGE);
  } while (after);
}

async function* itemPages(db: Db, filter: ScorecardFilter): AsyncGenerator<string> {
  // Versions are few and shared by many audits: each document is read once per export.
  const documents = new Map<string, ChecklistDocument>();
  let after: ExportCursor | null = null;
  do {
    const page = await selectItemExportAudits(db, filter, after, ITEM_AUDITS_PER_PAGE);
    if (page.length) {
      const missing = [...new Set(page.map((a) => a.checklistVersionId))].filter((id) => !documents.has(id));
      const details = await readItemExportDetails(
        db,
        filter.organizationId,
        page.map((a) => a.id),
        missing,
      );
      for (const [id, doc] of details.documents) documents.set(id, doc);
      yield csvRows(
        page.flatMap((audit) => {
          const doc = documents.get(audit.checklistVersionId);
          return doc ? itemCells(audit, doc, details) : [];
        }),
      );
    }
    after = nextCursor(page, ITEM_AUDITS_PER_PAGE);
  } while (after);
}

function csvHeaders(kind: string, period: { fromMonth: string; toMonth: string }): Record<string, string> {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="courtesy-${kind}-${period.fromMonth}-${period.toMonth}.csv"`,
    "Cache-Control": "no-store",
  };
}

/**
 * CSV exports of published audits for any scorecard filter, streamed in keyset pages
 * (docs/SCORING.md, "Exports"). UTF-8 with BOM, RFC 4180, text cells neutralised.
 */
export const exportRoutes = new Hono<AppEnv>()
  .get("/audits.csv", permitRole("list", "branch"), validate("query", exportQuery), async (c) => {
    const { filter, period } = await exportFilter(c, c.req.valid("query"), "audits.csv");
    const body = await csvStream(AUDIT_COLUMNS, auditPages(c.var.db, filter), "audits.csv");
    return c.body(body, 200, csvHeaders("audits", period));
  })
  .get("/items.csv", permitRole("list", "branch"), validate("query", exportQuery), async (c) => {
    const { filter, period } = await exportFilter(c, c.req.valid("query"), "items.csv");
    const body = await csvStream(ITEM_COLUMNS, itemPages(c.var.db, filter), "items.csv");
    return c.body(body, 200, csvHeaders("items", period));
  });
