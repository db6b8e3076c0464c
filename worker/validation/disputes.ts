import { z } from "zod";
import { ITEM_OUTCOMES, REPORT_OUTCOMES } from "../../schema/enums";
import { evidenceSha256 } from "./audits";
import { id, instantCursor, multilineText } from "./common";
import { version } from "./organization";

/** A branch's or an arbiter's reason (kept with the dispute and in the trail). */
const reason = multilineText(2000);
/** An item of the report's checklist, by key. */
const itemKey = z.string().min(1).max(64);
/** A checklist has at most a few hundred items; a dispute names a handful. */
const MAX_DISPUTE_ITEMS = 50;

/** `POST /audits/:id/disputes`: the items a branch questions, each with its reason and an optional photo. */
export const raiseDisputeBody = z.strictObject({
  items: z
    .array(z.strictObject({ itemKey, reason, evidence: evidenceSha256.optional() }))
    .min(1)
    .max(MAX_DISPUTE_ITEMS),
});

/** `POST /disputes/:id/decisions`: one outcome per disputed item, and optionally one for the report. */
export const decideDisputeBody = z.strictObject({
  version,
  items: z
    .array(z.strictObject({ itemKey, outcome: z.enum(ITEM_OUTCOMES), reason }))
    .min(1)
    .max(MAX_DISPUTE_ITEMS),
  report: z.enum(REPORT_OUTCOMES).optional(),
});

/** Where the next page starts: `<raised at, ms>.<id>` of the last dispute of the previous page (no control characters). */
const disputeCursor = instantCursor("raisedAt", { refuseControls: true });

/** `GET /disputes`: newest first; the open ones (`status=open`) oldest first, as a queue. */
export const listDisputesQuery = z.strictObject({
  status: z.enum(["open", "decided"]).optional(),
  branchId: id.optional(),
  regionId: id.optional(),
  cursor: disputeCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-11");

/** `GET /disputes/figures`: per branch or per shopper, over the visits of a range of months. */
export const disputeFiguresQuery = z
  .strictObject({
    groupBy: z.enum(["branch", "shopper"]).default("branch"),
    from: month.optional(),
    to: month.optional(),
    branchId: id.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "The range cannot end before it starts",
  });

/** `/disputes/:id/evidence/:sha256` (`validateRowParams`): the row's id (404 when it cannot name one) and the photo's address (400). */
export const disputeEvidenceParam = z.object({ id, sha256: evidenceSha256 });
