/** Request ids a client may not choose freely, and body limits enforced before any handler reads. */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from "../../worker/middleware/json-body";
import { createOrganization } from "./factory";
import { api, BASE, expectJson, expectProblem, uniqueCode } from "./helpers";

// Every request here is raw on purpose: declared lengths, chunked streams, no Content-Length.
let admin: string;

beforeAll(async () => {
  admin = (await createOrganization()).people.admin.cookie;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("X-Request-Id", () => {
  it.each([
    ["a word", "hello-world"],
    ["an injected log field", 'abc" level=admin'],
    ["a long value", "a".repeat(200)],
    ["a UUID with extra text", `${crypto.randomUUID()}-x`],
  ])("replaces %s with an id of our own", async (_name, given) => {
    const res = await api("/api/v1/me", { headers: { "x-request-id": given } });
    const id = res.headers.get("x-request-id") ?? "";
    expect(id).toMatch(UUID);
    expect(id).not.toBe(given);
    const problem = await expectProblem(res, 401, "unauthenticated");
    expect(problem.requestId).toBe(id);
  });

  it("echoes a UUID (in lower case), in the header and the problem document", async () => {
    const given = crypto.randomUUID().toUpperCase();
    const res = await api("/api/v1/me", { headers: { "x-request-id": given } });
    expect(res.headers.get("x-request-id")).toBe(given.toLowerCase());
    expect((await expectProblem(res, 401, "unauthenticated")).requestId).toBe(given.toLowerCase());
  });

  it("makes one when none is sent", async () => {
    expect((await api("/api/v1/health")).headers.get("x-request-id")).toMatch(UUID);
  });
});

/** A body of `total` bytes of `fill` sent in chunks with no Content-Length (chunked). */
function chunked(total: number, fill = "x", chunk = 16 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(encoder.encode(fill.repeat(n)));
    },
  });
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("body size limits", () => {
  it("refuses a declared Content-Length over the limit with 413 problem+json, without reading", async () => {
    const problem = await expectProblem(
      await post("/api/v1/regions", "{}", { "content-length": String(10 * 1024 * 1024) }),
      413,
      "payload_too_large",
    );
    expect(problem.detail).toBe("The request body is larger than 64 KB");
  });

  it("refuses a chunked body as soon as it passes the limit", async () => {
    await expectProblem(await post("/api/v1/regions", chunked(JSON_BODY_LIMIT_BYTES + 1)), 413, "payload_too_large");
    const photo = await exports.default.fetch(`${BASE}/api/v1/evidence/${"a".repeat(64)}`, {
      method: "PUT",
      headers: { cookie: admin, "content-type": "image/jpeg" },
      body: chunked(5 * 1024 * 1024 + 1, "x", 256 * 1024),
      duplex: "half",
    } as RequestInit);
    const problem = await expectProblem(photo, 413, "payload_too_large");
    expect(problem.detail).toBe("A photo may be at most 5 MB");
  });

  it("reads a refused body to its end before answering, instead of cancelling it half-way", async () => {
    // A body cancelled mid-stream made `wrangler dev`'s proxy answer its own plain-text 500
    // ("Network connection lost", with a server path) instead of our 413.
    const total = 2 * 1024 * 1024;
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) {
          controller.close();
          return;
        }
        const n = Math.min(64 * 1024, total - pulled);
        pulled += n;
        controller.enqueue(new Uint8Array(n).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expectProblem(await post("/api/v1/regions", body), 413, "payload_too_large");
    expect(cancelled).toBe(false);
    expect(pulled).toBe(total);
  });

  it("counts the bytes, not the header: a body longer than it declared is still refused", async () => {
    const body = JSON.stringify({ code: uniqueCode("L"), nameEn: "x".repeat(100 * 1024), nameZh: "y" });
    await expectProblem(await post("/api/v1/regions", body, { "content-length": "10" }), 413, "payload_too_large");
    await expectProblem(await post("/api/v1/regions", body, { "content-length": "abc" }), 413, "payload_too_large");
  });

  it("lets a chunked body under the limit through whole", async () => {
    const code = uniqueCode("K");
    const json = JSON.stringify({ code, nameEn: `Chunked ${code}`, nameZh: `分块 ${code}` });
    const bytes = new TextEncoder().encode(json);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const region = await expectJson<{ code: string }>(await post("/api/v1/regions", stream), 201);
    expect(region.code).toBe(code);
  });

  it("gives checklist documents and reports the larger limit, and no more", async () => {
    const under = await post("/api/v1/checklists", chunked(JSON_BODY_LIMIT_BYTES * 2, " "));
    expect(under.status).not.toBe(413);
    await expectProblem(
      await post("/api/v1/checklists", chunked(DOCUMENT_BODY_LIMIT_BYTES + 1, " ")),
      413,
      "payload_too_large",
    );
  });
});
