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
