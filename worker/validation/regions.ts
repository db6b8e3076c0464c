import { z } from "zod";
import { code, text } from "./common";

export const createRegionBody = z.strictObject({
  code,
  nameEn: text(100),
  nameZh: text(100),
});

export const updateRegionBody = createRegionBody.partial();

export const listRegionsQuery = z.strictObject({ q: z.string().trim().max(100).optional() });
