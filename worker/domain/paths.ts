/**
 * Formats a path into a document the way a developer would write it in JavaScript:
 * `sections[2].items[4].critical`, `branchIds[0]`, `name.zh`.
 * @example formatPath(["sections", 2, "items", 4, "critical"]) // "sections[2].items[4].critical"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
