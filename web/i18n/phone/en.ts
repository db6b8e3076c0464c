/**
 * The phone's first strings in one module per language: the app's, the audit form's and the
 * shopper's visits'. Their three dictionaries load this one file (one request, no re-export
 * stubs); each takes its own part.
 */

export { visitsEn } from "../../areas/visits/strings/en";
export { auditFormEn } from "../audit-form/en";
export { en } from "../en";
