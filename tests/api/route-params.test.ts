/**
 * Path params are validated like bodies and queries (`validateRowParam`, `validate("param", …)`),
 * and answer as before: an id that cannot name a row is 404 like one that names none, a param
 * with a format of its own (a photo's SHA-256, a report's uuid) is 400 naming the field, and a
 * role that may not act gets 403 whatever the params.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "./factory";
import { api, expectProblem, fieldErrors } from "./helpers";

/** Longer than any id (`id`: at most 64 characters): no row can have it. */
const TOO_LONG = "x".repeat(65);
/** A well-formed photo address that no upload has. */
const SOME_SHA = "0".repeat(64);

let admin: string;
let shopper: string;
let cookies: Record<"admin" | "manager" | "reviewer", string>;

beforeAll(async () => {
  const org = await createOrganization();
  admin = org.people.admin.cookie;
  shopper = org.people.shopper.cookie;
  cookies = { admin, manager: org.people.manager.cookie, reviewer: org.people.reviewer.cookie };
});

/** Requests addressed to one row, as (method, path of the id, body). */
const ROW_REQUESTS: Array<[string, (id: string) => string, unknown?]> = [
  ["GET", (id) => `/api/v1/regions/${id}`],
  ["PATCH", (id) => `/api/v1/regions/${id}`, { nameEn: "Renamed", version: 1 }],
  ["GET", (id) => `/api/v1/branches/${id}`],
  ["PATCH", (id) => `/api/v1/branches/${id}`, { nameEn: "Renamed", version: 1 }],
  ["GET", (id) => `/api/v1/users/${id}`],
  ["PATCH", (id) => `/api/v1/users/${id}`, { displayName: "Renamed", version: 1 }],
  ["POST", (id) => `/api/v1/users/${id}/invitation`],
  ["GET", (id) => `/api/v1/assignments/${id}`],
  ["PATCH", (id) => `/api/v1/assignments/${id}`, { status: "cancelled" }],
  ["GET", (id) => `/api/v1/audits/${id}`],
  ["GET", (id) => `/api/v1/checklists/${id}`],
  ["PATCH", (id) => `/api/v1/checklists/${id}`, { status: "archived" }],
  ["POST", (id) => `/api/v1/checklists/${id}/drafts`, {}],
  ["GET", (id) => `/api/v1/checklist-versions/${id}`],
  ["POST", (id) => `/api/v1/checklist-versions/${id}/publish`],
  ["DELETE", (id) => `/api/v1/checklist-versions/${id}`],
  ["POST", (id) => `/api/v1/checklist-versions/${id}/score`, { answers: [] }],
  ["GET", (id) => `/api/v1/scorecards/branches/${id}`],
];

describe("an id that cannot name a row answers like one that names none", () => {
  it.each(ROW_REQUESTS)("%s %s", async (method, path, body) => {
    const malformed = await expectProblem(await api(path(TOO_LONG), { method, cookie: admin, body }), 404, "not_found");
    const unknown = await expectProblem(
      await api(path("no-such-row"), { method, cookie: admin, body }),
      404,
      "not_found",
    );
    expect(malformed.errors).toBeUndefined();
    expect(malformed.detail).toBe(unknown.detail);
  });

  /** The trust loop's rows (disputes, corrective actions), each as a role that may act on them; `{id}` is the row. */
  const TRUST_REQUESTS: Array<[string, string, keyof typeof cookies, unknown?]> = [
    ["POST", "/api/v1/audits/{id}/disputes", "manager", { items: [{ itemKey: "greets", reason: "Done." }] }],
    ["GET", "/api/v1/disputes/{id}", "reviewer"],
    [
      "POST",
      "/api/v1/disputes/{id}/decisions",
      "reviewer",
      { version: 1, items: [{ itemKey: "greets", outcome: "upheld", reason: "Seen." }] },
    ],
    ["GET", `/api/v1/disputes/{id}/evidence/${SOME_SHA}`, "admin"],
    ["GET", "/api/v1/actions/{id}", "manager"],
    ["PATCH", "/api/v1/actions/{id}", "manager", { version: 1, title: "Renamed" }],
    ["GET", `/api/v1/actions/{id}/evidence/${SOME_SHA}`, "admin"],
  ];

  it.each(TRUST_REQUESTS)("%s %s", async (method, template, who, body) => {
    const cookie = cookies[who];
    const path = (id: string) => template.replace("{id}", id);
    const malformed = await expectProblem(await api(path(TOO_LONG), { method, cookie, body }), 404, "not_found");
    const unknown = await expectProblem(await api(path("no-such-row"), { method, cookie, body }), 404, "not_found");
    expect(malformed.errors).toBeUndefined();
    expect(malformed.detail).toBe(unknown.detail);
  });

  it("a photo's address that is not a SHA-256 is 400 naming it, whatever the row's id", async () => {
    for (const base of ["/api/v1/disputes", "/api/v1/actions"]) {
      for (const id of [TOO_LONG, "no-such-row"]) {
        const problem = await expectProblem(
          await api(`${base}/${id}/evidence/not-a-hash`, { cookie: admin }),
          400,
          "validation_failed",
        );
        expect(fieldErrors(problem)).toEqual(["sha256:invalid_format"]);
      }
    }
  });

  it("a bad body to a malformed id is 400, as to a made-up one (the body is checked first)", async () => {
    for (const id of [TOO_LONG, "no-such-region"]) {
      const problem = await expectProblem(
        await api(`/api/v1/regions/${id}`, { method: "PATCH", cookie: admin, body: { code: 42, version: 1 } }),
        400,
        "validation_failed",
      );
      expect(fieldErrors(problem)).toEqual(["code:invalid_type"]);
    }
  });
});

describe("authorise before validating the params", () => {
  it("a shopper gets 403 whatever the id", async () => {
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/regions/${TOO_LONG}`, { nameEn: "X" }],
      ["GET", `/api/v1/users/${TOO_LONG}`],
      ["POST", `/api/v1/users/${TOO_LONG}/invitation`],
      ["GET", `/api/v1/scorecards/branches/${TOO_LONG}`],
      ["POST", `/api/v1/checklist-versions/${TOO_LONG}/publish`],
      ["GET", `/api/v1/disputes/${TOO_LONG}`],
      ["GET", `/api/v1/disputes/${TOO_LONG}/evidence/not-a-hash`],
      ["POST", `/api/v1/disputes/${TOO_LONG}/decisions`, { version: "x" }],
      ["GET", `/api/v1/actions/${TOO_LONG}`],
      ["GET", `/api/v1/actions/${TOO_LONG}/evidence/not-a-hash`],
      ["PATCH", `/api/v1/actions/${TOO_LONG}`, { version: "x" }],
    ] as const) {
      await expectProblem(await api(path, { method, cookie: shopper, body }), 403, "forbidden");
    }
  });
});

describe("a param with a format of its own is 400 naming the field", () => {
  it("a photo's address that is not a SHA-256", async () => {
    const problem = await expectProblem(
      await api("/api/v1/evidence/not-a-hash", { cookie: shopper }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["sha256:invalid_format"]);
  });

  it("a report's id that is not a uuid", async () => {
    const problem = await expectProblem(
      await api("/api/v1/audits/not-a-uuid", { method: "PUT", cookie: shopper, body: {} }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toContain("id:invalid_format");
  });
});

describe("an invitation token that is no link of ours", () => {
  it("is an invalid link, read or accepted", async () => {
    const token = "t".repeat(101);
    await expectProblem(await api(`/api/v1/invitations/${token}`), 410, "invitation_invalid");
    await expectProblem(
      await api(`/api/v1/invitations/${token}/accept`, {
        body: { mode: "new", displayName: "Someone", password: "a-long-enough-password" },
      }),
      410,
      "invitation_invalid",
    );
  });
});
