import { z } from "zod";
import { MEMBERSHIP_STATUSES } from "../../schema/enums";
import { email, idList, locale, role, text } from "./common";

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
});

export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: role.optional(),
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
});
