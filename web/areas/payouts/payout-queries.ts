/**
 * Reads of the payout pages (admins; docs/PAYOUTS.md), one `query()` per endpoint. Only those
 * lazy pages and their preload import this.
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type PayableSummary = InferResponseType<typeof api.payouts.payable.$get, 200>;
export type PayableShopper = PayableSummary["shoppers"][number];
export type PayoutItem = InferResponseType<typeof api.payouts.$get, 200>["payouts"][number];
export type PayoutDetail = InferResponseType<(typeof api.payouts)[":id"]["$get"], 200>;

/** Per shopper, what published visits would pay now. */
export const getPayable = query(() => call(api.payouts.payable.$get()), "payable");

/** Every batch, newest first. */
export const getPayouts = query(() => call(api.payouts.$get()), "payouts");

export const getPayout = query((id: string) => call(api.payouts[":id"].$get({ param: { id } })), "payout");

/** The batch as a spreadsheet (one row per shopper and a totals row), for a download link. */
export const payoutCsvUrl = (id: string) => `/api/v1/payouts/${encodeURIComponent(id)}/csv`;

export const payoutKeys = [getPayable.key, getPayouts.key, getPayout.key];
