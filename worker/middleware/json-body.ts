import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { createMiddleware } from "hono/factory";
import { MAX_EVIDENCE_BYTES } from "../domain/images";
import { ApiError } from "../lib/errors";

/** Largest JSON body the API accepts; forms here are small. Later uploads get their own limit. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * Checklist documents and audit reports are the large JSON bodies: a few hundred bilingual
 * items with guidance, or a report with a comment (up to 2,000 characters) on every item.
 */
export const CHECKLIST_BODY_LIMIT_BYTES = 1024 * 1024;
const LARGE_BODY_PREFIXES = ["/api/v1/checklist", "/api/v1/audits/"];
/** Photo uploads are raw image bytes, not JSON, of up to 5 MB; the route checks their type itself. */
const RAW_BODY_PREFIX = "/api/v1/evidence/";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Requests with a body must send JSON, and not too much of it. Without this, a form-encoded
 * body would be read as `{}` and an all-optional PATCH would silently do nothing.
 * @example app.use("/api/*", jsonBody())
 */
export function jsonBody() {
  const requireJson = createMiddleware(async (c, next) => {
    const length = c.req.header("content-length");
    const hasBody = length !== undefined ? Number(length) > 0 : c.req.header("transfer-encoding") !== undefined;
    if (BODY_METHODS.has(c.req.method) && hasBody && !c.req.path.startsWith(RAW_BODY_PREFIX)) {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") throw new ApiError("unsupported_media_type");
    }
    await next();
  });
  const limitTo = (maxSize: number, detail = `The request body is larger than ${maxSize / 1024} KB`) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("payload_too_large", detail);
      },
    });
  const small = limitTo(JSON_BODY_LIMIT_BYTES);
  const large = limitTo(CHECKLIST_BODY_LIMIT_BYTES);
  const photo = limitTo(MAX_EVIDENCE_BYTES, `A photo may be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
  const limit = createMiddleware((c, next) => {
    if (c.req.path.startsWith(RAW_BODY_PREFIX)) return photo(c, next);
    return LARGE_BODY_PREFIXES.some((prefix) => c.req.path.startsWith(prefix)) ? large(c, next) : small(c, next);
  });
  return every(requireJson, limit);
}
