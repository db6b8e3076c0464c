/** The audit form as the shopper fills it in: reused by the builder's preview and the shopper's app. */
export { type AnswerEntry, type AnswerStore, createAnswerStore } from "./answers";
export { AuditForm, preloadPhotoField } from "./audit-form";
