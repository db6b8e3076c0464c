/**
 * Reads of the reliability pages (docs/QUALITY.md, "Reliability"). Only those lazy pages and the
 * area's preloads import this.
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type ReliabilityTable = InferResponseType<typeof api.shoppers.reliability.$get, 200>;
export type ShopperReliability = ReliabilityTable["items"][number];
export type ReliabilityLine = ShopperReliability["lines"][number];
export type MyReliability = InferResponseType<typeof api.me.reliability.$get, 200>;

export const RELIABILITY_SORTS = ["rating", "rating-desc", "name", "reports"] as const;
export type ReliabilitySort = (typeof RELIABILITY_SORTS)[number];

const SORTS: Record<ReliabilitySort, { sort: "rating" | "name" | "reports"; order: "asc" | "desc" }> = {
  rating: { sort: "rating", order: "asc" },
  "rating-desc": { sort: "rating", order: "desc" },
  name: { sort: "name", order: "asc" },
  reports: { sort: "reports", order: "desc" },
};

/** Every shopper's figures in the chosen order (computing them refreshes the cached ratings). */
export const getReliabilityTable = query(
  (sort: ReliabilitySort) => call(api.shoppers.reliability.$get({ query: SORTS[sort] })),
  "reliabilityTable",
);

/** The signed-in shopper's own figures. */
export const getMyReliability = query(() => call(api.me.reliability.$get()), "myReliability");
