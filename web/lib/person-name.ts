/**
 * A person's name as the API gives it, in the reader's language. A deleted account is named
 * "Former member 3f9a1c" by the API (docs/PRIVACY.md, worker/domain/former-members.ts); in
 * Chinese it reads "已删除的成员 3f9a1c". Lists and pages that show people's names write them
 * through this, so the whole screen follows a language switch. Not in the core strings on
 * purpose: only screens loaded after the first one use it (the shopper's first download stays).
 */
import { formerMemberPseudonym } from "../../worker/domain/former-members";
import { locale } from "./i18n";

/** How a deleted account is named, per language (English is the API's own form). */
const FORMER_MEMBER_ZH = (pseudonym: string) => `已删除的成员 ${pseudonym}`;

/**
 * @example personName("Ada Admin") // "Ada Admin"
 * @example personName("Former member 3f9a1c") // "Former member 3f9a1c", or "已删除的成员 3f9a1c" in Chinese
 */
export function personName(name: string): string {
  if (locale() !== "zh") return name;
  const pseudonym = formerMemberPseudonym(name);
  return pseudonym === null ? name : FORMER_MEMBER_ZH(pseudonym);
}
