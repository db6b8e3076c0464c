/**
 * The complaint figures page's preload (main.tsx): its strings and the figures it opens with.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { figuresFilter, getComplaintFigures, getComplaintsBySection } from "./figures-queries";

export const complaintFigures: PagePreload = {
  strings: () => import("./figures-i18n"),
  data: guarded(({ query }, can) => {
    if (!can.complaints) return undefined;
    const filter = figuresFilter(query);
    return query.view === "compare" ? getComplaintsBySection(filter) : getComplaintFigures(filter);
  }),
};
