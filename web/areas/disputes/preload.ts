/**
 * The disputes pages' preloads (main.tsx): their strings and the reads they open with, started
 * while the page's chunk downloads.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { disputeFilter, getDispute, getDisputeFigures, getDisputes } from "./disputes-queries";

const strings = () => import("./disputes-i18n");

export const disputes: PagePreload = {
  strings,
  data: guarded(({ query }, can) => can.disputes && getDisputes(disputeFilter(query, can.decideDisputes))),
};

export const dispute: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.disputes && getDispute(params.id ?? "")),
};

export const disputeFigures: PagePreload = {
  strings,
  data: guarded((_, can) => can.disputes && getDisputeFigures({})),
};
