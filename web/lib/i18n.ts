/**
 * The current language and the translators. The language starts from localStorage (or the
 * browser's), follows the signed-in user's saved choice, and keeps `<html lang>` in step.
 *
 * Every dictionary downloads only in the languages actually shown: a phone in English never
 * fetches the Chinese strings until someone switches (the service worker has them offline).
 */
import * as i18n from "@solid-primitives/i18n";
import { createRoot, createSignal, createEffect as effect } from "solid-js";
import type { Dictionary } from "../i18n/en";
import type { Problem } from "./api";
import type { Locale } from "./types";

const STORAGE_KEY = "courtesy.locale";

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

/** Every dictionary made with `defineDictionary`: a language switch loads each one first. */
const dictionaryLoaders: Array<(locale: Locale) => Promise<void>> = [];
let localeRequest = 0;
/** The language being switched to (else the current one): a dictionary defined meanwhile loads it. */
let wanted: Locale = locale();

/**
 * Switches the language on this device (the caller saves it to the user's profile). The
 * switch happens once every dictionary in use has its strings in that language, including
 * one whose page arrived during the switch, so no page ever shows a missing string or the
 * other language; offline and never loaded, the last language stays.
 */
export async function setLocale(next: Locale): Promise<void> {
  const request = ++localeRequest;
  wanted = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not fatal: the choice lasts for this page.
  }
  let results: PromiseSettledResult<void>[] = [];
  for (let count = -1; count !== dictionaryLoaders.length; ) {
    count = dictionaryLoaders.length;
    results = await Promise.allSettled(dictionaryLoaders.map((load) => load(next)));
  }
  if (request !== localeRequest) return; // a later choice wins
  if (results.every((r) => r.status === "fulfilled")) setLocaleSignal(next);
  else wanted = locale();
}

export interface LazyDictionary<T extends i18n.BaseRecordDict> {
  t: i18n.Translator<i18n.Flatten<T>>;
  /** The current language's dictionary as written (not flattened), for lists of strings. */
  plain: () => T;
  /** Settles once the current language's strings are in. */
  ready: Promise<void>;
}

/**
 * A dictionary in two languages, each downloaded on first use. `ready` settles when the
 * current language's strings are in; modules that translate at load `await` it (top-level
 * await), so a lazy page renders only once its strings have arrived.
 * @example
 * const visits = defineDictionary({ en: () => import("../areas/visits/strings/en").then((m) => m.visitsEn),
 *                                   zh: () => import("../areas/visits/strings/zh").then((m) => m.visitsZh) });
 * await visits.ready;
 * export const tv = visits.t;
 */
export function defineDictionary<T extends i18n.BaseRecordDict>(
  loaders: Record<Locale, () => Promise<T>>,
): LazyDictionary<T> {
  const [loaded, setLoaded] = createSignal<Partial<Record<Locale, { raw: T; flat: i18n.Flatten<T> }>>>({});
  const pending = new Map<Locale, Promise<void>>();
  const load = (which: Locale): Promise<void> => {
    let request = pending.get(which);
    if (!request) {
      request = loaders[which]().then((dict) => {
        const entry = { raw: dict, flat: i18n.flatten(dict) };
        setLoaded((all) => ({ ...all, [which]: entry }));
      });
      // A failed download (offline before the service worker had it) may be tried again.
      request.catch(() => pending.delete(which));
      pending.set(which, request);
    }
    return request;
  };
  dictionaryLoaders.push(load);
  const current = () => {
    const all = loaded();
    const entry = all[locale()];
    // Never loaded in this language (its download failed during the switch): fetch it now.
    if (!entry && !pending.has(locale())) void load(locale()).catch(() => undefined);
    return entry ?? all.en ?? all.zh;
  };
  const ready = load(wanted).catch(() => load(wanted === "en" ? "zh" : "en"));
  return {
    t: i18n.translator(() => (current()?.flat ?? {}) as i18n.Flatten<T>, i18n.resolveTemplate),
    plain: () => current()?.raw as T,
    ready,
  };
}

createRoot(() => {
  effect(() => {
    document.documentElement.lang = locale() === "zh" ? "zh-CN" : "en";
  });
});

const core = defineDictionary<Dictionary>({
  en: () => import("../i18n/phone/en").then((m) => m.en),
  zh: () => import("../i18n/phone/zh").then((m) => m.zh),
});
await core.ready;
performance.mark("courtesy:strings-core");

/** `t("nav.visits")`, `t("app.title", page)`, `t("problems.network")`. */
export const t = core.t;

/** BCP 47 tag for Intl formatting. */
export const intlLocale = () => (locale() === "zh" ? "zh-CN" : "en-GB");

/** "3 minutes" / "45 seconds" for a Retry-After. */
export function formatWait(seconds: number): string {
  return seconds >= 90 ? t("wait.minutes", Math.ceil(seconds / 60)) : t("wait.seconds", seconds);
}

/** The top-level field a problem path points at: `branchIds[3]` belongs to `branchIds`. */
export function fieldOf(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
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
    case "rate_limited":
      return t("problems.too_many_attempts");
    case "internal_error":
      return t("problems.internal");
    default:
      return problem.status >= 500 ? t("problems.internal") : t("problems.other");
  }
}
