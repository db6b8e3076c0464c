import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";

export type Db = DrizzleD1Database<typeof schema>;

/** Wraps the D1 binding in drizzle. Cheap: call once per request. */
export function getDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}

/** SQLite's message for a unique index violation; D1 passes it through. */
export function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  return text.includes("UNIQUE constraint failed");
}
