import type { Context } from "hono";
import type { UploadRow } from "../data/audits";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";

/**
 * Serves a stored photo from R2 once the route has checked the caller may see it (a report's,
 * a dispute's or an action's); 404 when its bytes are gone.
 */
export async function photoResponse(
  c: Context<AppEnv>,
  upload: Pick<UploadRow, "objectKey" | "contentType" | "byteSize">,
): Promise<Response> {
  const object = await c.env.EVIDENCE.get(upload.objectKey);
  if (!object) throw new ApiError("not_found");
  return c.body(object.body, 200, {
    "Content-Type": upload.contentType,
    "Content-Length": String(upload.byteSize),
    // The bytes behind an address never change once stored.
    "Cache-Control": "private, max-age=31536000, immutable",
  });
}
