import { z } from "zod";
import { code, text, version } from "./common";

export const createRegionBody = z.strictObject({
  code,
  nameEn: text(100),
  nameZh: text(100),
});

/** A change names the `version` it was based on (409 `stale_version` when the region moved on). */
export const updateRegionBody = createRegionBody.partial().extend({ version });

export const listRegionsQuery = z.strictObject({ q: z.string().trim().max(100).optional() });
