/**
 * Field errors in the user's language, from the API's `code`, `limit` and the field they are
 * on. A dictionary of its own: the forms that show these load it, the shopper's form does not.
 */
import type { FieldErrorsDictionary } from "../i18n/field-errors/en";
import type { FieldProblem } from "./api";
import { defineDictionary, fieldOf } from "./i18n";

const dictionary = defineDictionary<FieldErrorsDictionary>({
  en: () => import("../i18n/field-errors/en").then((m) => m.fieldErrorsEn),
  zh: () => import("../i18n/field-errors/zh").then((m) => m.fieldErrorsZh),
});
await dictionary.ready;

const te = dictionary.t;

/** A field error in the user's language, from its code, limit and the field it is on. */
export function fieldErrorMessage(error: FieldProblem): string {
  const field = fieldOf(error.path);
  switch (error.code) {
    case "required":
      if (field === "regionIds") return te("chooseRegion");
      if (field === "branchIds") return te("chooseBranch");
      return te("required");
    case "too_small":
      if (field === "regionIds") return te("chooseRegion");
      if (field === "branchIds") return te("chooseBranch");
      return error.limit === undefined || error.limit <= 1 ? te("required") : te("tooShort", { limit: error.limit });
    case "too_big":
      if (field === "regionIds" || field === "branchIds") return te("tooMany", { limit: error.limit ?? 0 });
      return te("tooLong", { limit: error.limit ?? 0 });
    case "invalid_format":
      if (field === "email") return te("emailFormat");
      if (field === "code") return te("codeFormat");
      if (field === "phone") return te("phoneFormat");
      return te("invalid_format");
    case "invalid_value":
      if (field === "timezone") return te("timezoneValue");
      if (field === "password" || field === "currentPassword") return te("passwordWrong");
      return te("invalid_value");
    case "taken":
      if (field === "code") return te("codeTaken");
      if (field === "email") return te("emailTaken");
      return te("taken");
    case "invalid_type":
      return te("invalid_type");
    case "invalid_characters":
      return te("invalid_characters");
    case "unknown_field":
      return te("unknown_field");
    case "unknown_reference":
      return te("unknown_reference");
    case "not_allowed":
      if (field === "regionIds" || field === "branchIds") return te("scopeNotForRole");
      return te("not_allowed");
    default:
      return te("other");
  }
}
