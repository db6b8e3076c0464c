/**
 * Reads of the payout pages (admins; docs/PAYOUTS.md), one `query()` per endpoint. Only those
 * lazy pages and their preload import this.
 */
import { query } from "@solidjs/router";
import type { ClientResponse } from "hono/client";
import { api, call } from "../../lib/api";

// The contract's shapes until the payouts API is merged (then InferResponseType).
export interface PayableShopper {
  shopperId: string;
  name: string;
  email: string;
  visits: number;
  feeCents: number;
  reimbursementCents: number;
  totalCents: number;
}
export interface PayableSummary {
  currency: string;
  shoppers: PayableShopper[];
  totals: { shoppers: number; visits: number; feeCents: number; reimbursementCents: number; totalCents: number };
}
export interface PayoutItem {
  id: string;
  status: "approved" | "paid";
  shopperCount: number;
  visitCount: number;
  feeCents: number;
  reimbursementCents: number;
  totalCents: number;
  note: string;
  approvedAt: string;
  approvedByName: string;
  paidAt: string | null;
  paidByName: string | null;
  version: number;
}
export interface PayoutDetail {
  currency: string;
  payout: PayoutItem;
  lines: PayableShopper[];
}
type Answer<T> = Promise<ClientResponse<T, 200, "json">>;
interface PayoutsApi {
  payable: { $get: () => Answer<PayableSummary> };
  $get: () => Answer<{ currency: string; payouts: PayoutItem[] }>;
  $post: (args: { json: { id: string; shopperIds?: string[]; note?: string } }) => Answer<{ payout: PayoutItem }>;
  ":id": {
    $get: (args: { param: { id: string } }) => Answer<PayoutDetail>;
    paid: { $post: (args: { param: { id: string }; json: { version: number } }) => Answer<{ payout: PayoutItem }> };
  };
}
export const payoutsApi = (api as unknown as { payouts: PayoutsApi }).payouts;

/** Per shopper, what published visits would pay now. */
export const getPayable = query(() => call(payoutsApi.payable.$get()), "payable");

/** Every batch, newest first. */
export const getPayouts = query(() => call(payoutsApi.$get()), "payouts");

export const getPayout = query((id: string) => call(payoutsApi[":id"].$get({ param: { id } })), "payout");

/** The batch as a spreadsheet (one row per shopper and a totals row), for a download link. */
export const payoutCsvUrl = (id: string) => `/api/v1/payouts/${encodeURIComponent(id)}/csv`;

export const payoutKeys = [getPayable.key, getPayouts.key, getPayout.key];
