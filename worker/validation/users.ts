import { z } from "zod";
import { MEMBERSHIP_STATUSES } from "../../schema/enums";
import { email, idList, locale, role, text, version } from "./common";

export const inviteBody = z.strictObject({
  email,
  displayName: text(100),
  role,
  locale: locale.default("en"),
  regionIds: idList.default([]),
  branchIds: idList.default([]),
});

export const updateUserBody = z.strictObject({
  displayName: text(100).optional(),
  role: role.optional(),
  status: z.enum(["active", "deactivated"]).optional(),
  regionIds: idList.optional(),
  branchIds: idList.optional(),
  /** The version the change was based on (409 `stale_version` when the membership moved on). */
  version,
});

export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: role.optional(),
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
});
