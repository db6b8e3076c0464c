/**
 * Reads of the calibration pages (docs/CALIBRATION.md), one `query()` per endpoint. Only those
 * lazy pages import this: nothing about calibration is in the app's first download.
 */
import { query } from "@solidjs/router";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type CalibrationSummary = InferResponseType<typeof api.calibrations.$get, 200>["items"][number];
export type Calibration = InferResponseType<(typeof api.calibrations)[":id"]["$get"], 200>;
export type CalibrationResults = InferResponseType<(typeof api.calibrations)[":id"]["results"]["$get"], 200>;
export type AlphaByItem = InferResponseType<(typeof api.calibrations)["alpha-by-item"]["$get"], 200>;
export type CreateCalibration = InferRequestType<typeof api.calibrations.$post>["json"];
export type RatingAnswer = InferRequestType<
  (typeof api.calibrations)[":id"]["ratings"]["$put"]
>["json"]["answers"][number];

export const getCalibrations = query(async () => (await call(api.calibrations.$get())).items, "calibrations");

export const getCalibration = query(
  (id: string) => call(api.calibrations[":id"].$get({ param: { id } })),
  "calibration",
);

export const getCalibrationResults = query(
  (id: string) => call(api.calibrations[":id"].results.$get({ param: { id } })),
  "calibrationResults",
);

export const getAlphaByItem = query(
  (checklistId: string) => call(api.calibrations["alpha-by-item"].$get({ query: { checklistId } })),
  "calibrationAlphaByItem",
);

/** Recent published reports to calibrate on (the scorecards' audits behind the default period). */
export const getRecentReports = query(
  async () => (await call(api.scorecards.audits.$get({ query: {} }))).audits,
  "calibrationReports",
);

/** A photo of the material, by address (the browser sends the session cookie). */
export const photoUrl = (id: string, sha256: string) =>
  `/api/v1/calibrations/${encodeURIComponent(id)}/photos/${sha256}`;

export const calibrationKeys = [getCalibrations.key, getCalibration.key, getCalibrationResults.key];
