import { z } from "zod";
import { parseOpeningHours } from "../domain/imports";
import { booleanQuery, channel, code, id, optionalText, phone, text, timezone, version } from "./common";

// The rules of a branch's place and hours, shared by the branches API and the branch import
// (`validation/imports.ts` reads the same fields from CSV cells through these).

/** The branch's city as shoppers' profiles name it (they may cover cities as well as regions); empty when unknown. */
export const city = optionalText(80);
export const latitude = z.number().min(-90).max(90);
/** What a branch with one coordinate only is told (`coordinatePairProblem` finds which is missing). */
export const COORDINATE_PAIR_MESSAGE = "Give latitude and longitude together";
export const longitude = z.number().min(-180).max(180);

/**
 * Opening hours as people write them (`mon-fri 09:00-21:00; sat 10:00-18:00`, days in English or
 * Chinese) or as stored JSON, read by `parseOpeningHours`; `invalid_format` when it cannot be read.
 */
export const openingHoursText = z
  .string()
  .max(1000)
  .transform((value, ctx) => {
    const hours = parseOpeningHours(value);
    if (hours === null) {
      ctx.addIssue({
        code: "custom",
        message: "Write hours as: mon-fri 09:00-21:00; sat 10:00-18:00",
        params: { code: "invalid_format" },
      });
      return z.NEVER;
    }
    return hours;
  });

/** Opening hours in a JSON body: the text above, the object `GET /branches/:id` answers, or null (unknown); "" is null. */
const openingHours = z.preprocess(
  (v) =>
    typeof v === "string" && v.trim() === "" ? null : v !== null && typeof v === "object" ? JSON.stringify(v) : v,
  openingHoursText.nullable(),
);

export const createBranchBody = z.strictObject({
  code,
  nameEn: text(120),
  nameZh: text(120),
  regionId: id,
  channel,
  address: optionalText(300).default(""),
  phone: phone.default(""),
  timezone: timezone.default("Asia/Shanghai"),
  city: city.default(""),
  /** With `longitude`, or both null (`coordinatePairProblem`). */
  latitude: latitude.nullable().default(null),
  longitude: longitude.nullable().default(null),
  openingHours: openingHours.default(null),
  active: z.boolean().default(true),
});

export const updateBranchBody = z.strictObject({
  code: code.optional(),
  nameEn: text(120).optional(),
  nameZh: text(120).optional(),
  regionId: id.optional(),
  channel: channel.optional(),
  address: optionalText(300).optional(),
  phone: phone.optional(),
  timezone: timezone.optional(),
  city: city.optional(),
  /** The branch keeps both coordinates or neither: change one and the other must still fit. */
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  openingHours: openingHours.optional(),
  active: z.boolean().optional(),
  /** The version the change was based on (409 `stale_version` when the branch moved on). */
  version,
});

export const listBranchesQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  regionId: id.optional(),
  channel: channel.optional(),
  active: booleanQuery.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
