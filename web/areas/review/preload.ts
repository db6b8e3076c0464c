/**
 * The review pages' preloads (main.tsx): their strings and the reads they open with, started
 * while the page's chunk downloads.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { preloadReport } from "../planning/assignment-queries";
import { getHistory, getOrganizationSettings, getReviewQueue, queueFilter } from "./review-queries";

const strings = () => import("./review-i18n");

export const reviewQueue: PagePreload = {
  strings,
  data: guarded(({ query }, can) => can.reviewQueue && getReviewQueue(queueFilter(query))),
};

export const reviewReport: PagePreload = {
  strings,
  data: guarded(({ params }, can) => {
    if (!can.reviewQueue) return;
    const id = params.id ?? "";
    void getHistory(id);
    return preloadReport(id);
  }),
};

export const reviewSettings: PagePreload = {
  strings,
  data: guarded((_, can) => can.manage && getOrganizationSettings()),
};
