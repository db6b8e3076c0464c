import { describe, expect, it } from "vitest";
import { permitRole } from "../../worker/lib/authorize";
import { requestId } from "../../worker/middleware/request-id";
import { sameOrigin } from "../../worker/middleware/same-origin";
import { loadSession } from "../../worker/middleware/session";

describe("middleware", () => {
  it("are named functions, so a stack trace or a profile says which one ran", () => {
    expect(requestId().name).toBe("requestIdMiddleware");
    expect(sameOrigin().name).toBe("sameOriginMiddleware");
    expect(loadSession().name).toBe("loadSessionMiddleware");
    expect(permitRole("create", "branch").name).toBe("permitRoleMiddleware");
  });
});
