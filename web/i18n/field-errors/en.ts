/**
 * English wording of field errors, by the API's error code and the field it is on. Loaded with
 * the forms that show them (sign-in, the organisation and planning pages), never with the
 * shopper's form. `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../widen";

export const fieldErrorsEn = {
  required: "This field is required.",
  tooShort: "Use at least {{ limit }} characters.",
  tooLong: "Use at most {{ limit }} characters.",
  tooMany: "Choose at most {{ limit }}.",
  invalid_format: "This doesn't look right.",
  invalid_value: "Choose or enter a valid value.",
  invalid_type: "This value isn't valid.",
  unknown_field: "This field isn't accepted here.",
  taken: "This is already in use.",
  unknown_reference: "This no longer exists. Choose another.",
  not_allowed: "You can't do this to your own account.",
  other: "This value isn't valid.",
  emailFormat: "Enter an email address, such as name@example.com.",
  codeFormat: "Use letters, digits, - and _ only, starting with a letter or digit.",
  phoneFormat: "Use digits, spaces, +, ( ) and - only.",
  timezoneValue: "Enter a time zone such as Asia/Shanghai.",
  codeTaken: "Another one already uses this code.",
  emailTaken: "This person is already a member of the organisation.",
  chooseRegion: "Choose at least one region.",
  chooseBranch: "Choose at least one branch.",
  scopeNotForRole: "This role doesn't use this kind of scope.",
  passwordWrong: "That isn't your current password.",
  invalid_characters: "Remove invisible control characters: they often come with copied text.",
};

/** The shape every language's field-error dictionary has. */
export type FieldErrorsDictionary = Widen<typeof fieldErrorsEn>;
