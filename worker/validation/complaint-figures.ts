import { z } from "zod";
import { COMPLAINT_STATUSES } from "../../schema/enums";
import { id } from "./common";
import { calendarDate, checkRange } from "./scorecards";

const period = { from: calendarDate.optional(), to: calendarDate.optional(), regionId: id.optional() };

/** `GET /complaints/figures`: the period (whole months), grouping and an optional region. */
export const figuresQuery = z
  .strictObject({ ...period, groupBy: z.enum(["branch", "region"]).default("branch") })
  .superRefine(checkRange);

/** `GET /complaints/by-section`: the period, an optional region and the checklist (default: the first published). */
export const bySectionQuery = z.strictObject({ ...period, checklistId: id.optional() }).superRefine(checkRange);

/** `GET /complaints/export.csv`: the period, region, branch, status; `contact=true` (admins only). */
export const complaintExportQuery = z
  .strictObject({
    ...period,
    branchId: id.optional(),
    status: z.enum(COMPLAINT_STATUSES).optional(),
    contact: z.enum(["true", "false"]).optional(),
  })
  .superRefine(checkRange);

export type ComplaintExportQuery = z.infer<typeof complaintExportQuery>;
