/**
 * Staff names in reports (docs/PRIVACY.md). A shopper may write the name of the person who
 * served them; the organisation's `staffNames` policy decides what is kept at arrival and what
 * is shown now: `allowed` the name as written (trimmed), `initials` its initials, `role_only`
 * nothing. The same rule runs at arrival and in every presenter, so a policy tightened since a
 * report arrived shows that report's name as today's policy allows.
 */
import type { StaffNamePolicy } from "../../schema/enums";

/** The placeholder for a Chinese given name ("王小明" → "王某"). */
const SOMEONE = "某";

/**
 * Chinese two-character surnames (复姓) kept whole: "欧阳小明" → "欧阳某". The common ones; a rarer
 * one is read as a one-character surname, which hides more, never less.
 */
const DOUBLE_SURNAMES = new Set([
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
  "令狐",
  "澹台",
  "端木",
  "独孤",
  "南宫",
  "西门",
  "轩辕",
]);

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/** One Han-script word: the surname and "某" for the given name. */
function hanInitials(word: string): string {
  const chars = [...word].filter((ch) => LETTER.test(ch));
  if (chars.length <= 1) return chars.join("");
  const double = chars.slice(0, 2).join("");
  // The surname alone ("欧阳") keeps one character: never more letters than were given.
  const surname = chars.length > 2 && DOUBLE_SURNAMES.has(double) ? double : (chars[0] ?? "");
  return `${surname}${SOMEONE}`;
}

/** One word of another script: each hyphenated part's first letter and a full stop ("Mary-Jane" → "M.-J."). */
function latinInitials(word: string): string {
  return word
    .split("-")
    .flatMap((part) => {
      const first = [...part].find((ch) => LETTER.test(ch));
      return first ? [`${first}.`] : [];
    })
    .join("-");
}

/**
 * A name as its initials: every word of a Latin (or other alphabetic) name as its first letter,
 * case kept, with a full stop ("Jane van Smith" → "J. v. S."); a Chinese name as its surname and
 * "某" ("王小明" → "王某", "欧阳小明" → "欧阳某"). Words with no letter are dropped. Idempotent
 * (initials stay as they are), never more letters than the name had, and no word of two or more
 * letters comes through whole.
 *
 * @example staffInitials("Jane van Smith") // "J. v. S."
 * @example staffInitials("王小明") // "王某"
 */
export function staffInitials(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => (HAN.test(word) ? hanInitials(word) : latinInitials(word)))
    .filter((word) => word !== "")
    .join(" ");
}

/**
 * What of a staff name the policy lets a report keep or show: the trimmed name (`allowed`), its
 * initials (`initials`), or null (`role_only`, or nothing written). Applied at arrival to what
 * the shopper sent and again by every presenter to what was stored, with today's policy.
 *
 * @example staffNameShown("  Jane van Smith ", "initials") // "J. v. S."
 * @example staffNameShown("Jane van Smith", "role_only") // null
 */
export function staffNameShown(name: string | null | undefined, policy: StaffNamePolicy): string | null {
  const trimmed = name?.trim() ?? "";
  if (trimmed === "" || policy === "role_only") return null;
  if (policy === "allowed") return trimmed;
  return staffInitials(trimmed) || null;
}
