/**
 * The current language and the translator. The language starts from localStorage (or the
 * browser's), follows the signed-in user's saved choice, and keeps `<html lang>` in step.
 */
import * as i18n from "@solid-primitives/i18n";
import { createRoot, createSignal, createEffect as effect } from "solid-js";
import { en } from "../i18n/en";
import { zh } from "../i18n/zh";
import type { FieldProblem, Problem } from "./api";
import type { Locale, LocalizedName } from "./types";

const STORAGE_KEY = "courtesy.locale";
const dictionaries = { en: i18n.flatten(en), zh: i18n.flatten(zh) };

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // Storage can be blocked; the browser's language is a fine fallback.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

export { locale };

/** Switches the language on this device (the caller saves it to the user's profile). */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not fatal: the choice lasts for this page.
  }
}

createRoot(() => {
  effect(() => {
    document.documentElement.lang = locale() === "zh" ? "zh-CN" : "en";
  });
});

/** `t("branches.title")`, `t("invite.title", { org })`, `t("regions.branchCount", 3)`. */
export const t = i18n.translator(() => dictionaries[locale()], i18n.resolveTemplate);

/** BCP 47 tag for Intl formatting. */
export const intlLocale = () => (locale() === "zh" ? "zh-CN" : "en-GB");

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: "medium" }).format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** A bilingual name in the current language, falling back to the other one. */
export function localName(name: LocalizedName | undefined): string {
  if (!name) return "";
  return locale() === "zh" ? name.zh || name.en : name.en || name.zh;
}

/** "3 minutes" / "45 seconds" for a Retry-After. */
export function formatWait(seconds: number): string {
  return seconds >= 90 ? t("wait.minutes", Math.ceil(seconds / 60)) : t("wait.seconds", seconds);
}

/** The top-level field a problem path points at: `branchIds[3]` belongs to `branchIds`. */
export function fieldOf(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/** A field error in the user's language, from its code, limit and the field it is on. */
export function fieldErrorMessage(error: FieldProblem): string {
  const field = fieldOf(error.path);
  switch (error.code) {
    case "required":
      if (field === "regionIds") return t("fieldErrors.chooseRegion");
      if (field === "branchIds") return t("fieldErrors.chooseBranch");
      return t("fieldErrors.required");
    case "too_small":
      if (field === "regionIds") return t("fieldErrors.chooseRegion");
      if (field === "branchIds") return t("fieldErrors.chooseBranch");
      return error.limit === undefined || error.limit <= 1
        ? t("fieldErrors.required")
        : t("fieldErrors.tooShort", { limit: error.limit });
    case "too_big":
      if (field === "regionIds" || field === "branchIds") return t("fieldErrors.tooMany", { limit: error.limit ?? 0 });
      return t("fieldErrors.tooLong", { limit: error.limit ?? 0 });
    case "invalid_format":
      if (field === "email") return t("fieldErrors.emailFormat");
      if (field === "code") return t("fieldErrors.codeFormat");
      if (field === "phone") return t("fieldErrors.phoneFormat");
      return t("fieldErrors.invalid_format");
    case "invalid_value":
      if (field === "timezone") return t("fieldErrors.timezoneValue");
      if (field === "password") return t("fieldErrors.passwordWrong");
      return t("fieldErrors.invalid_value");
    case "taken":
      if (field === "code") return t("fieldErrors.codeTaken");
      if (field === "email") return t("fieldErrors.emailTaken");
      return t("fieldErrors.taken");
    case "invalid_type":
      return t("fieldErrors.invalid_type");
    case "unknown_field":
      return t("fieldErrors.unknown_field");
    case "unknown_reference":
      return t("fieldErrors.unknown_reference");
    case "not_allowed":
      if (field === "regionIds" || field === "branchIds") return t("fieldErrors.scopeNotForRole");
      return t("fieldErrors.not_allowed");
    default:
      return t("fieldErrors.other");
  }
}

/** A sentence for a problem that is not about one field. */
export function problemMessage(problem: Problem): string {
  switch (problem.code) {
    case "network_error":
      return t("problems.network");
    case "validation_failed":
      return t("problems.fixFields");
    case "invalid_credentials":
      return t("login.invalid");
    case "unauthenticated":
      return t("problems.unauthenticated");
    case "forbidden":
      return t("problems.forbidden");
    case "not_found":
      return t("problems.not_found");
    case "conflict":
      return problem.errors.length ? t("problems.fixFields") : t("problems.conflict");
    case "invitation_invalid":
      return t("problems.invitation_invalid");
    case "too_many_attempts":
      return problem.retryAfter ? t("login.tooMany", formatWait(problem.retryAfter)) : t("problems.too_many_attempts");
    case "internal_error":
      return t("problems.internal");
    default:
      return problem.status >= 500 ? t("problems.internal") : t("problems.other");
  }
}
