/**
 * A dictionary's shape with its literal strings widened to `string`: what every other language's
 * dictionary must match (`zh.ts` has the keys and functions of `en.ts`, with its own words).
 */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };
