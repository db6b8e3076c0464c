/**
 * The signed-in user inside the app shell, shared with every page through context.
 */
import { type Accessor, createContext, useContext } from "solid-js";
import type { Me, Role } from "./types";

export const MeContext = createContext<Accessor<Me>>();

/** The signed-in user; only inside the app shell. */
export function useMe(): Accessor<Me> {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside the signed-in app shell");
  return me;
}

/** What the signed-in user may do, as the API computed it (`GET /me`). */
export function useAbilities() {
  const me = useMe();
  return () => me().abilities;
}

export function roleOf(me: Me): Role {
  return me.role as Role;
}
