import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { isDatabaseEmpty, seedDemo } from "../../schema/seed/demo";
import { getDb } from "../../worker/data/db";

beforeAll(async () => {
  const db = getDb(env.DB);
  if (await isDatabaseEmpty(db)) await seedDemo(db);
});

it("signs in", async () => {
  const res = await exports.default.fetch("http://localhost/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@demo.test", password: "courtesy-demo" }),
  });
  console.log(res.status, await res.text());
  expect(res.status).toBe(200);
});
