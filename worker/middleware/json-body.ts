import { every } from "hono/combine";
import { createMiddleware } from "hono/factory";
import { MAX_EVIDENCE_BYTES } from "../domain/images";
import { ApiError } from "../lib/errors";

/** Largest JSON body the API accepts; forms here are small. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * The large JSON bodies, checklist documents and audit reports: a few hundred bilingual items
 * with guidance, or a report with a comment (up to 2,000 characters) on every item; and audit
 * rounds (a target listing thousands of branches, a pool of bilingual scenarios); and a call
 * transcript to check (50,000 characters, 150 KB in Chinese).
 */
export const DOCUMENT_BODY_LIMIT_BYTES = 1024 * 1024;
const DOCUMENT_BODY_PREFIXES = ["/api/v1/checklist", "/api/v1/audits/", "/api/v1/rounds", "/api/v1/transcripts/"];
/**
 * Logging a complaint and editing its facts take its call transcript too (up to 50,000
 * characters, 150 KB in Chinese): the document limit, for those two requests only.
 */
function isComplaintFacts(method: string, path: string): boolean {
  return (
    (method === "POST" && path === "/api/v1/complaints") ||
    (method === "PATCH" && /^\/api\/v1\/complaints\/[^/]+$/.test(path))
  );
}
/** Photo uploads are raw image bytes, not JSON, of up to 5 MB; the route checks their type itself. */
const RAW_BODY_PREFIX = "/api/v1/evidence/";
/**
 * Bulk imports send a CSV file (docs/IMPORTS.md): their routes check the type and cap the size
 * themselves with `csvBody`, after `permitRole`, so a role that may not import gets 403 before
 * a byte of the file is read.
 */
const CSV_BODY_PREFIX = "/api/v1/imports/";
/** 10,000 rows of a few hundred bytes (Chinese addresses are 3 bytes a character), with room. */
export const CSV_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const CSV_TYPES = new Set(["text/csv", "text/plain", "application/vnd.ms-excel"]);

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * How much of a refused body is read and dropped before answering 413: the most Cloudflare's
 * edge passes to a Worker on any plan (100 MB, 500 MB on Enterprise), so in production every
 * refused body is drained. Only a larger one (possible under `wrangler dev` alone) is cancelled.
 */
const DRAIN_LIMIT_BYTES = 500 * 1024 * 1024;

/** Reads a refused body to its end without keeping it (see `limitBody`), or cancels a huge one. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let read = alreadyRead;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing is left to drain.
  }
}

/**
 * Caps the request body at `maxSize` bytes before any handler reads it, answering 413
 * problem+json (never the runtime's own error or a reset): a declared `Content-Length` over the
 * limit is refused without reading a byte; otherwise the body is read here, counting, and
 * refused as soon as it passes the limit, whatever the header said (chunked bodies, and bodies
 * longer than they declared when they come from a service binding or a test rather than the
 * edge, which enforces the header). Either way the rest of the body is read and dropped (up to
 * `DRAIN_LIMIT_BYTES`) before the 413 goes out: a body cancelled half-way made `wrangler dev`'s
 * proxy answer its own plain-text 500 ("Network connection lost", with a server path) instead of
 * ours. The bytes read are handed on as the request's body.
 */
function limitBody(maxSize: number, detail: string) {
  return createMiddleware(async function limitBodyMiddleware(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const declared = c.req.header("content-length");
    if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > maxSize) {
      await drain(reader, 0);
      throw new ApiError("payload_too_large", detail);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) {
        await drain(reader, size);
        throw new ApiError("payload_too_large", detail);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
    await next();
  });
}

/**
 * Requests with a body must send JSON, and not too much of it. Without this, a form-encoded
 * body would be read as `{}` and an all-optional PATCH would silently do nothing.
 * @example app.use("/api/*", jsonBody())
 */
export function jsonBody() {
  const requireJson = createMiddleware(async function requireJson(c, next) {
    const length = c.req.header("content-length");
    // A length that is not a number says nothing: whether there is a body is then the body's to say.
    const hasBody = length !== undefined && /^\d+$/.test(length.trim()) ? Number(length) > 0 : c.req.raw.body !== null;
    const own = c.req.path.startsWith(RAW_BODY_PREFIX) || c.req.path.startsWith(CSV_BODY_PREFIX);
    if (BODY_METHODS.has(c.req.method) && hasBody && !own) {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") throw new ApiError("unsupported_media_type");
    }
    await next();
  });
  const kb = (bytes: number) => `The request body is larger than ${bytes / 1024} KB`;
  const small = limitBody(JSON_BODY_LIMIT_BYTES, kb(JSON_BODY_LIMIT_BYTES));
  const document = limitBody(DOCUMENT_BODY_LIMIT_BYTES, kb(DOCUMENT_BODY_LIMIT_BYTES));
  const photo = limitBody(MAX_EVIDENCE_BYTES, `A photo may be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
  const limit = createMiddleware(function limitByPath(c, next) {
    if (c.req.path.startsWith(RAW_BODY_PREFIX)) return photo(c, next);
    if (c.req.path.startsWith(CSV_BODY_PREFIX)) return next();
    const large =
      DOCUMENT_BODY_PREFIXES.some((prefix) => c.req.path.startsWith(prefix)) ||
      isComplaintFacts(c.req.method, c.req.path);
    return large ? document(c, next) : small(c, next);
  });
  return every(requireJson, limit);
}

/**
 * The body of a bulk import: a CSV file (`text/csv`; `text/plain` and Excel's
 * `application/vnd.ms-excel` too, which is what browsers call a .csv on Windows), at most
 * `CSV_BODY_LIMIT_BYTES`. Goes after `permitRole` on the import routes (`jsonBody` leaves them alone).
 * @example importRoutes.post("/branches", permitRole("create", "import"), csvBody(), handler)
 */
export function csvBody() {
  const limit = limitBody(CSV_BODY_LIMIT_BYTES, `The file is larger than ${CSV_BODY_LIMIT_BYTES / 1024 / 1024} MB`);
  return createMiddleware(async function csvBodyMiddleware(c, next) {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!CSV_TYPES.has(type)) throw new ApiError("unsupported_media_type", "Send the file as text/csv");
    return limit(c, next);
  });
}
