/**
 * The phone's first strings in one module per language: the app's, the audit form's and the
 * shopper's visits'. Their three dictionaries load this one file (one request, no re-export
 * stubs); each takes its own part.
 */

export { visitsZh } from "../../areas/visits/strings/zh";
export { auditFormZh } from "../audit-form/zh";
export { zh } from "../zh";
