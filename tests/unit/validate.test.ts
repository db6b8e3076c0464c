import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toFieldErrors } from "../../worker/lib/validate";
import { createBranchBody } from "../../worker/validation/branches";
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
