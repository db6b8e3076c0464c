import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { ApiError, type FieldError } from "./errors";

/** Flattens zod issues into `{path, message}` pairs, one per bad field. */
export function toFieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String).join(".");
    switch (issue.code) {
      case "unrecognized_keys":
        // Reported on the parent by zod; name each key so the client can point at it.
        return issue.keys.map((key) => ({
          path: path ? `${path}.${key}` : key,
          message: "Unknown field",
          code: "unknown_field",
        }));
      case "invalid_type":
        return [
          issue.message.endsWith("received undefined")
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
        return [{ path, message: issue.message, code: "invalid_value" }];
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
      throw new ApiError("validation_failed", "Some fields are not valid", { errors: toFieldErrors(result.error) });
    }
  });
}
