import { describe, expect, it } from "vitest";
import { seedRefusal } from "../../worker/seed/guard";

const local = {
  args: [],
  env: {},
  config: { d1_databases: [{ binding: "DB" }], r2_buckets: [{ binding: "EVIDENCE" }] },
};

describe("the demo seed runs only against the local database", () => {
  it("allows the local database", () => {
    expect(seedRefusal(local)).toBeNull();
    expect(seedRefusal({ ...local, args: ["prepare"] })).toBeNull();
  });

  it("refuses a remote flag on the command line", () => {
    for (const flag of ["--remote", "--env=production", "-e", "--production"]) {
      expect(seedRefusal({ ...local, args: ["seed", flag] })).toMatch(/^Refusing to seed: .*local database/);
    }
  });

  it("refuses a Wrangler environment or a production NODE_ENV", () => {
    expect(seedRefusal({ ...local, env: { CLOUDFLARE_ENV: "production" } })).toMatch(/CLOUDFLARE_ENV=production/);
    expect(seedRefusal({ ...local, env: { NODE_ENV: "production" } })).toMatch(/NODE_ENV=production/);
    expect(seedRefusal({ ...local, env: { NODE_ENV: "development", CLOUDFLARE_ENV: "" } })).toBeNull();
  });

  it("refuses a binding wrangler would proxy to Cloudflare (remote = true), at the top level or in an environment", () => {
    expect(seedRefusal({ ...local, config: { d1_databases: [{ binding: "DB", remote: true }] } })).toMatch(
      /DB binding \(top level\) has remote = true/,
    );
    expect(
      seedRefusal({
        ...local,
        config: { ...local.config, env: { production: { r2_buckets: [{ binding: "EVIDENCE", remote: true }] } } },
      }),
    ).toMatch(/EVIDENCE binding \(\[env.production\]\)/);
    expect(seedRefusal({ ...local, config: { d1_databases: [{ binding: "DB", remote: false }] } })).toBeNull();
  });
});
