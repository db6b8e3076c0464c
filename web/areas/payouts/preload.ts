/**
 * The payout pages' preloads (main.tsx): their strings and the reads they open with, started
 * while the pages' chunk downloads, behind the pages' own guard (admins).
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getPayable, getPayout, getPayouts } from "./payout-queries";

export const payouts: PagePreload = {
  strings: () => import("./payouts-i18n"),
  data: guarded(({ params }, can) => {
    if (!can.payouts) return;
    if (params.page) return getPayout(params.page);
    return Promise.all([getPayable(), getPayouts()]);
  }),
};
