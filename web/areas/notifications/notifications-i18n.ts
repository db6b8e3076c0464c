/**
 * The notifications area's translator (`tn`). Only the bell (a lazy chunk the shell renders
 * after its first screen), the notification centre and the admins' email notice import this.
 */
import { defineDictionary } from "../../lib/i18n";
import type { NotificationsDictionary } from "./strings/en";

const dictionary = defineDictionary<NotificationsDictionary>({
  en: () => import("./strings/en").then((m) => m.notificationsEn),
  zh: () => import("./strings/zh").then((m) => m.notificationsZh),
});
await dictionary.ready;

/** `tn("centre.title")`, `tn("bell.unread", 3)`. */
export const tn = dictionary.t;
