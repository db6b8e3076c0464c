/**
 * Router queries: cached, deduplicated reads. Pages read them with `createAsync`; after a
 * change, `revalidate(getX.key)` refreshes every page showing that data.
 */
import { query } from "@solidjs/router";
import { api, call, isProblem } from "./api";
import type { Channel, MembershipStatus, Role } from "./types";

const ME_KEY = "courtesy.me";
type MeBody = Awaited<ReturnType<typeof fetchMe>>;
const fetchMe = () => call(api.me.$get());

/** Forgets who last signed in on this device (on sign-out). */
export function forgetMe(): void {
  try {
    localStorage.removeItem(ME_KEY);
  } catch {
    // Storage blocked: nothing was kept.
  }
}

/**
 * The signed-in user, or null when signed out. With no network, the user last signed in on
 * this device: a shopper's app must open offline (their work is on the phone; the API still
 * checks the session whenever the network is back).
 */
export const getMe = query(async () => {
  try {
    const me = await fetchMe();
    try {
      localStorage.setItem(ME_KEY, JSON.stringify(me));
    } catch {
      // Storage blocked: the app just won't open offline.
    }
    return me;
  } catch (error) {
    if (isProblem(error) && error.status === 401) {
      forgetMe();
      return null;
    }
    if (isProblem(error) && error.status === 0) {
      try {
        const saved = JSON.parse(localStorage.getItem(ME_KEY) ?? "null") as MeBody | null;
        // One kept by an app from before abilities came with the profile cannot say what the user may do.
        if (saved?.abilities) return saved;
      } catch {
        // Fall through to the network error.
      }
    }
    throw error;
  }
}, "me");

export const getRegions = query(async () => (await call(api.regions.$get({ query: {} }))).items, "regions");

export const getRegion = query((id: string) => call(api.regions[":id"].$get({ param: { id } })), "region");

export interface BranchFilter {
  q?: string | undefined;
  regionId?: string | undefined;
  channel?: Channel | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const BRANCH_PAGE_SIZE = 20;

export const getBranches = query(
  (filter: BranchFilter) =>
    call(
      api.branches.$get({
        query: {
          q: filter.q || undefined,
          regionId: filter.regionId || undefined,
          channel: filter.channel || undefined,
          cursor: filter.cursor || undefined,
          limit: String(filter.limit ?? BRANCH_PAGE_SIZE),
        },
      }),
    ),
  "branches",
);

export const getBranch = query((id: string) => call(api.branches[":id"].$get({ param: { id } })), "branch");

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: MembershipStatus | undefined;
}

export const getUsers = query(
  async (filter: UserFilter) =>
    (
      await call(
        api.users.$get({
          query: { q: filter.q || undefined, role: filter.role || undefined, status: filter.status || undefined },
        }),
      )
    ).items,
  "users",
);

export const getUser = query((id: string) => call(api.users[":id"].$get({ param: { id } })), "user");

export const getInvitation = query(
  (token: string) => call(api.invitations[":token"].$get({ param: { token } })),
  "invitation",
);
