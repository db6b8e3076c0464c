/**
 * The account pages' translator (`ta`): accepting an invitation and one's own profile. Only those
 * (lazy) pages import this, so a shopper's phone never downloads these strings first.
 */
import { defineDictionary } from "../../lib/i18n";
import type { AccountDictionary } from "./strings/en";

const dictionary = defineDictionary<AccountDictionary>({
  en: () => import("./strings/en").then((m) => m.accountEn),
  zh: () => import("./strings/zh").then((m) => m.accountZh),
});
await dictionary.ready;

/** `ta("invite.title", { org })`, `ta("account.nameSaved")`. */
export const ta = dictionary.t;
