import type { BatchItem } from "drizzle-orm/batch";
import { invitations, memberships, users } from "../../schema";
import type { Locale } from "../../schema/enums";
import { INVITATION_TTL_MS } from "../domain/memberships";
import { randomToken, sha256Hex } from "../lib/crypto";
import type { Db } from "./db";
import { createOrganizationStatements } from "./organizations";

/**
 * A new organisation and its first admin, for operators (scripts/create-org.ts, docs/DEPLOY.md):
 * the admin is a member `invited` with a one-time invitation link, so no password is ever chosen
 * by the operator or printed. Statements only, run as one D1 batch locally or written to a SQL
 * file for `wrangler d1 execute --remote`; the invitation row holds only the token's hash.
 */
export interface FirstAdminInput {
  nameEn: string;
  nameZh: string;
  slug: string;
  adminEmail: string;
  adminName: string;
  locale: Locale;
}

/** Field problems with the operator's input (an empty list when it is usable). */
export function firstAdminProblems(input: FirstAdminInput): string[] {
  const problems: string[] = [];
  if (!input.nameEn.trim()) problems.push("--name-en: the English name is required");
  if (!input.nameZh.trim()) problems.push("--name-zh: the Chinese name is required");
  if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(input.slug)) {
    problems.push("--slug: 1–40 lower-case letters, digits and hyphens, not starting or ending with a hyphen");
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.adminEmail.trim())) {
    problems.push("--admin-email: an email address is required");
  }
  if (input.locale !== "en" && input.locale !== "zh") problems.push("--locale: en or zh");
  return problems;
}

export async function firstAdminStatements(
  db: Db,
  input: FirstAdminInput,
  now: number,
): Promise<{ organizationId: string; token: string; expiresAt: number; statements: BatchItem<"sqlite">[] }> {
  const organizationId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  const membershipId = crypto.randomUUID();
  const token = randomToken();
  const expiresAt = now + INVITATION_TTL_MS;
  const email = input.adminEmail.trim().toLowerCase();
  const displayName = input.adminName.trim() || email;
  const statements: BatchItem<"sqlite">[] = [
    ...createOrganizationStatements(
      db,
      {
        id: organizationId,
        slug: input.slug,
        nameEn: input.nameEn.trim(),
        nameZh: input.nameZh.trim(),
        locale: input.locale,
      },
      now,
    ),
    db.insert(users).values({ id: userId, email, displayName, locale: input.locale }),
    db.insert(memberships).values({
      id: membershipId,
      userId,
      organizationId,
      role: "admin",
      status: "invited",
      displayLabel: displayName,
    }),
    db.insert(invitations).values({
      id: crypto.randomUUID(),
      tokenHash: await sha256Hex(token),
      membershipId,
      organizationId,
      createdBy: null,
      locale: input.locale,
      createdAt: now,
      expiresAt,
    }),
  ];
  return { organizationId, token, expiresAt, statements };
}

/** A value as a SQLite literal (strings quoted, quotes doubled). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`No SQL literal for ${typeof value}`);
}

/**
 * The statements as one SQL script with their parameters inlined, for
 * `wrangler d1 execute DB --remote --file=…` (D1 runs a file's statements as one batch).
 */
export function toSqlScript(statements: readonly BatchItem<"sqlite">[]): string {
  return statements
    .map((statement) => {
      const { sql, params } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
      const parts = sql.split("?");
      if (parts.length - 1 !== params.length) throw new Error(`Placeholders and parameters differ in: ${sql}`);
      return `${parts.map((part, i) => (i === 0 ? part : `${literal(params[i - 1])}${part}`)).join("")};`;
    })
    .join("\n");
}
