import { z } from "zod";
import { booleanQuery, channel, code, id, optionalText, phone, text, timezone, version } from "./common";

export const createBranchBody = z.strictObject({
  code,
  nameEn: text(120),
  nameZh: text(120),
  regionId: id,
  channel,
  address: optionalText(300).default(""),
  phone: phone.default(""),
  timezone: timezone.default("Asia/Shanghai"),
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
