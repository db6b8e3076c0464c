import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { ApiError, toApiError, toProblem } from "../../worker/lib/errors";

describe("ApiError cause", () => {
  it("keeps the error it stands for, and never sends it", () => {
    const unique = new Error("D1_ERROR: UNIQUE constraint failed: regions.code");
    const error = new ApiError("conflict", "Another region already uses this code", { cause: unique });
    expect(error.cause).toBe(unique);
    expect(JSON.stringify(toProblem(error, "req-1"))).not.toContain("UNIQUE");
  });

  it("has no cause when none is given", () => {
    expect("cause" in new ApiError("not_found")).toBe(false);
  });
});

describe("toApiError", () => {
  it("passes our own errors through as they are", () => {
    const error = new ApiError("forbidden");
    expect(toApiError(error)).toBe(error);
  });

  it("maps Hono's 400 and 413 by status, keeping them as the cause", () => {
    const bad = new HTTPException(400, { message: "Malformed JSON in request body" });
    const mapped = toApiError(bad);
    expect([mapped.code, mapped.message, mapped.cause]).toEqual([
      "malformed_json",
      "Malformed JSON in request body",
      bad,
    ]);
    const big = new HTTPException(413);
    expect([toApiError(big).code, toApiError(big).cause]).toEqual(["payload_too_large", big]);
  });

  it("turns anything else into a 500 whose message tells the client nothing, the original kept as the cause", () => {
    const boom = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const mapped = toApiError(boom);
    expect(mapped.status).toBe(500);
    expect(mapped.cause).toBe(boom);
    expect(JSON.stringify(toProblem(mapped))).not.toContain("secret");
  });
});
