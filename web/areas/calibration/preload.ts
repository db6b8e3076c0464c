/**
 * The calibration pages' preload (main.tsx, `/calibrations/*page`): their strings, and the read
 * the page at that path opens with, started while the chunk downloads.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getCalibration, getCalibrationResults, getCalibrations } from "./calibration-queries";

export const calibration: PagePreload = {
  strings: () => import("./calibration-i18n"),
  data: guarded(({ params }, can) => {
    if (!can.calibrations && !can.rateCalibrations) return undefined;
    const [id, sub] = (params.page ?? "").split("/").filter(Boolean);
    if (!id) return getCalibrations();
    if (id === "new" || id === "by-item") return undefined;
    return sub === "results" ? getCalibrationResults(id) : getCalibration(id);
  }),
};
