/** Cross-origin defence, response headers, request ids and the API's own 404. */
import { beforeAll, describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "../../worker/domain/memberships";
import { createOrganization, FACTORY_PASSWORD, type TestOrganization } from "./factory";
import { api, expectOk, expectProblem, signIn, uniqueCode } from "./helpers";
import { createMemberBy, inviteBy } from "./member-helpers";
import { createBranchIn } from "./org-helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
});

/** A branch body, sent raw: these tests set the headers (Origin, Sec-Fetch-Site) themselves. */
const newBranch = (code: string) => ({
  code,
  nameEn: "Cross-site",
  nameZh: "跨站",
  regionId: org.regionIds.east,
  channel: "store" as const,
});

async function branchCodes(q: string): Promise<string[]> {
  const page = await expectOk(await org.as.admin.api.v1.branches.$get({ query: { q } }), 200);
  return page.items.map((b) => b.code);
}

describe("cross-origin requests that change data", () => {
  it.each([
    ["Origin: https://evil.example", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["an https Origin on the http site", { origin: "https://localhost" }],
    ["another port", { origin: "http://localhost:8080" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["a same-origin Origin but a cross-site fetch", { origin: "http://localhost", "sec-fetch-site": "cross-site" }],
  ])("%s → 403 csrf_rejected, nothing written", async (_label, headers) => {
    const code = uniqueCode("X");
    await expectProblem(
      await api("/api/v1/branches", { cookie: admin, headers, body: newBranch(code) }),
      403,
      "csrf_rejected",
    );
    expect(await branchCodes(code)).toEqual([]);
  });

  it("same-origin requests pass", async () => {
    const byOrigin = uniqueCode("X");
    const created = await expectOk(
      await org.as.admin.api.v1.branches.$post(
        { json: newBranch(byOrigin) },
        { headers: { origin: "http://localhost" } },
      ),
      201,
    );
    expect(created.code).toBe(byOrigin);
    const byFetchSite = uniqueCode("X");
    const res = await api("/api/v1/branches", {
      cookie: admin,
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
      body: newBranch(byFetchSite),
    });
    expect(res.status).toBe(201);
    expect(await branchCodes(byFetchSite)).toEqual([byFetchSite]);
    // Over https, the https origin is our own.
    const secure = await api("https://localhost/api/v1/auth/login", {
      headers: { origin: "https://localhost", "sec-fetch-site": "same-origin" },
      body: { email: org.people.reviewer.email, password: FACTORY_PASSWORD },
    });
    expect(secure.status).toBe(200);
  });

  it("a cross-site PATCH changes nothing", async () => {
    const branch = await createBranchIn(org);
    await expectProblem(
      await api(`/api/v1/branches/${branch.id}`, {
        method: "PATCH",
        cookie: admin,
        headers: { origin: "https://evil.example" },
        body: { nameEn: "Defaced", version: 1 },
      }),
      403,
      "csrf_rejected",
    );
    const after = await expectOk(await org.as.admin.api.v1.branches[":id"].$get({ param: { id: branch.id } }), 200);
    expect(after.name.en).toBe(branch.name.en);
  });

  it("cross-site sign-in and sign-out are refused (no login CSRF, no forced logout)", async () => {
    const login = await api("/api/v1/auth/login", {
      headers: { origin: "https://evil.example" },
      body: { email: org.people.reviewer.email, password: FACTORY_PASSWORD },
    });
    expect(login.headers.get("set-cookie")).toBeNull();
    await expectProblem(login, 403, "csrf_rejected");

    const cookie = await signIn(org.people.reviewer.email, FACTORY_PASSWORD);
    await expectProblem(
      await api("/api/v1/auth/logout", { method: "POST", cookie, headers: { "sec-fetch-site": "cross-site" } }),
      403,
      "csrf_rejected",
    );
    expect((await api("/api/v1/me", { cookie })).status).toBe(200);
  });

  it("reads are not blocked by a foreign Origin", async () => {
    const res = await api("/api/v1/me", { cookie: admin, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("invitation links are not a password oracle", () => {
  it(`locks accepting with an existing password after ${LOGIN_MAX_FAILURES} wrong ones`, async () => {
    const outsider = await createMemberBy(other.people.admin);
    const invited = await inviteBy(org.people.admin, { email: outsider.email });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      const res = await api(`/api/v1/invitations/${invited.token}/accept`, {
        body: { mode: "existing", password: `wrong-guess-${i}` },
      });
      expect(res.status).toBe(400);
    }
    const locked = await api(`/api/v1/invitations/${invited.token}/accept`, {
      body: { mode: "existing", password: outsider.password },
    });
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    await expectProblem(locked, 429, "too_many_attempts");
  });
});

describe("response headers", () => {
  const requests: Array<[string, () => Promise<Response>, number]> = [
    ["GET /health", () => api("/api/v1/health"), 200],
    ["GET /me", () => api("/api/v1/me", { cookie: admin }), 200],
    ["POST /branches", () => api("/api/v1/branches", { cookie: admin, body: newBranch(uniqueCode("H")) }), 201],
    ["POST /auth/logout", () => api("/api/v1/auth/logout", { method: "POST" }), 204],
    ["400", () => api("/api/v1/branches?limit=0", { cookie: admin }), 400],
    ["401", () => api("/api/v1/me"), 401],
    [
      "403",
      () => api("/api/v1/branches", { cookie: admin, headers: { origin: "https://evil.example" }, body: {} }),
      403,
    ],
    ["404", () => api("/api/v1/nope"), 404],
    ["413", () => api("/api/v1/regions", { cookie: admin, body: "x".repeat(65 * 1024) }), 413],
    [
      "415",
      () =>
        api("/api/v1/regions", {
          cookie: admin,
          body: "a=b",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      415,
    ],
  ];

  it.each(requests)("%s carries X-Request-Id and the security headers", async (_label, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
    if (status >= 400) {
      const problem = (await res.json()) as { requestId?: string };
      expect(problem.requestId).toBe(id);
    } else {
      await res.body?.cancel();
    }
  });

  it("request ids differ between requests; a caller's id is echoed only when well-formed", async () => {
    const a = (await api("/api/v1/health")).headers.get("x-request-id");
    const b = (await api("/api/v1/health")).headers.get("x-request-id");
    expect(a).not.toBe(b);
    const trace = crypto.randomUUID();
    const echoed = await api("/api/v1/health", { headers: { "x-request-id": trace } });
    expect(echoed.headers.get("x-request-id")).toBe(trace);
    const injected = await api("/api/v1/health", { headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(injected.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("responses carry no server fingerprint and no CORS grant", async () => {
    const res = await api("/api/v1/me", { cookie: admin });
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("unknown routes", () => {
  it("an unknown API path is a 404 problem", async () => {
    const problem = await expectProblem(await api("/api/v1/nope"), 404, "not_found");
    expect(problem.detail).toBe("No API route for GET /api/v1/nope");
  });

  it("an unknown method on a known path is a 404 problem too", async () => {
    await expectProblem(
      await api(`/api/v1/branches/${org.branchIds.north1}`, { method: "DELETE", cookie: admin }),
      404,
      "not_found",
    );
    const id = org.branchIds.north1;
    const branch = await expectOk(await org.as.admin.api.v1.branches[":id"].$get({ param: { id } }), 200);
    expect(branch.id).toBe(id);
  });
});
