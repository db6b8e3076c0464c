/**
 * The first value of a URL search parameter as the router gives it (a string, a list when the
 * parameter repeats, or nothing), "" when absent.
 * @example firstParam(["a", "b"]) // "a"
 */
export function firstParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
