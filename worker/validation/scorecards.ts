import { z } from "zod";
import { exceedsMaxRange, isCalendarDate, MAX_RANGE_YEARS } from "../domain/periods";
import { channel, id } from "./common";

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23")
  .refine(isCalendarDate, "Not a calendar date");

const filterShape = {
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  checklistId: id.optional(),
  channel: channel.optional(),
  regionId: id.optional(),
};

type Range = { from?: string; to?: string };

/** `from` before `to`, at most five years apart: reported on `to`. */
export function checkRange(range: Range, ctx: z.RefinementCtx): void {
  if (!range.from || !range.to) return;
  if (range.from > range.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The range cannot end before it starts" });
  } else if (exceedsMaxRange(range.from, range.to)) {
    ctx.addIssue({
      code: "too_big",
      origin: "date",
      maximum: MAX_RANGE_YEARS,
      path: ["to"],
      message: `A range spans at most ${MAX_RANGE_YEARS} years`,
    });
  }
}

/** The filters every scorecard view and export takes (the period, checklist, channel, region). */
export const scorecardQuery = z.strictObject(filterShape).superRefine(checkRange);

export const heatmapQuery = z
  .strictObject({ ...filterShape, by: z.enum(["region", "branch"]).default("region") })
  .superRefine(checkRange);

/** The audits behind a number: a heatmap cell or a failed item on a scorecard. */
export const scorecardAuditsQuery = z
  .strictObject({
    ...filterShape,
    branchId: id.optional(),
    itemKey: z.string().min(1).max(64).optional(),
    outcome: z.enum(["fail", "pass", "na"]).optional(),
  })
  .superRefine(checkRange);

export const exportQuery = z.strictObject({ ...filterShape, branchId: id.optional() }).superRefine(checkRange);

export type ScorecardQuery = z.infer<typeof scorecardQuery>;
export type ExportQuery = z.infer<typeof exportQuery>;
