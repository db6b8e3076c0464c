import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { formatPath } from "../domain/paths";
import { idParam } from "../validation/common";
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
      // A union (an action's owner: a member or a name) that matched no member: missing or wrong.
      case "invalid_union":
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

/** The answer to input that fails its schema: `validation_failed`, naming every bad field. */
function validationFailed(errors: FieldError[]): ApiError {
  return new ApiError("validation_failed", "Some fields are not valid", { errors });
}

/**
 * zod validation for one part of the request; failures become a `validation_failed`
 * problem naming every bad field (or what `invalid` answers). Keeps the input and output
 * types for the RPC client.
 * @example
 * app.post("/", validate("json", createRegionBody), (c) => c.json(c.req.valid("json")))
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
  invalid: (errors: FieldError[]) => ApiError = validationFailed,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalid(toFieldErrors(result.error, result.data));
  });
}

/**
 * Path params that name a row (`:id`, an invitation's `:token`): one that cannot name a row
 * answers like one that names none, 404 `not_found` by default ("malformed" and "not there"
 * answer the same, so no answer describes the address's format). Use it where the row was
 * looked up: after `permitRole` (a role that may not act gets 403 whatever the params) and after
 * the body's `validate` (a bad body to a made-up id is 400, whatever the id looks like). A param
 * with a format the client must get right (a photo's SHA-256, a report's own uuid) takes
 * `validate("param", …)` instead: 400 with per-field errors, like a body.
 * @example
 * app.get("/:id", validateRowParam(idParam), (c) => c.json(c.req.valid("param").id))
 */
export function validateRowParam<Schema extends z.ZodType>(
  schema: Schema,
  notThere: () => ApiError = () => new ApiError("not_found"),
) {
  return validate("param", schema, notThere);
}

/**
 * Path params of a row and of something it holds (`/:id/evidence/:sha256`): a param with a
 * format of its own is 400 naming it, like `validate`; otherwise an `id` that cannot name a row
 * is 404 like one that names none, as `validateRowParam` answers.
 * @example
 * app.get("/:id/evidence/:sha256", validateRowParams(z.object({ id, sha256 })), handler)
 */
export function validateRowParams<Schema extends z.ZodType>(schema: Schema) {
  return validate("param", schema, (errors) => {
    const own = errors.filter((error) => error.path !== "id");
    return own.length ? validationFailed(own) : new ApiError("not_found");
  });
}

/** `:id` of a row (`idParam`), validated by `validateRowParam`: 404 when it cannot name a row. */
export const validateRowId = () => validateRowParam(idParam);
