/** Queries of shoppers' reliability figures (`GET /shoppers/reliability`). */
import { z } from "zod";

/** Sorting keys of the head office table: worst rating first by default. */
export const RELIABILITY_SORTS = ["rating", "name", "reports"] as const;

export const reliabilityQuery = z.strictObject({
  sort: z.enum(RELIABILITY_SORTS).default("rating"),
  order: z.enum(["asc", "desc"]).default("asc"),
});
