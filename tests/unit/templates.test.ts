import { describe, expect, it } from "vitest";
import type { Channel } from "../../schema/enums";
import { checkChecklist } from "../../worker/domain/checklist-rules";
import { type ChecklistDocument, type ChecklistItem, isScored, listItems } from "../../worker/domain/checklists";
import { type Answer, checkAnswers, scoreAudit } from "../../worker/domain/scoring";
import { CALL_CENTRE_TEMPLATE, DEFAULT_TEMPLATES, STORE_VISIT_TEMPLATE } from "../../worker/seed/templates";
import { checklistDocument } from "../../worker/validation/checklists";

const CJK = /\p{Script=Han}/u;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The value that earns an item full marks, or undefined for unscored items. */
function passingValue(item: ChecklistItem): Answer["value"] {
  switch (item.kind) {
    case "yes_no":
      return true;
    case "number":
      return item.pass.max ?? item.pass.min;
    case "scale":
      return item.max;
    case "choice":
      return [...item.options].sort((a, b) => b.points - a.points)[0]?.key;
    default:
      return undefined;
  }
}

/** A full answer set where everything passes; with `naWherever`, every N/A-able item is N/A instead. */
function allPass(doc: ChecklistDocument, options: { naWherever?: boolean } = {}): Answer[] {
  return listItems(doc)
    .filter(({ item }) => isScored(item))
    .map(({ item }) =>
      options.naWherever && item.naAllowed
        ? { item: item.key, na: true }
        : { item: item.key, value: passingValue(item) },
    );
}

function withAnswer(answers: Answer[], key: string, answer: Omit<Answer, "item">): Answer[] {
  return answers.map((a) => (a.item === key ? { item: key, ...answer } : a));
}

function findItem(doc: ChecklistDocument, key: string): ChecklistItem {
  const found = listItems(doc).find(({ item }) => item.key === key);
  if (!found) throw new Error(`No item "${key}"`);
  return found.item;
}

const CASES: Array<{ name: string; doc: ChecklistDocument; channel: Channel; items: [number, number] }> = [
  { name: "store visit", doc: STORE_VISIT_TEMPLATE, channel: "store", items: [26, 34] },
  { name: "call-centre call", doc: CALL_CENTRE_TEMPLATE, channel: "call_centre", items: [21, 29] },
];

describe.each(CASES)("default template: $name", ({ doc, channel, items: [fewest, most] }) => {
  const items = listItems(doc).map(({ item }) => item);

  it("passes every publishing rule", () => {
    expect(checkChecklist(doc)).toEqual([]);
  });

  it("has the shape the API accepts, with nothing left to defaults or trimming", () => {
    expect(checklistDocument.parse(doc)).toEqual(doc);
  });

  it("is for its channel and has a sensible number of items", () => {
    expect(doc.channel).toBe(channel);
    expect(items.length).toBeGreaterThanOrEqual(fewest);
    expect(items.length).toBeLessThanOrEqual(most);
    for (const section of doc.sections) expect(section.weight).toBeGreaterThan(0);
  });

  it("uses unique lower snake_case keys for sections, items and options", () => {
    const sectionKeys = doc.sections.map((s) => s.key);
    const itemKeys = items.map((i) => i.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    expect(new Set(itemKeys).size).toBe(itemKeys.length);
    const optionKeys = items.flatMap((i) => (i.kind === "choice" ? i.options.map((o) => o.key) : []));
    for (const key of [...sectionKeys, ...itemKeys, ...optionKeys]) expect(key).toMatch(SNAKE);
  });

  it("says everything in English and in Chinese", () => {
    const texts = [
      doc.name,
      ...doc.sections.map((s) => s.title),
      ...items.flatMap((i) => [i.prompt, i.guidance, ...(i.kind === "choice" ? i.options.map((o) => o.label) : [])]),
    ];
    for (const text of texts) {
      expect(text.en.trim()).not.toBe("");
      expect(text.zh.trim()).not.toBe("");
      expect(text.zh).toMatch(CJK);
      expect(text.en).not.toMatch(CJK);
    }
  });

  it("makes disparaging remarks fail the whole audit, and nothing else", () => {
    const critical = items.filter((i) => i.critical === "audit").map((i) => i.key);
    expect(critical).toEqual(["no_disparaging_remarks"]);
    expect(findItem(doc, "no_disparaging_remarks").kind).toBe("yes_no");
    expect(items.filter((i) => i.critical === "section").length).toBeLessThanOrEqual(2);
  });

  it("keeps forbidden phrases as separate yes/no items that always apply", () => {
    const section = doc.sections.find((s) => s.key === "forbidden_phrases");
    expect(section?.items.length).toBeGreaterThanOrEqual(5);
    for (const item of section?.items ?? []) {
      expect(item.kind).toBe("yes_no");
      expect(item.naAllowed).toBe(false);
      expect(item.evidenceOnFail).toBe("comment");
    }
  });

  it("scores 100 when everything passes", () => {
    const answers = allPass(doc);
    expect(checkAnswers(doc, answers)).toEqual([]);
    const result = scoreAudit(doc, answers);
    expect(result).toMatchObject({ score: 100, criticalFailed: false, complete: true, missing: [] });
  });

  it("scores 100 when everything passes and every N/A-able item is N/A", () => {
    const answers = allPass(doc, { naWherever: true });
    expect(checkAnswers(doc, answers)).toEqual([]);
    expect(scoreAudit(doc, answers)).toMatchObject({ score: 100, criticalFailed: false, complete: true });
  });

  it("scores 0 when the staff run down a competitor, however good the rest", () => {
    const answers = withAnswer(allPass(doc), "no_disparaging_remarks", { value: false });
    expect(scoreAudit(doc, answers)).toMatchObject({
      score: 0,
      criticalFailed: true,
      criticalItem: "no_disparaging_remarks",
    });
  });

  it("scores below 100 when one forbidden phrase is heard", () => {
    const score = scoreAudit(doc, withAnswer(allPass(doc), "no_i_dont_know", { value: false })).score;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(100);
  });
});

describe("default templates", () => {
  it("are the store visit and the call-centre call, one per channel", () => {
    expect(DEFAULT_TEMPLATES.map((t) => t.channel)).toEqual(["store", "call_centre"]);
    expect(DEFAULT_TEMPLATES.map((t) => t.name.en)).toEqual(["Store visit", "Call-centre call"]);
  });

  it("store visit: uses every kind of item", () => {
    const kinds = new Set(listItems(STORE_VISIT_TEMPLATE).map(({ item }) => item.kind));
    expect([...kinds].sort()).toEqual(["choice", "photo", "scale", "text", "yes_no"]);
  });

  it("store visit: a missing apology zeroes complaint handling but not the audit", () => {
    const result = scoreAudit(
      STORE_VISIT_TEMPLATE,
      withAnswer(allPass(STORE_VISIT_TEMPLATE), "apologises", { value: false }),
    );
    const section = result.sections.find((s) => s.key === "complaint_handling");
    expect(section).toMatchObject({ zeroedBy: "apologises", earned: 0, ratio: 0 });
    expect(result.criticalFailed).toBe(false);
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(100);
  });

  it("store visit: explaining returns only when asked earns part of the item", () => {
    const answers = withAnswer(allPass(STORE_VISIT_TEMPLATE), "return_policy_explained", { value: "clear_when_asked" });
    const item = scoreAudit(STORE_VISIT_TEMPLATE, answers)
      .sections.flatMap((s) => s.items)
      .find((i) => i.key === "return_policy_explained");
    expect(item).toMatchObject({ outcome: "partial", ratio: 2 / 3 });
  });

  it("call centre: counts rings before answering, passing at 3 or fewer", () => {
    const item = findItem(CALL_CENTRE_TEMPLATE, "rings_before_answer");
    expect(item).toMatchObject({ kind: "number", unit: "rings", pass: { max: 3 }, naAllowed: false });
    const rings = (value: number) =>
      scoreAudit(CALL_CENTRE_TEMPLATE, withAnswer(allPass(CALL_CENTRE_TEMPLATE), "rings_before_answer", { value }))
        .sections.flatMap((s) => s.items)
        .find((i) => i.key === "rings_before_answer")?.outcome;
    expect(rings(3)).toBe("pass");
    expect(rings(4)).toBe("fail");
  });

  it("call centre: times holds in seconds, N/A when there was no hold", () => {
    expect(findItem(CALL_CENTRE_TEMPLATE, "hold_time")).toMatchObject({
      kind: "number",
      unit: "seconds",
      pass: { max: 60 },
      naAllowed: true,
    });
    expect(findItem(CALL_CENTRE_TEMPLATE, "asks_before_hold")).toMatchObject({ kind: "yes_no", naAllowed: true });
  });

  it("call centre: handles objections in four N/A-able steps", () => {
    const section = CALL_CENTRE_TEMPLATE.sections.find((s) => s.key === "objection_handling");
    expect(section?.items.map((i) => i.key)).toEqual([
      "objection_surfaced",
      "objection_understood",
      "objection_restated",
      "objection_resolved",
    ]);
    for (const item of section?.items ?? []) expect(item.naAllowed).toBe(true);
  });
});
