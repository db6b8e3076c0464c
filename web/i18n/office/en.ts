/**
 * The core strings only office pages and the sign-in page use (the shopper's first download has
 * ../en.ts's through ../phone/en.ts). Both languages come with those pages (lib/office-i18n.ts):
 * no download of their own, a language switch applies at once. `zh.ts` has the same shape.
 */
import type { Widen } from "../widen";

export const officeEn = {
  app: {
    tagline: "Service-quality audits and mystery shopping",
  },
  common: {
    save: "Save changes",
    saving: "Saving…",
    saved: "Changes saved.",
    cancel: "Cancel",
    edit: "Edit",
    creating: "Creating…",
    loadMore: "Load more",
    loadingMore: "Loading more…",
    none: "—",
    created: "Created",
    details: "Details",
    filters: "Filters",
    showing: (n: number) => (n === 1 ? "1 shown" : `${n} shown`),
  },
  nav: {
    home: "Home",
    regions: "Regions",
    branches: "Branches",
    myBranch: "My branch",
    myBranches: "My branches",
    scorecards: "Scorecards",
    actions: "Actions",
    checklists: "Checklists",
    assignments: "Visits planned",
    users: "Users",
    review: "Review",
    settings: "Settings",
    payouts: "Payouts",
    disputes: "Disputes",
    complaints: "Complaints",
  },
  locales: {
    en: "English",
    zh: "中文",
  },
  profile: {
    language: "Language",
    switchOrganization: "Switch organisation",
    profile: "Profile and password",
    current: "current",
    signOut: "Sign out",
    signingOut: "Signing out…",
    languageFailed: "Couldn't save your language choice. It applies on this device for now.",
  },
  states: {
    noAccessBody: "Your role doesn't include this page.",
  },
  login: {
    title: "Sign in",
    intro: "Sign in to your Courtesy account.",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    showPassword: "Show password",
  },
};

/** The shape every language's office strings have. */
export type OfficeDictionary = Widen<typeof officeEn>;
