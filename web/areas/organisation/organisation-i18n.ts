/**
 * The organisation pages' translator (`tm`): regions, branches, members and invitations.
 * Only those (lazy) pages import this, so a shopper's phone never downloads these strings.
 */

import { defineDictionary } from "../../lib/i18n";
import type { ManageDictionary } from "./strings/en";

const dictionary = defineDictionary<ManageDictionary>({
  en: () => import("./strings/en").then((m) => m.manageEn),
  zh: () => import("./strings/zh").then((m) => m.manageZh),
});
await dictionary.ready;

/** `tm("branches.title")`, `tm("users.invite")`, `tm("regions.branchCount", 3)`. */
export const tm = dictionary.t;
