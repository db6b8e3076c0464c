/**
 * English strings of the account pages: signing up through an invitation and one's own profile.
 * `zh.ts` next to this file must have the same shape. Loaded with those (lazy) pages only.
 */
import type { Widen } from "../../../i18n/widen";

export const accountEn = {
  account: {
    title: "Your profile",
    reliabilityTitle: "Your reliability",
    reliabilityIntro: "Your rating over the last 12 months, and what review and quality checks found.",
    reliabilityLink: "See my reliability",
    nameTitle: "Your name",
    nameIntro: "Shown to the organisations you belong to, unless one gives you a name of its own.",
    nameSaved: "Your name is saved.",
    passwordTitle: "Password",
    passwordIntro: "Changing it signs you out on every other device.",
    newPassword: "New password",
    changePassword: "Change password",
    passwordSaved: "Your password is changed. Other devices are signed out.",
  },
  email: {
    title: "Email notifications",
    intro: "What we send to {{ email }}. The notification centre in the app always has everything.",
    modeLegend: "Send me",
    mode: {
      each: "Each notification",
      daily: "A daily digest",
      off: "Nothing",
    },
    modeHint: {
      each: "An email as soon as something needs you.",
      daily: "One email a day listing everything since the last one.",
      off: "No email at all; you see notifications when you open the app.",
    },
    timeZone: "Your time zone",
    timeZoneHint: "The daily digest goes out soon after 08:00 in this zone.",
    saved: "Your email settings are saved.",
  },
  data: {
    title: "Your data",
    exportIntro:
      "Everything Courtesy holds about you (profile, memberships, your reports and activity) as one JSON file.",
    export: "Download my data",
    exporting: "Preparing…",
    deleteTitle: "Delete my account",
    deleteIntro: "Removes your account from every organisation you belong to. It cannot be undone.",
    deleteStart: "Delete my account…",
    erasedTitle: "What is erased:",
    erasedProfile: "your name, email address, password and settings;",
    erasedMemberships: "your memberships of every organisation;",
    erasedSessions: "your sign-ins on every device.",
    keptTitle: "What is kept:",
    keptReports:
      "reports you sent or reviewed stay with the organisations, under a pseudonymous id instead of your name;",
    keptTrail: "the organisations' audit trails, which cannot be changed, with that same id.",
    password: "Your password",
    confirmLabel: "Type “{{ word }}” to confirm",
    confirmWrong: "Type “{{ word }}” exactly.",
    code: "Two-step sign-in code (or a recovery code)",
    deleteConfirm: "Delete my account for good",
    deleting: "Deleting…",
    cancel: "Cancel",
    lastAdmin:
      "You are the only admin of an organisation you belong to. Make someone else an admin there first, then delete your account.",
    deletedNotice:
      "Your account has been deleted. Reports you sent stay with the organisations under a pseudonymous id.",
  },
  invite: {
    title: "Join {{ org }}",
    intro: "You were invited as {{ email }}.",
    modeLegend: "How do you want to join?",
    modeNew: "I'm new to Courtesy",
    modeExisting: "I already use Courtesy with this email",
    newIntro: "Choose how your name appears and set a password.",
    accountExists: "This email already has a Courtesy account. Enter its password to join.",
    existingIntro: "Confirm with the password you already use. Your name and language stay as you set them.",
    displayName: "Your name",
    password: "Choose a password",
    passwordHint: "At least 10 characters.",
    currentPassword: "Your current Courtesy password",
    submit: "Join and sign in",
    submitting: "Joining…",
    expires: "This link works until {{ date }}.",
    invalidTitle: "This link can't be used",
    invalidBody: "This invitation link has expired or was already used. Ask your administrator for a new one.",
    goToLogin: "Go to sign-in",
  },
};

/** The shape every language's account dictionary has. */
export type AccountDictionary = Widen<typeof accountEn>;
