/**
 * The organisation pages' translator (`tm`): regions, branches, members and invitations.
 * Only those (lazy) pages import this, so a shopper's phone never downloads these strings.
 */
import type { ManageDictionary } from "../i18n/manage/en";
import { defineDictionary } from "./i18n";

const dictionary = defineDictionary<ManageDictionary>({
  en: () => import("../i18n/manage/en").then((m) => m.manageEn),
  zh: () => import("../i18n/manage/zh").then((m) => m.manageZh),
});
await dictionary.ready;

/** `tm("branches.title")`, `tm("invite.title", { org })`, `tm("regions.branchCount", 3)`. */
export const tm = dictionary.t;
