/**
 * The demo seed writes known passwords (`courtesy-demo`), so it must only ever reach the local
 * database. scripts/local-db.ts writes through wrangler's `getPlatformProxy`, which is local
 * (Miniflare's SQLite under .wrangler/) unless a binding is marked `remote = true` in the
 * wrangler configuration (wrangler then proxies it to the real D1) or a Wrangler environment is
 * picked. This decides, from the command line, the process environment and the raw wrangler
 * configuration, whether a seed may run: it returns why not, or null. Pure (no I/O) so the rule
 * is tested in tests/unit/seed-guard.test.ts.
 */

interface RawBinding {
  binding?: string;
  remote?: boolean;
}

interface RawEnvironment {
  d1_databases?: RawBinding[];
  r2_buckets?: RawBinding[];
}

export interface RawWranglerConfig extends RawEnvironment {
  env?: Record<string, RawEnvironment | undefined>;
}

export interface SeedTarget {
  /** The script's own arguments (after the command). */
  args: readonly string[];
  /** The process environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** The wrangler configuration as written (wrangler's experimental_readRawConfig). */
  config: RawWranglerConfig;
}

const REMOTE_FLAGS = ["--remote", "--env", "-e", "--production", "--prod"];

/** Why the demo seed must not run against this target, or null when it is the local database. */
export function seedRefusal(target: SeedTarget): string | null {
  const flag = target.args.find((a) => REMOTE_FLAGS.includes(a.split("=")[0] ?? a));
  if (flag) {
    return `Refusing to seed: "${flag}" asks for a remote database. The demo seed only writes the local database (.wrangler/); it holds demo passwords that must never reach production. Create a real organisation with npm run org:create (docs/DEPLOY.md).`;
  }
  for (const name of ["CLOUDFLARE_ENV", "WRANGLER_ENV"]) {
    if (target.env[name]) {
      return `Refusing to seed: ${name}=${target.env[name]} selects a Wrangler environment. The demo seed only writes the local database; unset ${name} (docs/DEPLOY.md).`;
    }
  }
  if (target.env.NODE_ENV === "production") {
    return "Refusing to seed: NODE_ENV=production. The demo seed holds demo passwords and only writes the local database.";
  }
  const environments: [string, RawEnvironment][] = [
    ["top level", target.config],
    ...Object.entries(target.config.env ?? {}).flatMap(([name, e]): [string, RawEnvironment][] =>
      e ? [[`[env.${name}]`, e]] : [],
    ),
  ];
  for (const [where, e] of environments) {
    for (const b of [...(e.d1_databases ?? []), ...(e.r2_buckets ?? [])]) {
      if (b.remote === true) {
        return `Refusing to seed: the ${b.binding ?? "?"} binding (${where}) has remote = true in the wrangler configuration, so wrangler would write the real Cloudflare resource. The demo seed only writes the local database; remove remote = true to seed locally.`;
      }
    }
  }
  return null;
}
