import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../../worker/lib/errors";
import { toFieldErrors, validate, validateRowParam } from "../../worker/lib/validate";
import { createBranchBody } from "../../worker/validation/branches";
import { idParam } from "../../worker/validation/common";
import { inviteBody } from "../../worker/validation/users";

function errorsFor(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be invalid");
  return toFieldErrors(result.error, input);
}

const person = z.strictObject({
  name: z.string().min(1).max(5),
  age: z.number().int(),
  kind: z.enum(["a", "b"]),
  address: z.strictObject({ city: z.string() }).optional(),
});

describe("toFieldErrors", () => {
  it("names each unknown key once, with its path and code unknown_field", () => {
    const errors = errorsFor(person, { name: "Ann", age: 3, kind: "a", color: "red", size: 2 });
    expect(errors).toEqual([
      { path: "color", message: "Unknown field", code: "unknown_field" },
      { path: "size", message: "Unknown field", code: "unknown_field" },
    ]);
  });

  it("prefixes unknown keys of nested objects with the parent's path", () => {
    const errors = errorsFor(person, { name: "Ann", age: 3, kind: "a", address: { city: "X", zip: "1" } });
    expect(errors).toEqual([{ path: "address.zip", message: "Unknown field", code: "unknown_field" }]);
  });

  it("reports every missing field as required, enums included", () => {
    const errors = errorsFor(person, {});
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["name", "required"],
      ["age", "required"],
      ["kind", "required"],
    ]);
  });

  it("reports a missing union (an action's owner: a member or a name) as required, a wrong one as invalid_value", () => {
    const owned = z.strictObject({
      owner: z.union([z.strictObject({ userId: z.string() }), z.strictObject({ name: z.string() })]),
    });
    expect(errorsFor(owned, {}).map((e) => [e.path, e.code])).toEqual([["owner", "required"]]);
    expect(errorsFor(owned, { owner: "me" }).map((e) => [e.path, e.code])).toEqual([["owner", "invalid_value"]]);
  });

  it("still reports missing strings as required without the input", () => {
    const result = person.safeParse({ age: 3, kind: "a" });
    if (result.success) throw new Error("expected the input to be invalid");
    expect(toFieldErrors(result.error).map((e) => [e.path, e.code])).toEqual([["name", "required"]]);
  });

  it("tells wrong types, bad enum values and size limits apart", () => {
    const errors = errorsFor(person, { name: "Too long", age: "3", kind: "c" });
    expect(errors).toEqual([
      expect.objectContaining({ path: "name", code: "too_big", limit: 5 }),
      expect.objectContaining({ path: "age", code: "invalid_type" }),
      expect.objectContaining({ path: "kind", code: "invalid_value" }),
    ]);
    expect(errorsFor(person, { name: "", age: 1, kind: "a" })).toEqual([
      expect.objectContaining({ path: "name", code: "too_small", limit: 1 }),
    ]);
    expect(errorsFor(person, { name: null, age: 1, kind: null })).toEqual([
      expect.objectContaining({ path: "name", code: "invalid_type" }),
      expect.objectContaining({ path: "kind", code: "invalid_value" }),
    ]);
  });

  it("reports every required field of a new branch at once", () => {
    const errors = errorsFor(createBranchBody, {});
    expect(errors.map((e) => `${e.path}:${e.code}`).sort()).toEqual([
      "channel:required",
      "code:required",
      "nameEn:required",
      "nameZh:required",
      "regionId:required",
    ]);
  });

  it("addresses items of arrays by index and bad formats by field", () => {
    const errors = errorsFor(inviteBody, {
      email: "not-an-email",
      displayName: "X",
      role: "admin",
      branchIds: ["ok", ""],
    });
    expect(errors.map((e) => `${e.path}:${e.code}`)).toEqual(["email:invalid_format", "branchIds[1]:too_small"]);
  });
});

describe("path params", () => {
  const app = new Hono()
    .get("/rows/:id", validateRowParam(idParam), (c) => c.json({ id: c.req.valid("param").id }))
    .get(
      "/links/:id",
      validateRowParam(idParam, () => new ApiError("invitation_invalid")),
      (c) => c.json({}),
    )
    .get("/photos/:sha256", validate("param", z.object({ sha256: z.string().length(4) })), (c) => c.json({}))
    .onError((error, c) =>
      error instanceof ApiError
        ? c.json({ code: error.code, errors: error.errors ?? null }, error.status as 400)
        : c.json({ code: "unexpected" }, 500),
    );
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: await res.json() };
  };

  it("a row's id that fits passes, typed", async () => {
    expect(await get("/rows/abc")).toEqual({ status: 200, body: { id: "abc" } });
  });

  it("a row's id that cannot name a row is not_found, without describing the format", async () => {
    expect(await get(`/rows/${"x".repeat(65)}`)).toEqual({ status: 404, body: { code: "not_found", errors: null } });
  });

  it("a row's param may answer its own problem (an invitation link)", async () => {
    expect((await get(`/links/${"x".repeat(65)}`)).body).toEqual({ code: "invitation_invalid", errors: null });
  });

  it("a param with a format of its own is validation_failed naming the field", async () => {
    const { status, body } = await get("/photos/abc");
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "validation_failed", errors: [{ path: "sha256", code: "too_small" }] });
  });
});
