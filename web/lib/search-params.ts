/**
 * The first value of a URL search parameter as the router gives it (a string, a list when the
 * parameter repeats, or nothing), "" when absent.
 * @example firstParam(["a", "b"]) // "a"
 */
export function firstParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The first value of a search parameter when it is one of `allowed`, else undefined.
 * @example paramIn("zh", LOCALES) // "zh"; paramIn("fr", LOCALES) // undefined
 */
export function paramIn<T extends string>(value: string | string[] | undefined, allowed: readonly T[]): T | undefined {
  const first = firstParam(value);
  return (allowed as readonly string[]).includes(first) ? (first as T) : undefined;
}
