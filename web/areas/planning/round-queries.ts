/**
 * Reads of the audit-round pages (docs/ROUNDS.md), one `query()` per endpoint. Only those lazy
 * pages import this: nothing about rounds is in the app's first download.
 */
import { query } from "@solidjs/router";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type RoundListItem = InferResponseType<typeof api.rounds.$get, 200>["items"][number];
export type RoundDetail = InferResponseType<(typeof api.rounds)[":id"]["$get"], 200>;
export type RoundPreview = InferResponseType<typeof api.rounds.preview.$post, 200>;
export type RoundSummary = RoundPreview["summary"];
export type RoundCoverage = InferResponseType<(typeof api.rounds)[":id"]["coverage"]["$get"], 200>;
export type RoundRequest = InferRequestType<typeof api.rounds.$post>["json"];
export type ReasonGroup = RoundSummary["reasons"][number];

/** Rounds newest first (the first page: 100). */
export const getRounds = query(async () => (await call(api.rounds.$get({ query: { limit: "100" } }))).items, "rounds");

export const getRound = query((id: string) => call(api.rounds[":id"].$get({ param: { id } })), "round");

export const getRoundCoverage = query(
  (id: string) => call(api.rounds[":id"].coverage.$get({ param: { id }, query: {} })),
  "roundCoverage",
);

/** The coverage as a spreadsheet (one row per branch), for a download link. */
export const coverageCsvUrl = (id: string) => `/api/v1/rounds/${encodeURIComponent(id)}/coverage?format=csv`;

export const roundKeys = [getRounds.key, getRound.key, getRoundCoverage.key];
