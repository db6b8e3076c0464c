/**
 * The core strings only office pages, the sign-in page and the profile panel use (web/i18n/office): both languages
 * come in the chunk of the pages that import this, so they need no download of their own and
 * switch with the rest of the screen (the locale signal changes once every dictionary is in).
 * Kept out of the core dictionary, which is in the shopper's first download.
 */
import * as i18n from "@solid-primitives/i18n";
import { officeEn } from "../i18n/office/en";
import { officeZh } from "../i18n/office/zh";
import { locale } from "./i18n";

const flat = { en: i18n.flatten(officeEn), zh: i18n.flatten(officeZh) };

/** `tOffice("common.save")`, `tOffice("common.showing", 3)`. */
export const tOffice = i18n.translator(() => flat[locale()], i18n.resolveTemplate);
