/**
 * Creates an organisation and its first admin (docs/DEPLOY.md, "The first admin"). The admin is
 * invited: the script prints a one-time invitation link (valid 7 days) on which they choose their
 * own password; no password is set or shown here. Nothing demo is written.
 *
 *   npm run org:create -- --name-en "Harbour Teas" --name-zh "港湾茶行" --slug harbour \
 *     --admin-email ops@harbour.example --admin-name "Li Na" [--locale en|zh] [--url https://…]
 *
 * Local (default): migrates and writes the local D1 (.wrangler/, COURTESY_STATE_DIR).
 * --sql-file PATH: writes the statements as SQL for the remote database and prints the
 *   `wrangler d1 execute DB --remote --file=PATH` command to run (the file holds only the
 *   invitation token's hash; the link is printed here, once).
 * --remote: the same, and runs that command itself (needs `wrangler login` or CLOUDFLARE_API_TOKEN).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";
import { organizations, users } from "../schema";
import type { Locale } from "../schema/enums";
import { getDb } from "../worker/data/db";
import { type FirstAdminInput, firstAdminProblems, firstAdminStatements, toSqlScript } from "../worker/data/provision";
import { migrate, stateDir } from "./local-db";

process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

const { values } = parseArgs({
  options: {
    "name-en": { type: "string", default: "" },
    "name-zh": { type: "string", default: "" },
    slug: { type: "string", default: "" },
    "admin-email": { type: "string", default: "" },
    "admin-name": { type: "string", default: "" },
    locale: { type: "string", default: "en" },
    url: { type: "string", default: `http://localhost:${process.env.PORT ?? 8787}` },
    "sql-file": { type: "string" },
    remote: { type: "boolean", default: false },
  },
});

const input: FirstAdminInput = {
  nameEn: values["name-en"],
  nameZh: values["name-zh"],
  slug: values.slug,
  adminEmail: values["admin-email"],
  adminName: values["admin-name"],
  locale: values.locale as Locale,
};

function fail(lines: string[]): never {
  console.error(lines.join("\n"));
  process.exit(1);
}

const problems = firstAdminProblems(input);
if (problems.length) {
  fail([
    ...problems,
    'Usage: npm run org:create -- --name-en "…" --name-zh "…" --slug … --admin-email … [--admin-name …] [--locale en|zh] [--url https://…] [--sql-file PATH | --remote]',
  ]);
}

function printLink(token: string, expiresAt: number, pending = false): void {
  const link = `${values.url.replace(/\/$/, "")}/invite/${token}`;
  console.log(
    [
      "",
      `  First admin's one-time invitation link (valid until ${new Date(expiresAt).toISOString()}${pending ? ", once the SQL has run" : ""}):`,
      `    ${link}`,
      "  Send it to them privately; it is not stored anywhere (only its hash is).",
      "",
    ].join("\n"),
  );
}

const now = Date.now();
const remote = values.remote || values["sql-file"] !== undefined;

if (remote) {
  // The statements are built with a throwaway local binding (nothing is written to it).
  const proxy = await getPlatformProxy<{ DB: Parameters<typeof getDb>[0] }>({
    configPath: "wrangler.toml",
    persist: false,
    remoteBindings: false,
  });
  try {
    const made = await firstAdminStatements(getDb(proxy.env.DB), input, now);
    const file = values["sql-file"] ?? join(".wrangler", `create-org-${input.slug}.sql`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${toSqlScript(made.statements)}\n`);
    const args = ["d1", "execute", "DB", "--remote", `--file=${file}`];
    if (!values.remote) {
      console.log(
        `Wrote ${file}. Create the organisation in the remote database with:\n\n  npx wrangler ${args.join(" ")}`,
      );
      printLink(made.token, made.expiresAt, true);
    } else {
      const result = spawnSync("npx", ["wrangler", ...args], { stdio: "inherit" });
      if (result.status !== 0)
        fail([`wrangler ${args.join(" ")} failed: nothing was created (D1 runs the file as one batch).`]);
      console.log(`Created ${input.nameEn} / ${input.nameZh} (${input.slug}) in the remote database.`);
      printLink(made.token, made.expiresAt);
    }
  } finally {
    await proxy.dispose();
  }
} else {
  migrate();
  const proxy = await getPlatformProxy<{ DB: Parameters<typeof getDb>[0] }>({
    configPath: "wrangler.toml",
    persist: { path: join(stateDir, "v3") },
    remoteBindings: false,
  });
  try {
    const db = getDb(proxy.env.DB);
    const email = input.adminEmail.trim().toLowerCase();
    const [slugTaken, emailTaken] = await db.batch([
      db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.slug, input.slug)),
      db.select({ id: users.id }).from(users).where(eq(users.email, email)),
    ]);
    if (slugTaken.length) fail([`--slug: an organisation called "${input.slug}" already exists.`]);
    if (emailTaken.length)
      fail([`--admin-email: ${email} already has an account; invite them from inside the organisation instead.`]);
    const made = await firstAdminStatements(db, input, now);
    const [first, ...rest] = made.statements;
    if (first) await db.batch([first, ...rest]);
    console.log(`Created ${input.nameEn} / ${input.nameZh} (${input.slug}) in the local database.`);
    printLink(made.token, made.expiresAt);
  } finally {
    await proxy.dispose();
  }
}
