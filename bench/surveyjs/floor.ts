/**
 * The harness's floor (bench/surveyjs-bench.ts): what the browser itself costs to open a page at
 * 4× CPU, with no form library and no script. FLOOR: section 1 of the benchmark checklist
 * (bench/form-open.ts `formOpenChecklist()`, its 10 questions) as plain HTML controls, no script
 * and no style sheet, the same viewport meta as the other two pages. BLANK: a new tab and one element.
 * Both are written as index.html and blank.html into one folder and served like SurveyJS's page.
 */
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";

/** The floor page's questions: one fieldset per item; the last one's control is its textarea. */
export const FLOOR_QUESTION = "fieldset.q";

const html = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

const radios = (name: string, options: Array<{ value: string; label: string }>) =>
  options
    .map((o) => `<label><input type="radio" name="${name}" value="${html(o.value)}"> ${html(o.label)}</label>`)
    .join("\n");

/** One item's control(s), as Courtesy's form offers them (English). */
function control(item: ChecklistItem): string {
  switch (item.kind) {
    case "yes_no":
      return radios(item.key, [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ]);
    case "number":
      return `<input type="number" name="${item.key}" inputmode="decimal"${item.unit ? ` placeholder="${html(item.unit)}"` : ""}>`;
    case "scale":
      return radios(
        item.key,
        Array.from({ length: item.max - item.min + 1 }, (_, i) => ({
          value: String(item.min + i),
          label: String(item.min + i),
        })),
      );
    case "choice":
      return radios(
        item.key,
        item.options.map((o) => ({ value: o.key, label: o.label.en })),
      );
    case "text":
      return `<textarea name="${item.key}" rows="3"></textarea>`;
    case "photo":
      return `<input type="file" name="${item.key}" accept="image/*" capture="environment">`;
  }
}

function question(item: ChecklistItem): string {
  return [
    `<fieldset class="q">`,
    `<legend>${html(item.prompt.en)}</legend>`,
    item.guidance.en ? `<p>${html(item.guidance.en)}</p>` : "",
    control(item),
    item.naAllowed ? `<label><input type="checkbox" name="${item.key}_na"> Not applicable</label>` : "",
    "</fieldset>",
  ]
    .filter(Boolean)
    .join("\n");
}

const page = (title: string, body: string) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<link rel="icon" href="data:,">
<title>${html(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;

/** FLOOR: the checklist's first section (its title, its questions) and a Next button, in a form. */
export function floorHtml(doc: ChecklistDocument): string {
  const section = doc.sections[0];
  if (!section) throw new Error("the checklist has no section");
  return page(
    "Floor: section 1 as static HTML",
    `<main>
<h1>${html(doc.name.en)}</h1>
<form>
<h2>${html(section.title.en)}</h2>
${section.items.map(question).join("\n")}
<button type="submit">Next</button>
</form>
</main>`,
  );
}

/** BLANK: a new tab and one element. */
export const BLANK_HTML = page("Blank", '<p id="blank">Blank page</p>');
