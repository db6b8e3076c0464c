/** Shapes of the API's JSON, inferred from the typed client so they never drift. */
import type { InferResponseType } from "hono/client";
import type { api } from "./api";

export type { Channel, Locale, MembershipStatus, Role } from "../../schema/enums";
export { CHANNELS, LOCALES, MEMBERSHIP_STATUSES, ROLES } from "../../schema/enums";

export type Me = InferResponseType<typeof api.me.$get, 200>;
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
