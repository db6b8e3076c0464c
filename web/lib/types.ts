/** Shapes of the API's JSON, inferred from the typed client so they never drift. */
import type { InferResponseType } from "hono/client";
import type { api } from "./api";

export type { Channel, Locale, MembershipStatus, Role } from "../../schema/enums";
export { CHANNELS, LOCALES, MEMBERSHIP_STATUSES, ROLES } from "../../schema/enums";

export type Me = InferResponseType<typeof api.me.$get, 200> & TwoFactorMe;

/**
 * Two-step sign-in in `GET /me` (the i18-tapi contract), until the API's own type has it:
 * `pending` is "two_factor" (the password was right, a code is due) or "enroll_two_factor" (the
 * organisation requires two-step sign-in for the role and it is not set up); null for a full session.
 */
interface TwoFactorMe {
  pending?: null | "two_factor" | "enroll_two_factor";
  user: { twoFactor?: { enabled: boolean; recoveryCodesLeft: number } };
  organization: { requireTwoFactor?: boolean };
}
export type Region = InferResponseType<typeof api.regions.$get, 200>["items"][number];
export type Branch = InferResponseType<typeof api.branches.$get, 200>["items"][number];
export type BranchPage = InferResponseType<typeof api.branches.$get, 200>;
export type Member = InferResponseType<typeof api.users.$get, 200>["items"][number];
export type Invitation = InferResponseType<(typeof api.invitations)[":token"]["$get"], 200>;
export type InviteResult = InferResponseType<typeof api.users.$post, 201>;
export type InvitationLink = InferResponseType<(typeof api.users)[":id"]["invitation"]["$post"], 201>;

/** A name in both languages, as the API sends it. */
export interface LocalizedName {
  en: string;
  zh: string;
}
