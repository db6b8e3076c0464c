/**
 * The home's reads that belong to no other area's queries: disputes in progress (`GET /disputes
 * ?status=open`, oldest first: a queue).
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type OpenDispute = InferResponseType<typeof api.disputes.$get, 200>["items"][number];

export const getOpenDisputes = query(
  async () => (await call(api.disputes.$get({ query: { status: "open", limit: "20" } }))).items,
  "homeOpenDisputes",
);
