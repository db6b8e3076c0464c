import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { formatPath } from "../domain/paths";
import { ApiError, type FieldError } from "./errors";

/** The value at a zod issue's path inside the input; undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Flattens zod issues into `{path, message}` pairs, one per bad field. Pass the validated
 * `input` so a missing field is reported as `required` whatever its type (an absent enum
 * is an `invalid_value` issue to zod, not an `invalid_type` one).
 */
export function toFieldErrors(error: z.core.$ZodError, input?: unknown): FieldError[] {
  const isMissing = (issue: z.core.$ZodIssue) =>
    issue.message.endsWith("received undefined") || (input !== undefined && valueAt(input, issue.path) === undefined);
  return error.issues.flatMap((issue): FieldError[] => {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case "unrecognized_keys":
        // Reported on the parent by zod; name each key so the client can point at it.
        return issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: "Unknown field",
          code: "unknown_field",
        }));
      case "invalid_type":
        return [
          isMissing(issue)
            ? { path, message: "Required", code: "required" }
            : { path, message: issue.message, code: "invalid_type" },
        ];
      case "too_small":
      case "too_big":
        return [
          {
            path,
            message: issue.message,
            code: issue.code,
            limit: Number(issue.code === "too_small" ? issue.minimum : issue.maximum),
          },
        ];
      case "invalid_format":
        return [{ path, message: issue.message, code: "invalid_format" }];
      case "invalid_value":
        return [
          isMissing(issue)
            ? { path, message: "Required", code: "required" }
            : { path, message: issue.message, code: "invalid_value" },
        ];
      case "custom": {
        // A refinement may name its own field code (`allowedCharacters`: invalid_characters).
        const fieldCode = issue.params?.code;
        return [{ path, message: issue.message, code: typeof fieldCode === "string" ? fieldCode : "invalid_value" }];
      }
      default:
        return [{ path, message: issue.message, code: "invalid_value" }];
    }
  });
}

/**
 * zod validation for one part of the request; failures become a `validation_failed`
 * problem naming every bad field. Keeps the input and output types for the RPC client.
 * @example
 * app.post("/", validate("json", createRegionBody), (c) => c.json(c.req.valid("json")))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError("validation_failed", "Some fields are not valid", {
        errors: toFieldErrors(result.error, result.data),
      });
    }
  });
}
