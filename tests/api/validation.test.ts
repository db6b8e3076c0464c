/**
 * Bad input always gets a problem document naming what is wrong, never a 500, and never
 * writes anything (each attempt carries a unique code or email that is looked up afterwards).
 * Bad bodies and queries go raw (`api`): the typed client would not let most of them be sent.
 */
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization, type TestOrganization } from "./factory";
import { api, expectOk, expectProblem, fieldErrors, uniqueCode, uniqueEmail } from "./helpers";
import { type BranchInput, createBranchIn } from "./org-helpers";

let org: TestOrganization;
let other: TestOrganization;
let admin: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
  admin = org.people.admin.cookie;
});

const validBranch = (code = uniqueCode("V")) =>
  ({
    code,
    nameEn: "Valid Branch",
    nameZh: "有效分店",
    regionId: org.regionIds.east,
    channel: "store",
  }) satisfies BranchInput;

async function branchWithCodeExists(code: string): Promise<boolean> {
  const page = await expectOk(await org.as.admin.api.v1.branches.$get({ query: { q: code, limit: "200" } }), 200);
  return page.items.some((b) => b.code.toLowerCase() === code.toLowerCase());
}

async function regionWithCodeExists(code: string): Promise<boolean> {
  const page = await expectOk(await org.as.admin.api.v1.regions.$get({ query: { q: code } }), 200);
  return page.items.some((r) => r.code === code);
}

async function memberExists(email: string): Promise<boolean> {
  const page = await expectOk(await org.as.admin.api.v1.users.$get({ query: { q: email } }), 200);
  return page.items.length > 0;
}

const readBranch = async (id: string) =>
  expectOk(await org.as.admin.api.v1.branches[":id"].$get({ param: { id } }), 200);

/** POSTs a new branch and expects a validation problem with exactly these `path:code` errors. */
async function expectBranchRejected(body: Record<string, unknown>, expected: string[]): Promise<void> {
  const problem = await expectProblem(await api("/api/v1/branches", { cookie: admin, body }), 400, "validation_failed");
  expect(fieldErrors(problem)).toEqual([...expected].sort());
  for (const error of problem.errors ?? []) expect(error.message.length).toBeGreaterThan(0);
  if (typeof body.code === "string") expect(await branchWithCodeExists(body.code)).toBe(false);
}

describe("request bodies", () => {
  it("malformed JSON is 400 malformed_json", async () => {
    const code = uniqueCode("V");
    const body = `${JSON.stringify(validBranch(code)).slice(0, -1)},`;
    await expectProblem(await api("/api/v1/branches", { cookie: admin, body }), 400, "malformed_json");
    expect(await branchWithCodeExists(code)).toBe(false);
    await expectProblem(
      await api("/api/v1/auth/login", { body: `{'email': '${org.people.admin.email}'}` }),
      400,
      "malformed_json",
    );
  });

  it("an empty JSON body is malformed; JSON that is not an object is invalid", async () => {
    await expectProblem(
      await api("/api/v1/branches", { cookie: admin, body: "", headers: { "content-type": "application/json" } }),
      400,
      "malformed_json",
    );
    for (const body of ["null", "[]", "42", '"text"']) {
      await expectProblem(await api("/api/v1/branches", { cookie: admin, body }), 400, "validation_failed");
    }
  });

  it("wrong types name every field", async () => {
    const code = uniqueCode("V");
    await expectBranchRejected(
      { code: 123, nameEn: true, nameZh: ["x"], regionId: 7, channel: 1, active: "yes", address: null },
      [
        "code:invalid_type",
        "nameEn:invalid_type",
        "nameZh:invalid_type",
        "regionId:invalid_type",
        "channel:invalid_value",
        "active:invalid_type",
        "address:invalid_type",
      ],
    );
    await expectBranchRejected({ ...validBranch(code), active: "true" }, ["active:invalid_type"]);
  });

  it("unknown fields are reported one per key, by name", async () => {
    await expectBranchRejected({ ...validBranch(), color: "red", organizationId: other.id }, [
      "color:unknown_field",
      "organizationId:unknown_field",
    ]);
    const code = uniqueCode("R");
    const problem = await expectProblem(
      await api("/api/v1/regions", { cookie: admin, body: { code, nameEn: "A", nameZh: "A", id: "chosen-id" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["id:unknown_field"]);
    expect(await regionWithCodeExists(code)).toBe(false);
  });

  it("over-long strings are too_big with their limit", async () => {
    const code = uniqueCode("V");
    const problem = await expectProblem(
      await org.as.admin.api.v1.branches.$post({
        json: {
          ...validBranch(code),
          nameEn: "x".repeat(121),
          nameZh: "店".repeat(121),
          address: "a".repeat(301),
          phone: "1".repeat(41),
        },
      }),
      400,
      "validation_failed",
    );
    expect(problem.errors?.map((e) => [e.path, e.code, e.limit])).toEqual([
      ["nameEn", "too_big", 120],
      ["nameZh", "too_big", 120],
      ["address", "too_big", 300],
      ["phone", "too_big", 40],
    ]);
    expect(await branchWithCodeExists(code)).toBe(false);
    await expectBranchRejected(validBranch(`V${"1".repeat(20)}`), ["code:too_big"]);
  });

  it("blank and badly formatted values are refused", async () => {
    await expectBranchRejected({ ...validBranch(), nameEn: "   " }, ["nameEn:too_small"]);
    await expectBranchRejected(validBranch("has space"), ["code:invalid_format"]);
    await expectBranchRejected(validBranch("-leading"), ["code:invalid_format"]);
    await expectBranchRejected({ ...validBranch(), phone: "call me" }, ["phone:invalid_format"]);
  });

  it("missing required fields are all reported at once", async () => {
    await expectBranchRejected({}, [
      "channel:required",
      "code:required",
      "nameEn:required",
      "nameZh:required",
      "regionId:required",
    ]);
    const region = await expectProblem(
      await api("/api/v1/regions", { cookie: admin, body: {} }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(region)).toEqual(["code:required", "nameEn:required", "nameZh:required"]);
    const invite = await expectProblem(
      await api("/api/v1/users", { cookie: admin, body: {} }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(invite)).toEqual(["displayName:required", "email:required", "role:required"]);
    const login = await expectProblem(await api("/api/v1/auth/login", { body: {} }), 400, "validation_failed");
    expect(fieldErrors(login)).toEqual(["email:required", "password:required"]);
  });

  it("an unknown region is refused on create (path regionId)", async () => {
    for (const regionId of ["no-such-region", other.regionIds.east]) {
      const code = uniqueCode("V");
      const problem = await expectProblem(
        await org.as.admin.api.v1.branches.$post({ json: { ...validBranch(code), regionId } }),
        400,
        "validation_failed",
      );
      expect(problem.errors).toEqual([expect.objectContaining({ path: "regionId", code: "unknown_reference" })]);
      expect(await branchWithCodeExists(code)).toBe(false);
    }
  });

  it("a duplicate branch code is 409 conflict (path code) and writes nothing", async () => {
    const existing = await createBranchIn(org);
    const problem = await expectProblem(
      await org.as.admin.api.v1.branches.$post({
        json: { ...validBranch(existing.code), nameEn: "Second of its code" },
      }),
      409,
      "conflict",
    );
    expect(fieldErrors(problem)).toEqual(["code:taken"]);
    const page = await expectOk(await org.as.admin.api.v1.branches.$get({ query: { q: existing.code } }), 200);
    expect(page.items.map((b) => b.name.en)).toEqual([existing.name.en]);
  });

  it("a bad time zone is refused (path timezone)", async () => {
    await expectBranchRejected({ ...validBranch(), timezone: "Mars/Olympus_Mons" }, ["timezone:invalid_value"]);
    const branch = await createBranchIn(org);
    const problem = await expectProblem(
      await org.as.admin.api.v1.branches[":id"].$patch({
        param: { id: branch.id },
        json: { timezone: "UTC+25", version: branch.version },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["timezone:invalid_value"]);
    const after = await readBranch(branch.id);
    expect(after.timezone).toBe("Asia/Shanghai");
  });

  it("a bad PATCH changes nothing, even when some fields were fine", async () => {
    const branch = await createBranchIn(org);
    // An unknown field: a raw request.
    const problem = await expectProblem(
      await api(`/api/v1/branches/${branch.id}`, {
        method: "PATCH",
        cookie: admin,
        body: { nameEn: "Would be fine", code: "", extra: true, version: 1 },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["code:invalid_format", "code:too_small", "extra:unknown_field"]);
    expect(await readBranch(branch.id)).toEqual(branch);
  });

  it("a form-encoded body is 415 and writes nothing", async () => {
    const code = uniqueCode("V");
    const body = new URLSearchParams({ ...validBranch(code) }).toString();
    await expectProblem(
      await api("/api/v1/branches", {
        cookie: admin,
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "unsupported_media_type",
    );
    await expectProblem(
      await api("/api/v1/branches", {
        cookie: admin,
        body: JSON.stringify(validBranch(code)),
        headers: { "content-type": "text/plain" },
      }),
      415,
      "unsupported_media_type",
    );
    expect(await branchWithCodeExists(code)).toBe(false);
    // A PATCH too: an all-optional body must not be read as `{}`.
    const branch = await createBranchIn(org);
    await expectProblem(
      await api(`/api/v1/branches/${branch.id}`, {
        method: "PATCH",
        cookie: admin,
        body: "active=false",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("a body over 64 KB is 413, with or without a Content-Length", async () => {
    const code = uniqueCode("V");
    const big = JSON.stringify({ ...validBranch(code), address: "a".repeat(70 * 1024) });
    const problem = await expectProblem(
      await api("/api/v1/branches", { cookie: admin, body: big }),
      413,
      "payload_too_large",
    );
    expect(problem.detail).toContain("64 KB");

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const streamed = await exports.default.fetch("http://localhost/api/v1/branches", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectProblem(streamed, 413, "payload_too_large");
    expect(await branchWithCodeExists(code)).toBe(false);
  });

  it("a body just under the limit is read normally", async () => {
    const code = uniqueCode("V");
    const body = JSON.stringify({ ...validBranch(code), address: "a".repeat(60 * 1024) });
    const problem = await expectProblem(
      await api("/api/v1/branches", { cookie: admin, body }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["address:too_big"]);
  });

  it("invitation input is checked field by field", async () => {
    const email = uniqueEmail();
    const problem = await expectProblem(
      await api("/api/v1/users", {
        cookie: admin,
        body: {
          email: "not an email",
          displayName: "d".repeat(101),
          role: "owner",
          locale: "fr",
          regionIds: Array.from({ length: 41 }, (_, i) => `r${i}`),
        },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "displayName:too_big",
      "email:invalid_format",
      "locale:invalid_value",
      "regionIds:too_big",
      "role:invalid_value",
    ]);
    expect(await memberExists(email)).toBe(false);
  });
});

describe("query parameters", () => {
  it.each([
    ["/api/v1/branches?limit=0", "limit:too_small"],
    ["/api/v1/branches?limit=201", "limit:too_big"],
    ["/api/v1/branches?limit=abc", "limit:invalid_type"],
    ["/api/v1/branches?limit=2.5", "limit:invalid_type"],
    ["/api/v1/branches?channel=shop", "channel:invalid_value"],
    ["/api/v1/branches?active=yes", "active:invalid_value"],
    ["/api/v1/branches?sort=code", "sort:unknown_field"],
    [`/api/v1/branches?q=${"q".repeat(101)}`, "q:too_big"],
    ["/api/v1/regions?limit=5", "limit:unknown_field"],
    ["/api/v1/users?role=owner", "role:invalid_value"],
    ["/api/v1/users?status=gone", "status:invalid_value"],
  ])("%s → %s", async (path, expected) => {
    const problem = await expectProblem(await api(path, { cookie: admin }), 400, "validation_failed");
    expect(fieldErrors(problem)).toEqual([expected]);
  });

  it("a repeated parameter is refused, not a 500", async () => {
    const res = await api("/api/v1/branches?limit=1&limit=2", { cookie: admin });
    await expectProblem(res, 400, "validation_failed");
    const channel = await api("/api/v1/branches?channel=store&channel=call_centre", { cookie: admin });
    await expectProblem(channel, 400, "validation_failed");
  });
});

describe("no bad input gives a 500 (property)", () => {
  const anything = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(
      fc.constantFrom("code", "nameEn", "nameZh", "regionId", "channel", "timezone", "active", "phone", "extra"),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  );

  async function checkResponse(res: Response): Promise<void> {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await res.json()) as { code?: string };
      expect(typeof problem.code).toBe("string");
    } else {
      await res.body?.cancel();
    }
  }

  it("random JSON bodies for branches, regions, users and sign-in", async () => {
    const branch = await createBranchIn(org);
    const targets = [
      { path: "/api/v1/branches", method: "POST" },
      { path: `/api/v1/branches/${branch.id}`, method: "PATCH" },
      { path: "/api/v1/regions", method: "POST" },
      { path: "/api/v1/users", method: "POST" },
      { path: "/api/v1/auth/login", method: "POST" },
      { path: "/api/v1/invitations/not-a-token/accept", method: "POST" },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), anything, async (target, body) => {
        await checkResponse(
          await api(target.path, { method: target.method, cookie: admin, body: JSON.stringify(body) }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("random query strings and path segments", async () => {
    const segment = fc.string({ maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/v1/branches", "/api/v1/regions", "/api/v1/users"),
        fc.dictionary(fc.constantFrom("q", "limit", "cursor", "channel", "active", "regionId", "role", "x"), segment),
        segment,
        async (base, query, id) => {
          await checkResponse(await api(`${base}?${new URLSearchParams(query)}`, { cookie: admin }));
          await checkResponse(await api(`${base}/${encodeURIComponent(id)}`, { cookie: admin }));
        },
      ),
      { numRuns: 100 },
    );
    // 200 requests: about 2 s alone, more on a shared two-core machine.
  }, 15_000);

  it("malformed percent-encoding in paths and queries", async () => {
    for (const path of [
      "/api/v1/branches/%E0%A4%A",
      "/api/v1/branches/%",
      "/api/v1/branches?q=%E0%A4%A",
      "/api/v1/regions?q=%",
      "/api/v1/invitations/%ZZ",
    ]) {
      await checkResponse(await api(path, { cookie: admin }));
    }
  });
});
