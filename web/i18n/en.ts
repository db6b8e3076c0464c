/**
 * English strings. This dictionary is the source of truth for the keys: `zh.ts` must have
 * the same shape. Templates use `{{ name }}`; plurals and durations are small functions.
 */
import type { Widen } from "./widen";

export const en = {
  app: {
    name: "Courtesy",
    skipToContent: "Skip to content",
    title: (page: string) => `${page} · Courtesy`,
  },
  common: {
    loading: "Loading…",
    retry: "Try again",
    optional: " (optional)",
  },
  nav: {
    label: "Main",
    visits: "Visits",
    outbox: "Outbox",
    calibrations: "Calibration",
    unsent: (n: number) => (n === 1 ? "1 report not sent yet" : `${n} reports not sent yet`),
  },
  channels: {
    store: "Store",
    call_centre: "Call centre",
  },
  profile: {
    open: "Account menu",
  },
  login: {
    invalid: "Email or password is incorrect.",
    tooMany: (wait: string) => `Too many failed attempts. Try again in ${wait}.`,
  },
  wait: {
    seconds: (n: number) => (n === 1 ? "1 second" : `${n} seconds`),
    minutes: (n: number) => (n === 1 ? "1 minute" : `${n} minutes`),
  },
  problems: {
    fixFields: "Some fields need attention.",
    network: "Can't reach Courtesy. Check your connection and try again.",
    unauthenticated: "Sign in to continue.",
    forbidden: "Your role doesn't allow this.",
    not_found: "We couldn't find this. It may not exist, or it's outside what you can see.",
    conflict: "This conflicts with existing data.",
    invitation_invalid: "This invitation link has expired or was already used.",
    too_many_attempts: "Too many attempts. Try again later.",
    internal: "Something went wrong on our side. Try again in a moment.",
    other: "Something went wrong. Try again.",
    reference: (id: string) => `Reference: ${id}`,
  },
  states: {
    notFoundTitle: "Page not found",
    goHome: "Go to Home",
    errorTitle: "Couldn't load this",
    noAccessTitle: "Not available",
  },
};

/** The shape every language's dictionary has. */
export type Dictionary = Widen<typeof en>;
