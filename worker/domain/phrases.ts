/**
 * The forbidden-phrase check on a call transcript (docs/COMPLAINTS.md, "Forbidden phrases"):
 * which of the organisation's phrases a transcript holds, where, and the better wording. Pure.
 *
 * A phrase's `pattern` is plain text with two optional marks:
 * - `^` in front: only where it opens a sentence (after the start of a line, a speaker label
 *   "Agent:", or . ! ? ; and their Chinese forms), for openers like "^I mean";
 * - `!` at the end: only as a whole utterance, a line with nothing else in it but punctuation
 *   (after an optional "Speaker:" label), for a flat "No!" or "不行！".
 * Trailing "..." and punctuation of a pattern are ignored ("You must ..." = "you must").
 *
 * English (`en`) patterns match case-insensitively on word boundaries (a Latin letter or digit
 * on either side means no match, so "no" is never found in "know" nor "must" in "mustn't"),
 * with any run of spaces or tabs as one space (not across a line break: a line is an utterance),
 * and apostrophes, straight or curly, optional: "I don't know" finds "i dont know" and
 * "I don’t  know". The price: "well" would find "we'll" (no default pattern is hurt by this).
 *
 * Chinese (`zh`) patterns match as substrings, spaces ignored (speech-to-text puts them in),
 * with three guards against the commonest meaning-changers:
 * - an A-not-A question: "不知道" in "你知不知道", "不行" in "行不行" (the character before the
 *   match repeats the one after 不/没);
 * - a condition or description: followed by 的话 or 的地方 ("不行的话，我们给您换" offers a way
 *   out; "有不清楚的地方" invites questions);
 * - a question or a double negative: followed by 吗, or after 不是 ("不是不行").
 * What it cannot catch: who said it (the customer's words count too), quotes and reported
 * speech, sarcasm, tone, other wordings of the same idea, and typos from speech-to-text.
 *
 * Offsets are UTF-16 indexes into the text as given (`text.slice(start, end)` is the match).
 * Overlapping matches: the earliest wins, then the longest, then locale, pattern and id, so
 * the answer does not depend on the order of the list.
 */

export const PHRASE_LOCALES = ["en", "zh"] as const;
export type PhraseLocale = (typeof PHRASE_LOCALES)[number];

/** One phrase of a list: what to look for and what to say instead. */
export interface Phrase {
  id: string;
  locale: PhraseLocale;
  pattern: string;
  /** The checklist item a match fails (by stable key), if any. */
  itemKey: string | null;
  better: string;
}

/** A phrase found in a transcript. */
export interface PhraseMatch {
  start: number;
  end: number;
  /** The transcript's own text at [start, end). */
  text: string;
  phraseId: string;
  locale: PhraseLocale;
  pattern: string;
  better: string;
  itemKey: string | null;
}

/** A transcript made comparable: its characters, each with where it came from in the original. */
interface Folded {
  text: string;
  from: number[];
  to: number[];
}

const APOSTROPHES = new Set(["'", "\u2019", "\u2018", "\u02BC", "`", "\u00B4"]);
const LATIN_WORD = /[A-Za-z0-9\u00C0-\u024F]/;
const SPACE = /[^\S\n\r]/;
const SENTENCE_END = new Set([".", "!", "?", ";", ":", "\n", "。", "！", "？", "；", "：", '"', "“", "…"]);
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

/**
 * Folds text for matching: lower case; for English apostrophes dropped and space runs as one
 * space; for Chinese spaces dropped; line breaks (CR, LF, CRLF) kept as one "\n".
 */
function fold(text: string, locale: PhraseLocale): Folded {
  const out: Folded = { text: "", from: [], to: [] };
  const chars: string[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    const next = i + ch.length;
    const last = chars.length - 1;
    if (ch === "\n" || ch === "\r") {
      if (chars[last] === "\n" && text[i - 1] === "\r" && ch === "\n") out.to[last] = next;
      else if (chars[last] === " " && locale === "en") {
        chars[last] = "\n";
        out.from[last] = i;
        out.to[last] = next;
      } else {
        chars.push("\n");
        out.from.push(i);
        out.to.push(next);
      }
    } else if (SPACE.test(ch)) {
      if (locale === "en" && chars.length > 0 && chars[last] !== " " && chars[last] !== "\n") {
        chars.push(" ");
        out.from.push(i);
        out.to.push(next);
      } else if (locale === "en" && chars[last] === " ") out.to[last] = next;
    } else if (locale === "en" && APOSTROPHES.has(ch)) {
      // dropped: "don't" = "dont"
    } else {
      for (const lower of ch.toLowerCase()) {
        chars.push(lower);
        out.from.push(i);
        out.to.push(next);
      }
    }
    i = next;
  }
  out.text = chars.join("");
  return out;
}

/** A pattern ready to match: folded text and its marks. */
interface Prepared {
  phrase: Phrase;
  needle: string;
  opener: boolean;
  whole: boolean;
}

/**
 * Reads a pattern's marks and folds it as a transcript would be.
 * @example preparePattern("^I mean", "en") // { needle: "i mean", opener: true, whole: false }
 * @example preparePattern("No!", "en") // { needle: "no", opener: false, whole: true }
 */
export function preparePattern(
  pattern: string,
  locale: PhraseLocale,
): { needle: string; opener: boolean; whole: boolean } {
  let p = pattern.trim();
  const opener = p.startsWith("^");
  if (opener) p = p.slice(1);
  const whole = /[!！]$/.test(p);
  p = p.replace(/(?:\.\.\.|[…\s.,!?;:。，！？；：、])+$/u, "").replace(/^[\s.,!?;:。，！？；：、…]+/u, "");
  const needle = fold(p, locale).text.replace(/\n/g, " ").trim();
  return { needle, opener, whole };
}

function isOpening(folded: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const ch = folded[k] ?? "";
    if (ch === " ") continue;
    return SENTENCE_END.has(ch) || ch === ",";
  }
  return true;
}

/** Whether the match is the whole utterance: its line, less a "Speaker:" label, holds nothing else but punctuation. */
function isWholeUtterance(folded: string, start: number, end: number, needle: string): boolean {
  const lineStart = folded.lastIndexOf("\n", start - 1) + 1;
  const lineEndAt = folded.indexOf("\n", end);
  let line = folded.slice(lineStart, lineEndAt === -1 ? folded.length : lineEndAt);
  const label = /^[^:：\n]{1,30}[:：]/u.exec(line);
  if (label && lineStart + label[0].length <= start) line = line.slice(label[0].length);
  return line.replace(PUNCTUATION, "") === needle.replace(PUNCTUATION, "");
}

function passesChineseGuards(folded: string, start: number, end: number, needle: string): boolean {
  const first = needle[0];
  if ((first === "不" || first === "没") && needle.length >= 2 && folded[start - 1] === needle[1]) return false;
  const after = folded.slice(end, end + 3);
  if (after.startsWith("的话") || after.startsWith("的地方") || after.startsWith("吗")) return false;
  if (folded.slice(Math.max(0, start - 2), start) === "不是") return false;
  return true;
}

function findAll(folded: Folded, prepared: Prepared): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const { needle } = prepared;
  if (needle.length === 0) return found;
  const hay = folded.text;
  const en = prepared.phrase.locale === "en";
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (en && (LATIN_WORD.test(hay[at - 1] ?? "") || LATIN_WORD.test(hay[end] ?? ""))) continue;
    if (!en && !passesChineseGuards(hay, at, end, needle)) continue;
    if (prepared.opener && !isOpening(hay, at)) continue;
    if (prepared.whole && !isWholeUtterance(hay, at, end, needle)) continue;
    found.push({ start: at, end });
  }
  return found;
}

function compareMatches(a: PhraseMatch, b: PhraseMatch): number {
  return (
    a.start - b.start ||
    b.end - a.end ||
    (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0) ||
    (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0) ||
    (a.phraseId < b.phraseId ? -1 : a.phraseId > b.phraseId ? 1 : 0)
  );
}

/**
 * The phrases of `list` found in `transcript`, in text order, never overlapping.
 * `locale`: only that language's phrases; `"auto"` (the default) tries both.
 * @example
 * findPhrases("Agent: Sorry, I don’t know.", [{ id: "p1", locale: "en", pattern: "I don't know", itemKey: "no_i_dont_know", better: "Let me find out." }])
 * // [{ start: 14, end: 26, text: "I don’t know", phraseId: "p1", ... }]
 */
export function findPhrases(
  transcript: string,
  list: readonly Phrase[],
  locale: PhraseLocale | "auto" = "auto",
): PhraseMatch[] {
  const folds: Partial<Record<PhraseLocale, Folded>> = {};
  const all: PhraseMatch[] = [];
  for (const phrase of list) {
    if (locale !== "auto" && phrase.locale !== locale) continue;
    const folded = folds[phrase.locale] ?? fold(transcript, phrase.locale);
    folds[phrase.locale] = folded;
    const prepared: Prepared = { phrase, ...preparePattern(phrase.pattern, phrase.locale) };
    for (const hit of findAll(folded, prepared)) {
      const start = folded.from[hit.start] ?? 0;
      const end = folded.to[hit.end - 1] ?? start;
      all.push({
        start,
        end,
        text: transcript.slice(start, end),
        phraseId: phrase.id,
        locale: phrase.locale,
        pattern: phrase.pattern,
        better: phrase.better,
        itemKey: phrase.itemKey,
      });
    }
  }
  all.sort(compareMatches);
  const kept: PhraseMatch[] = [];
  let reach = -1;
  for (const match of all) {
    if (match.start < reach) continue;
    kept.push(match);
    reach = match.end;
  }
  return kept;
}

/**
 * The checklist items the matches point at, with how many matches each, in the order of their
 * first match; only items in `itemKeys` when given (the items of the audit's checklist version).
 * @example suggestItems([{ itemKey: "no_we_cant", ... }, { itemKey: "no_we_cant", ... }]) // [{ itemKey: "no_we_cant", matches: 2 }]
 */
export function suggestItems(
  matches: readonly Pick<PhraseMatch, "itemKey">[],
  itemKeys?: ReadonlySet<string>,
): Array<{ itemKey: string; matches: number }> {
  const counts = new Map<string, number>();
  for (const match of matches) {
    if (!match.itemKey || (itemKeys && !itemKeys.has(match.itemKey))) continue;
    counts.set(match.itemKey, (counts.get(match.itemKey) ?? 0) + 1);
  }
  return [...counts].map(([itemKey, n]) => ({ itemKey, matches: n }));
}

/** A phrase of the default list, before it has an id. */
export type DefaultPhrase = Omit<Phrase, "id">;

/**
 * The list every organisation starts with, keyed to the items of the two starting checklists
 * (worker/seed/templates.ts). The product's own wording.
 */
export const DEFAULT_PHRASES: readonly DefaultPhrase[] = [
  {
    locale: "en",
    pattern: "be right back",
    itemKey: "no_be_right_back",
    better: "This will take me about two minutes. Would you like to wait, or shall I come and find you?",
  },
  {
    locale: "en",
    pattern: "back in a second",
    itemKey: "no_be_right_back",
    better: "I need a couple of minutes to check. Are you happy to wait?",
  },
  { locale: "en", pattern: "I don't know", itemKey: "no_i_dont_know", better: "Let me find that out for you." },
  { locale: "en", pattern: "no idea", itemKey: "no_i_dont_know", better: "Good question. I'll check and tell you." },
  { locale: "en", pattern: "not my job", itemKey: "no_not_my_job", better: "I'll take care of this for you." },
  {
    locale: "en",
    pattern: "not my department",
    itemKey: "no_not_my_job",
    better: "I'll get the right colleague and stay with you until it's sorted.",
  },
  {
    locale: "en",
    pattern: "ask someone else",
    itemKey: "no_not_my_job",
    better: "Let me bring over the person who handles this.",
  },
  { locale: "en", pattern: "we can't do that", itemKey: "no_we_cant", better: "Let me see what I can do." },
  {
    locale: "en",
    pattern: "that's impossible",
    itemKey: "no_we_cant",
    better: "That part is hard, but here is what we can do.",
  },
  {
    locale: "en",
    pattern: "you must",
    itemKey: "no_you_must",
    better: "The next step is a short form. I can fill it in with you now.",
  },
  {
    locale: "en",
    pattern: "No!",
    itemKey: "no_flat_refusal",
    better: "I can't refund this one, but I can offer you an exchange, a repair or a credit.",
  },
  {
    locale: "en",
    pattern: "to be honest",
    itemKey: "no_insincere_phrases",
    better: "Leave it out and say the fact plainly.",
  },
  {
    locale: "en",
    pattern: "frankly",
    itemKey: "no_insincere_phrases",
    better: "Leave it out and say the fact plainly.",
  },
  { locale: "en", pattern: "^I mean", itemKey: "no_insincere_phrases", better: "Start with the point itself." },
  {
    locale: "en",
    pattern: "order now",
    itemKey: "no_insincere_phrases",
    better: "Take your time. Would you like me to note the details for later?",
  },
  {
    locale: "en",
    pattern: "is rubbish",
    itemKey: "no_disparaging_remarks",
    better: "Compare on facts: price, warranty and service.",
  },
  { locale: "zh", pattern: "马上回来", itemKey: "no_be_right_back", better: "我需要两分钟去查一下，您愿意稍等吗？" },
  { locale: "zh", pattern: "我不知道", itemKey: "no_i_dont_know", better: "我帮您查一下。" },
  { locale: "zh", pattern: "我也不知道", itemKey: "no_i_dont_know", better: "我帮您查一下。" },
  { locale: "zh", pattern: "我不清楚", itemKey: "no_i_dont_know", better: "这个我马上帮您确认。" },
  { locale: "zh", pattern: "不归我管", itemKey: "no_not_my_job", better: "这件事我来帮您跟进。" },
  {
    locale: "zh",
    pattern: "不是我们部门",
    itemKey: "no_not_my_job",
    better: "我帮您联系负责的同事，一直跟到解决为止。",
  },
  { locale: "zh", pattern: "你去问别人", itemKey: "no_not_my_job", better: "我请负责的同事过来帮您。" },
  { locale: "zh", pattern: "办不了", itemKey: "no_we_cant", better: "我看看能怎么帮您。" },
  { locale: "zh", pattern: "不可能", itemKey: "no_we_cant", better: "这一点比较难，不过我们可以这样办……" },
  { locale: "zh", pattern: "你必须", itemKey: "no_you_must", better: "接下来需要填一张表，我陪您一起填。" },
  { locale: "zh", pattern: "您必须", itemKey: "no_you_must", better: "接下来需要填一张表，我陪您一起填。" },
  {
    locale: "zh",
    pattern: "不行！",
    itemKey: "no_flat_refusal",
    better: "这个没法退，不过可以给您换货、维修或者补偿。",
  },
  { locale: "zh", pattern: "没办法", itemKey: "no_flat_refusal", better: "这样不行的话，我们还可以换货或维修。" },
  { locale: "zh", pattern: "说实话", itemKey: "no_insincere_phrases", better: "直接说明事实即可。" },
  { locale: "zh", pattern: "老实讲", itemKey: "no_insincere_phrases", better: "直接说明事实即可。" },
  { locale: "zh", pattern: "^我的意思是", itemKey: "no_insincere_phrases", better: "直接说重点。" },
  {
    locale: "zh",
    pattern: "现在就给您开单",
    itemKey: "no_insincere_phrases",
    better: "您慢慢考虑，需要的话我先帮您记下。",
  },
  { locale: "zh", pattern: "烂透了", itemKey: "no_disparaging_remarks", better: "就价格、保修和服务客观比较。" },
];
