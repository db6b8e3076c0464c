/**
 * Reads of the complaint figures page (docs/COMPLAINTS.md, "Complaints next to audits"): the
 * figures per branch or region, the comparison with the audits' sections, and the CSV links.
 * Only that (lazy) page and its preload import this.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { addMonths, lastDayOf } from "../../../worker/domain/periods";
import { api, call } from "../../lib/api";
import { firstParam } from "../../lib/search-params";

export type Figures = InferResponseType<typeof api.complaints.figures.$get, 200>;
export type FigureRow = Figures["rows"][number];
export type BySection = InferResponseType<(typeof api.complaints)["by-section"]["$get"], 200>;
export type SectionCell = BySection["rows"][number]["cells"][number];

/** What the page reads from its URL: `?from=YYYY-MM&to=YYYY-MM&groupBy=&regionId=&checklistId=&view=`. */
export interface FiguresFilter {
  fromMonth: string;
  toMonth: string;
  groupBy: "branch" | "region";
  regionId?: string | undefined;
  checklistId?: string | undefined;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The filter in the URL; without a period, the last three months. */
export function figuresFilter(params: SearchParams): FiguresFilter {
  const to = firstParam(params.to);
  const from = firstParam(params.from);
  const toMonth = MONTH.test(to) ? to : thisMonth();
  const fromMonth = MONTH.test(from) && from <= toMonth ? from : addMonths(toMonth, -2);
  return {
    fromMonth,
    toMonth,
    groupBy: firstParam(params.groupBy) === "region" ? "region" : "branch",
    regionId: firstParam(params.regionId) || undefined,
    checklistId: firstParam(params.checklistId) || undefined,
  };
}

/** The API's date range for whole months. */
const range = (f: FiguresFilter) => ({ from: `${f.fromMonth}-01`, to: lastDayOf(f.toMonth) });

export const getComplaintFigures = query(
  (f: FiguresFilter) =>
    call(api.complaints.figures.$get({ query: { ...range(f), groupBy: f.groupBy, regionId: f.regionId } })),
  "complaintFigures",
);

export const getComplaintsBySection = query(
  (f: FiguresFilter) =>
    call(
      api.complaints["by-section"].$get({ query: { ...range(f), regionId: f.regionId, checklistId: f.checklistId } }),
    ),
  "complaintsBySection",
);

/** The CSV export's address for the filter (contact details only when asked: admins). */
export function complaintExportHref(f: FiguresFilter, contact = false): string {
  const params = new URLSearchParams(range(f));
  if (f.regionId) params.set("regionId", f.regionId);
  if (contact) params.set("contact", "true");
  return `/api/v1/complaints/export.csv?${params}`;
}
