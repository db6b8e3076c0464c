import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklists, organizations } from "../../schema";
import { firstAdminProblems, firstAdminStatements, toSqlScript } from "../../worker/data/provision";
import { acceptInvitation, api, db, uniqueEmail } from "./helpers";

const input = (slug: string, adminEmail: string) => ({
  nameEn: "Harbour Teas",
  nameZh: "港湾茶行",
  slug,
  adminEmail,
  adminName: "First Admin",
  locale: "zh" as const,
});

describe("npm run org:create: an organisation and its first admin (scripts/create-org.ts)", () => {
  it("writes the organisation with its defaults and an invited admin whose one-time link signs them in as admin", async () => {
    const email = uniqueEmail("first-admin");
    const made = await firstAdminStatements(db(), input("harbour-local", email), Date.now());
    const [first, ...rest] = made.statements;
    if (!first) throw new Error("no statements");
    await db().batch([first, ...rest]);

    const [org] = await db().select().from(organizations).where(eq(organizations.id, made.organizationId));
    expect(org).toMatchObject({ slug: "harbour-local", nameEn: "Harbour Teas", nameZh: "港湾茶行" });
    expect(
      (await db().select().from(checklists).where(eq(checklists.organizationId, made.organizationId))).length,
    ).toBeGreaterThan(0);

    const cookie = await acceptInvitation(made.token);
    const me = await api("/api/v1/me", { cookie });
    expect(me.status).toBe(200);
    const members = await api("/api/v1/users", { cookie });
    expect(members.status, "the admin may list members").toBe(200);
    expect(JSON.stringify(await members.json())).toContain(email);

    // The link is one-time.
    const again = await api(`/api/v1/invitations/${made.token}/accept`, {
      body: { mode: "new", displayName: "X", password: "another-long-password" },
    });
    expect(again.status, "a used link is gone").toBe(410);
  });

  it("the remote path's SQL file makes the same organisation when D1 executes it", async () => {
    const email = uniqueEmail("first-admin-o'neil");
    const made = await firstAdminStatements(db(), input("harbour-file", email), Date.now());
    const script = toSqlScript(made.statements);
    expect(script).not.toContain(made.token);
    await env.DB.batch(script.split(";\n").map((s) => env.DB.prepare(s.replace(/;$/, ""))));
    const [org] = await db().select().from(organizations).where(eq(organizations.slug, "harbour-file"));
    expect(org?.nameZh).toBe("港湾茶行");
    expect((await api("/api/v1/me", { cookie: await acceptInvitation(made.token) })).status).toBe(200);
  });

  it("names every problem with the operator's input", () => {
    expect(firstAdminProblems(input("harbour", "a@example.com"))).toEqual([]);
    expect(firstAdminProblems({ ...input("-Bad", "nope"), nameZh: " " })).toHaveLength(3);
  });
});
