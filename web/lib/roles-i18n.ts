/**
 * A role's name in the user's language (`tr("branch_manager")`). Only office pages, the profile
 * panel and the sign-in's second step name roles, so the shopper's first download (the core
 * strings) does without them. Follows the app's language.
 */
import type { RolesDictionary } from "../i18n/roles/en";
import { defineDictionary } from "./i18n";

const dictionary = defineDictionary<RolesDictionary>({
  en: () => import("../i18n/roles/en").then((m) => m.rolesEn),
  zh: () => import("../i18n/roles/zh").then((m) => m.rolesZh),
});
await dictionary.ready;

/** `tr("admin")`: "Administrator" / "管理员". */
export const tr = dictionary.t;
