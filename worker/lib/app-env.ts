import type { Db } from "../data/db";
import type { SessionActor } from "../data/sessions";

/** What every handler can read from the context. */
export interface AppEnv {
  Bindings: Cloudflare.Env;
  Variables: {
    requestId: string;
    db: Db;
    /** The signed-in actor, or null. Handlers call `requireActor(c)`. */
    actor: SessionActor | null;
    /** The raw session token from the cookie, when there was one. */
    sessionToken: string | null;
  };
}
