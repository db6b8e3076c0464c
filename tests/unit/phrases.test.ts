/**
 * The forbidden-phrase matcher (`worker/domain/phrases.ts`): English word boundaries, Chinese
 * guards, whole utterances and openers, overlaps, and properties (fast-check): offsets point at
 * the matched text, no match without a phrase in the text, the list's order does not matter.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PHRASES, findPhrases, type Phrase, preparePattern, suggestItems } from "../../worker/domain/phrases";
import { CALL_CENTRE_TEMPLATE, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";

const list: Phrase[] = DEFAULT_PHRASES.map((p, i) => ({ ...p, id: `p${String(i).padStart(2, "0")}` }));
const found = (text: string, phrases: readonly Phrase[] = list) =>
  findPhrases(text, phrases).map((m) => [m.text, m.pattern]);

describe("findPhrases in English", () => {
  it("matches case-insensitively, with curly or missing apostrophes and repeated spaces", () => {
    for (const text of ["I don't know", "i DONT know", "I don’t   know", "I don\u2018t\tknow"]) {
      expect(found(`Agent: ${text}.`)).toEqual([[text, "I don't know"]]);
    }
  });

  it("never matches inside a longer word", () => {
    expect(found("You mustn't worry, nobody knows, I don't knowingly do that")).toEqual([]);
    expect(found("That's not my jobs list")).toEqual([]);
    expect(found("Unfrankly put")).toEqual([]);
  });

  it("does not match across a line break (a line is an utterance)", () => {
    expect(found("I don't\nknow")).toEqual([]);
  });

  it("finds a flat No! only as a whole utterance", () => {
    expect(found("Agent: No!")).toEqual([["No", "No!"]]);
    expect(found("no.")).toEqual([["no", "No!"]]);
    expect(found("Customer: Can I return it?\nAgent:   NO")).toEqual([["NO", "No!"]]);
    expect(found("Agent: No, but I can offer you an exchange.")).toEqual([]);
    expect(found("There is no problem")).toEqual([]);
  });

  it("finds openers only where a sentence starts", () => {
    expect(found("I mean, it works.")).toEqual([["I mean", "^I mean"]]);
    expect(found("Agent: Sure. I mean it is fine")).toEqual([["I mean", "^I mean"]]);
    expect(found("What I mean is the red one")).toEqual([]);
    expect(found("We sell it, frankly, at cost")).toEqual([["frankly", "frankly"]]);
  });

  it("gives the offsets in the original text", () => {
    const text = "Agent: Well… to  be honest,\r\nwe can’t do that!";
    const matches = findPhrases(text, list);
    expect(matches.map((m) => [m.start, m.end, m.text])).toEqual([
      [13, 26, "to  be honest"],
      [29, 45, "we can’t do that"],
    ]);
    expect(matches[1]).toMatchObject({ itemKey: "no_we_cant", better: "Let me see what I can do.", locale: "en" });
  });
});

describe("findPhrases in Chinese", () => {
  it("matches by substring, spaces ignored", () => {
    expect(found("客服：这个我不知道。")).toEqual([["我不知道", "我不知道"]]);
    expect(found("客服：我 不 知道")).toEqual([["我 不 知道", "我不知道"]]);
  });

  it("skips A-not-A questions, conditions, questions and double negatives", () => {
    const own: Phrase[] = [
      { id: "a", locale: "zh", pattern: "不知道", itemKey: "no_i_dont_know", better: "我帮您查一下。" },
      { id: "b", locale: "zh", pattern: "不行", itemKey: "no_flat_refusal", better: "…" },
    ];
    expect(found("你知不知道这个型号？", own)).toEqual([]);
    expect(found("这样行不行？", own)).toEqual([]);
    expect(found("不行的话，我们给您换货。", own)).toEqual([]);
    expect(found("有不知道的地方随时问我。", own)).toEqual([]);
    expect(found("您不知道吗？", own)).toEqual([]);
    expect(found("也不是不行。", own)).toEqual([]);
    expect(found("这个不行。我不知道。", own)).toEqual([
      ["不行", "不行"],
      ["不知道", "不知道"],
    ]);
  });

  it("finds a flat 不行！ only as a whole utterance", () => {
    expect(found("客服：不行！")).toEqual([["不行", "不行！"]]);
    expect(found("客服：这样不行，我们可以给您换一台。")).toEqual([]);
  });

  it("checks both languages in one transcript on auto, one when asked", () => {
    const text = "Agent: I don't know.\n客服：说实话，这个办不了。";
    expect(found(text)).toEqual([
      ["I don't know", "I don't know"],
      ["说实话", "说实话"],
      ["办不了", "办不了"],
    ]);
    expect(findPhrases(text, list, "zh").map((m) => m.locale)).toEqual(["zh", "zh"]);
    expect(findPhrases(text, list, "en").map((m) => m.pattern)).toEqual(["I don't know"]);
  });
});

describe("overlaps", () => {
  it("keeps the earliest, then the longest match", () => {
    const own: Phrase[] = [
      { id: "1", locale: "zh", pattern: "不知道", itemKey: "x", better: "" },
      { id: "2", locale: "zh", pattern: "我也不知道", itemKey: "y", better: "" },
      { id: "3", locale: "zh", pattern: "知道", itemKey: "z", better: "" },
    ];
    expect(findPhrases("我也不知道", own).map((m) => m.phraseId)).toEqual(["2"]);
  });
});

describe("preparePattern", () => {
  it("reads the marks and drops trailing punctuation and ellipses", () => {
    expect(preparePattern("You must ...", "en")).toEqual({ needle: "you must", opener: false, whole: false });
    expect(preparePattern("^I mean", "en")).toEqual({ needle: "i mean", opener: true, whole: false });
    expect(preparePattern("No!", "en")).toEqual({ needle: "no", opener: false, whole: true });
    expect(preparePattern("不行！", "zh")).toEqual({ needle: "不行", opener: false, whole: true });
  });
});

describe("suggestItems", () => {
  it("counts matches per item, only for the given items", () => {
    const matches = findPhrases("I'll be right back. We can't do that. I don't know. I don't know.", list);
    expect(suggestItems(matches)).toEqual([
      { itemKey: "no_be_right_back", matches: 1 },
      { itemKey: "no_we_cant", matches: 1 },
      { itemKey: "no_i_dont_know", matches: 2 },
    ]);
    expect(suggestItems(matches, new Set(["no_i_dont_know", "no_we_cant"]))).toEqual([
      { itemKey: "no_we_cant", matches: 1 },
      { itemKey: "no_i_dont_know", matches: 2 },
    ]);
  });
});

describe("the default list", () => {
  it("has about 15 phrases in each language, each with a better wording and a real checklist item", () => {
    const keys = new Set(
      [STORE_VISIT_TEMPLATE, CALL_CENTRE_TEMPLATE].flatMap((t) => t.sections.flatMap((s) => s.items.map((i) => i.key))),
    );
    for (const locale of ["en", "zh"] as const) {
      expect(DEFAULT_PHRASES.filter((p) => p.locale === locale).length).toBeGreaterThanOrEqual(15);
    }
    for (const phrase of DEFAULT_PHRASES) {
      expect(phrase.better.length).toBeGreaterThan(0);
      expect(keys.has(phrase.itemKey ?? ""), phrase.pattern).toBe(true);
      expect(preparePattern(phrase.pattern, phrase.locale).needle.length).toBeGreaterThan(0);
    }
  });
});

const fragments = [
  ...DEFAULT_PHRASES.map((p) => p.pattern.replace(/^\^/, "")),
  "Agent: ",
  "Customer: ",
  "\n",
  "\r\n",
  " ",
  "  ",
  ", ",
  ". ",
  "know",
  "nobody",
  "mustn't",
  "你知不",
  "的话",
  "吗",
  "不是",
  "I’m",
  "好的",
  "No",
];
const transcript = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 }), fc.constantFrom("不", "行", "知道")), {
    maxLength: 30,
  })
  .map((parts) => parts.join(""));

function foldLike(text: string, locale: "en" | "zh"): string {
  const lower = text.toLowerCase();
  return locale === "en"
    ? lower.replace(/['\u2019\u2018\u02BC`\u00B4]/g, "").replace(/[^\S\n\r]+/g, " ")
    : lower.replace(/\s/g, "");
}

describe("properties", () => {
  it("offsets always point at the matched text, which folds to the pattern; matches are ordered and apart", () => {
    fc.assert(
      fc.property(transcript, (text) => {
        const matches = findPhrases(text, list);
        let reach = 0;
        for (const m of matches) {
          expect(text.slice(m.start, m.end)).toBe(m.text);
          expect(foldLike(m.text, m.locale)).toBe(preparePattern(m.pattern, m.locale).needle);
          expect(m.start).toBeGreaterThanOrEqual(reach);
          reach = m.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("finds nothing in a text that holds none of the phrases", () => {
    fc.assert(
      fc.property(transcript, (text) => {
        const holds = list.some((p) => {
          const folded = foldLike(text, p.locale).replace(/\r\n?/g, "\n");
          return folded.includes(preparePattern(p.pattern, p.locale).needle);
        });
        fc.pre(!holds);
        expect(findPhrases(text, list)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("does not depend on the order of the list", () => {
    fc.assert(
      fc.property(transcript, fc.infiniteStream(fc.nat()), (text, randoms) => {
        const shuffled = [...list];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (randoms.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as Phrase, shuffled[i] as Phrase];
        }
        expect(findPhrases(text, shuffled)).toEqual(findPhrases(text, list));
      }),
      { numRuns: 300 },
    );
  });
});
