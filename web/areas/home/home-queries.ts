/**
 * The home's reads that belong to no other area's queries: disputes in progress (`GET /disputes
 * ?status=open`, oldest first: a queue), one page of 100 (the list shows five; the count of those
 * the reader may decide reads the whole page, "N+" past it).
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type OpenDisputePage = InferResponseType<typeof api.disputes.$get, 200>;
export type OpenDispute = OpenDisputePage["items"][number];

export const getOpenDisputes = query(
  async () => call(api.disputes.$get({ query: { status: "open", limit: "100" } })),
  "homeOpenDisputes",
);
