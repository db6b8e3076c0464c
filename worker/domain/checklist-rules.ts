/**
 * The rules a checklist version must satisfy before it can be published. Pure: the builder in
 * the web app runs the same checks as the server while the user types. Kept apart from the
 * document types (checklists.ts) so that the shopper's phone, which needs only those, never
 * downloads the rules.
 */
import { type ChecklistDocument, isScored, type Localized, PASS_FAIL_KINDS } from "./checklists";
import { formatPath } from "./paths";

/** Section, item and option keys: letters, digits, - and _, starting with a letter or digit. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface DocumentProblem {
  /** `sections[2].items[4].critical` */
  path: string;
  /** Same vocabulary as API field errors: taken | not_allowed | invalid_value | invalid_format | required. */
  code: "taken" | "not_allowed" | "invalid_value" | "invalid_format" | "required";
  message: string;
}

/**
 * The rules a version must meet to be published, beyond its shape: everything filled in (a
 * draft may hold empty texts and keys and `null` numbers while it is being written), keys well
 * formed and unique, critical only on pass/fail items, sensible ranges and options. An empty
 * list means the version can be published.
 * @example checkChecklist(doc) // [{ path: "sections[0].items[3].critical", code: "not_allowed", ... }]
 */
export function checkChecklist(doc: ChecklistDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const problem = (path: PropertyKey[], code: DocumentProblem["code"], message: string) =>
    problems.push({ path: formatPath(path), code, message });
  const filled = (value: unknown) => typeof value === "string" && value.trim() !== "";
  const needText = (path: PropertyKey[], pair: Localized) => {
    if (!filled(pair.en)) problem([...path, "en"], "required", "Fill this in");
    if (!filled(pair.zh)) problem([...path, "zh"], "required", "Fill this in");
  };
  /** Whether the key is usable (then its uniqueness is checked). */
  const needKey = (path: PropertyKey[], key: string) => {
    if (!filled(key)) problem([...path, "key"], "required", "Give a key");
    else if (!KEY_PATTERN.test(key.trim()))
      problem([...path, "key"], "invalid_format", "Use letters, digits, - and _ only");
    else return true;
    return false;
  };
  const needNumber = (path: PropertyKey[], value: number) => {
    if (!Number.isFinite(value)) problem(path, "required", "Enter a number");
  };

  needText(["name"], doc.name);
  if (doc.sections.length === 0) problem(["sections"], "required", "Add at least one section");
  const sectionKeys = new Set<string>();
  const itemKeys = new Set<string>();
  let scoredItems = 0;

  doc.sections.forEach((section, s) => {
    if (needKey(["sections", s], section.key) && sectionKeys.has(section.key))
      problem(["sections", s, "key"], "taken", `Another section already uses the key "${section.key}"`);
    sectionKeys.add(section.key);
    needText(["sections", s, "title"], section.title);
    needNumber(["sections", s, "weight"], section.weight);
    if (section.items.length === 0)
      problem(["sections", s, "items"], "required", "Add at least one item to this section");

    section.items.forEach((item, i) => {
      const at = (...rest: PropertyKey[]) => ["sections", s, "items", i, ...rest];
      if (needKey(at(), item.key) && itemKeys.has(item.key))
        problem(at("key"), "taken", `Another item already uses the key "${item.key}"`);
      itemKeys.add(item.key);
      needText(at("prompt"), item.prompt);
      needNumber(at("weight"), item.weight);
      if (isScored(item)) scoredItems++;

      if (item.critical !== "none" && !PASS_FAIL_KINDS.includes(item.kind)) {
        problem(at("critical"), "not_allowed", "Only yes/no and number items can be critical");
      }
      if (!isScored(item) && item.evidenceOnFail !== "none") {
        problem(
          at("evidenceOnFail"),
          "not_allowed",
          "Text and photo items never fail, so they cannot require evidence on failure",
        );
      }
      switch (item.kind) {
        case "number":
          if (item.pass.min === undefined && item.pass.max === undefined) {
            problem(at("pass"), "required", "Give a minimum, a maximum or both");
          } else if (item.pass.min !== undefined && item.pass.max !== undefined && item.pass.min > item.pass.max) {
            problem(at("pass", "min"), "invalid_value", "The minimum is above the maximum");
          }
          break;
        case "scale":
          needNumber(at("min"), item.min);
          needNumber(at("max"), item.max);
          if (Number.isFinite(item.min) && Number.isFinite(item.max) && !(item.min < item.max))
            problem(at("max"), "invalid_value", "The top of the scale must be above the bottom");
          break;
        case "choice": {
          if (item.options.length < 2) problem(at("options"), "required", "Give at least two options");
          const optionKeys = new Set<string>();
          item.options.forEach((option, o) => {
            if (needKey(at("options", o), option.key) && optionKeys.has(option.key))
              problem(at("options", o, "key"), "taken", `Another option already uses the key "${option.key}"`);
            optionKeys.add(option.key);
            needText(at("options", o, "label"), option.label);
            needNumber(at("options", o, "points"), option.points);
          });
          if (
            item.options.length > 0 &&
            Math.max(...item.options.map((o) => (Number.isFinite(o.points) ? o.points : 0))) <= 0
          ) {
            problem(at("options"), "invalid_value", "At least one option must be worth more than 0 points");
          }
          break;
        }
        default:
          break;
      }
    });
  });
  if (doc.sections.length > 0 && scoredItems === 0) problem(["sections"], "required", "Add at least one scored item");
  return problems;
}
