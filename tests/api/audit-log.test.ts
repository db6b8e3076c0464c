/**
 * The trail beyond reports: every change of significance records its event in the same batch,
 * edits of regions, branches and memberships name their version (409 stale_version), and the
 * audit log lists, filters, pages and verifies an organisation's chain.
 */
import { env } from "cloudflare:test";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "../../worker/domain/memberships";
import { checkReceipt } from "../../worker/lib/receipts";
import { type Client, client, createOrganization, type TestOrganization } from "./factory";
import { api, expectOk, expectProblem, uniqueCode } from "./helpers";

let org: TestOrganization;
let other: TestOrganization;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrganization(), createOrganization()]);
});

type LogQuery = InferRequestType<Client["api"]["v1"]["audit-log"]["$get"]>["query"];

/** A page of the audit log as `as`, typed by the route. */
async function logPage(as: Client, query: LogQuery = {}) {
  return expectOk(await as.api.v1["audit-log"].$get({ query }), 200);
}

/** The newest events of a subject, through the API, as the admin. */
async function eventsOf(o: TestOrganization, subjectId: string, type?: LogQuery["type"]) {
  return (await logPage(o.as.admin, { subjectId, ...(type ? { type } : {}) })).items;
}

describe("regions and branches: events and versions", () => {
  it("records region.created and region.changed (old → new of changed fields only)", async () => {
    const code = uniqueCode("R");
    const region = await expectOk(
      await org.as.admin.api.v1.regions.$post({ json: { code, nameEn: "West", nameZh: "西区" } }),
      201,
    );
    expect(region.version).toBe(1);
    const patched = await expectOk(
      await org.as.admin.api.v1.regions[":id"].$patch({
        param: { id: region.id },
        json: { nameEn: "Far West", nameZh: "西区", version: 1 },
      }),
      200,
    );
    expect(patched.version).toBe(2);
    const [changed, created] = await eventsOf(org, region.id);
    expect(created).toMatchObject({
      type: "region.created",
      subject: { type: "region", id: region.id },
      actor: { id: org.people.admin.id, role: "admin", name: org.people.admin.displayName },
      payload: { code, nameEn: "West", nameZh: "西区" },
    });
    expect(changed).toMatchObject({
      type: "region.changed",
      payload: { changes: { nameEn: { from: "West", to: "Far West" } } },
    });
    expect(Object.keys(changed?.payload.changes as object)).toEqual(["nameEn"]);
  });

  it("refuses a stale region edit: 409 stale_version with the current version, nothing written", async () => {
    const id = org.regionIds.south;
    const first = await expectOk(await org.as.admin.api.v1.regions[":id"].$get({ param: { id } }), 200);
    await expectOk(
      await org.as.admin.api.v1.regions[":id"].$patch({
        param: { id },
        json: { nameEn: "South A", version: first.version },
      }),
      200,
    );
    const before = (await eventsOf(org, id)).length;
    const stale = await expectProblem(
      await org.as.admin.api.v1.regions[":id"].$patch({
        param: { id },
        json: { nameEn: "South B", version: first.version },
      }),
      409,
      "stale_version",
    );
    expect(stale).toMatchObject({ version: first.version + 1 });
    const after = await expectOk(await org.as.admin.api.v1.regions[":id"].$get({ param: { id } }), 200);
    expect(after).toMatchObject({ name: { en: "South A" }, version: first.version + 1 });
    expect(await eventsOf(org, id)).toHaveLength(before);
  });

  it("records branch.created and branch.changed; a stale branch edit is 409 with the version", async () => {
    const branch = await expectOk(
      await org.as.admin.api.v1.branches.$post({
        json: {
          code: uniqueCode("B"),
          nameEn: "Pier",
          nameZh: "码头店",
          regionId: org.regionIds.east,
          channel: "store",
        },
      }),
      201,
    );
    const patch = (json: { active?: boolean; regionId?: string; version: number }) =>
      org.as.admin.api.v1.branches[":id"].$patch({ param: { id: branch.id }, json });
    const moved = await expectOk(await patch({ regionId: org.regionIds.south, active: false, version: 1 }), 200);
    expect(moved).toMatchObject({ version: 2, active: false, region: { id: org.regionIds.south } });
    const stale = await expectProblem(await patch({ active: true, version: 1 }), 409, "stale_version");
    expect(stale).toMatchObject({ version: 2 });
    const [changed, created] = await eventsOf(org, branch.id);
    expect(created).toMatchObject({
      type: "branch.created",
      payload: { nameEn: "Pier", regionId: org.regionIds.east },
    });
    expect(changed).toMatchObject({
      type: "branch.changed",
      payload: {
        changes: { active: { from: true, to: false }, regionId: { from: org.regionIds.east, to: org.regionIds.south } },
      },
    });
  });
});

describe("memberships: events and versions", () => {
  it("records membership.invited and membership.changed (role, scope, label, status), and refuses a stale edit", async () => {
    const email = `trail-${crypto.randomUUID()}@example.test`;
    const invited = await expectOk(
      await org.as.admin.api.v1.users.$post({ json: { email, displayName: "Tia Trail", role: "shopper" } }),
      201,
    );
    expect(invited.user.version).toBe(1);
    const id = invited.user.id;
    const changed = await expectOk(
      await org.as.admin.api.v1.users[":id"].$patch({
        param: { id },
        json: { role: "regional_manager", regionIds: [org.regionIds.north], displayName: "Tia T.", version: 1 },
      }),
      200,
    );
    expect(changed.version).toBe(2);
    const stale = await expectProblem(
      await org.as.admin.api.v1.users[":id"].$patch({ param: { id }, json: { status: "deactivated", version: 1 } }),
      409,
      "stale_version",
    );
    expect(stale).toMatchObject({ version: 2 });
    const log = await logPage(org.as.admin, { subjectType: "membership" });
    const items = log.items.filter((e) => e.payload.email === email || e.type === "membership.changed");
    const invitedEvent = items.find((e) => e.type === "membership.invited" && e.payload.email === email);
    expect(invitedEvent).toMatchObject({ payload: { email, label: "Tia Trail", role: "shopper", regionIds: [] } });
    const [changedEvent] = await eventsOf(org, invitedEvent?.subject.id ?? "", "membership.changed");
    expect(changedEvent?.payload).toEqual({
      changes: {
        label: { from: "Tia Trail", to: "Tia T." },
        role: { from: "shopper", to: "regional_manager" },
        regionIds: { from: [], to: [org.regionIds.north] },
      },
    });
    expect(JSON.stringify(items)).not.toMatch(/password|token/i);
  });
});

describe("checklists, assignments, exports", () => {
  it("records checklist.published, assignment.created and assignment.cancelled", async () => {
    const draft = await expectOk(
      await org.as.admin.api.v1.checklists[":id"].drafts.$post({ param: { id: org.checklistIds.store }, json: {} }),
      201,
    );
    await expectOk(
      await org.as.admin.api.v1["checklist-versions"][":id"].publish.$post({ param: { id: draft.id } }),
      200,
    );
    const [published] = await eventsOf(org, org.checklistIds.store, "checklist.published");
    expect(published).toMatchObject({ subject: { type: "checklist" }, payload: { versionId: draft.id, number: 2 } });

    const planned = await expectOk(
      await org.as.admin.api.v1.assignments.$post({
        json: {
          branchId: org.branchIds.north1,
          checklistVersionId: draft.id,
          shopperId: org.people.shopper.id,
          windowStart: "2030-01-01",
          windowEnd: "2030-01-31",
        },
      }),
      201,
    );
    await expectOk(
      await org.as.admin.api.v1.assignments[":id"].$patch({ param: { id: planned.id }, json: { status: "cancelled" } }),
      200,
    );
    // A second cancel changes nothing and records nothing.
    await expectProblem(
      await org.as.admin.api.v1.assignments[":id"].$patch({ param: { id: planned.id }, json: { status: "cancelled" } }),
      409,
      "conflict",
    );
    const events = await eventsOf(org, planned.id);
    expect(events.map((e) => e.type)).toEqual(["assignment.cancelled", "assignment.created"]);
    expect(events[1]?.payload).toMatchObject({ branchId: org.branchIds.north1, shopperId: org.people.shopper.id });
  });

  it("records export.downloaded with who, which export and which filter", async () => {
    const res = await org.as.analyst.api.v1.exports["audits.csv"].$get({
      query: { from: "2025-01-01", to: "2025-03-31", channel: "store" },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const [event] = await eventsOf(org, "audits.csv", "export.downloaded");
    expect(event).toMatchObject({
      actor: { id: org.people.analyst.id, role: "analyst" },
      payload: { file: "audits.csv", filter: { from: "2025-01-01", to: "2025-03-31", channel: "store" } },
    });
  });
});

describe("account.locked", () => {
  it("is recorded once, in the organisation of the locked member, without password material", async () => {
    const person = org.people.shopper3;
    const login = () =>
      client().api.v1.auth.login.$post({ json: { email: person.email, password: "wrong-password-123" } });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login()).status).toBe(401);
    expect((await login()).status).toBe(429);
    const events = await eventsOf(org, person.id, "account.locked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: null, subject: { type: "user", id: person.id } });
    expect(JSON.stringify(events[0]?.payload)).not.toMatch(/wrong-password|hash/i);
    expect(await eventsOf(other, person.id)).toEqual([]);
  });
});

describe("the audit log", () => {
  it("pages newest first by seq, with filters on type, actor and time", async () => {
    const page1 = await logPage(org.as.admin, { limit: "2" });
    expect(page1.items).toHaveLength(2);
    const [a, b] = page1.items;
    expect((a?.seq ?? 0) > (b?.seq ?? 0)).toBe(true);
    expect(page1.nextCursor).toBe(b?.seq);
    const page2 = await logPage(org.as.admin, { limit: "2", cursor: String(page1.nextCursor) });
    expect(page2.items[0]?.seq).toBeLessThan(b?.seq ?? 0);

    const typed = await logPage(org.as.analyst, { type: "region.created" });
    expect(typed.items.length).toBeGreaterThan(0);
    expect(typed.items.every((e) => e.type === "region.created")).toBe(true);

    const byActor = await logPage(org.as.admin, { actorId: org.people.analyst.id });
    expect(byActor.items.every((e) => e.actor?.id === org.people.analyst.id)).toBe(true);

    expect((await logPage(org.as.admin, { from: "2999-01-01T00:00:00Z" })).items).toEqual([]);
    expect((await logPage(org.as.admin, { to: "2000-01-01T00:00:00Z" })).items).toEqual([]);

    // Deliberately malformed: an event type that does not exist (raw request, the client would not allow it).
    await expectProblem(
      await api("/api/v1/audit-log?type=region.eaten", { cookie: org.people.admin.cookie }),
      400,
      "validation_failed",
    );
  });

  it("is for admins and analysts only (403, even with a bad query); another organisation's events never show", async () => {
    for (const key of ["regional", "manager", "reviewer", "shopper"] as const) {
      const as = org.as[key];
      await expectProblem(await as.api.v1["audit-log"].$get({ query: { limit: "oops" } }), 403, "forbidden");
      await expectProblem(await as.api.v1["audit-log"].verify.$get(), 403, "forbidden");
    }
    await expectProblem(await client().api.v1["audit-log"].$get({ query: {} }), 401, "unauthenticated");
    expect((await logPage(other.as.admin, { subjectId: org.regionIds.south })).items).toEqual([]);
  });

  it("verifies the chain, and names the first broken seq after tampering", async () => {
    const fresh = await createOrganization();
    for (const nameEn of ["A", "B", "C"]) {
      const current = await expectOk(
        await fresh.as.admin.api.v1.regions[":id"].$get({ param: { id: fresh.regionIds.east } }),
        200,
      );
      await expectOk(
        await fresh.as.admin.api.v1.regions[":id"].$patch({
          param: { id: fresh.regionIds.east },
          json: { nameEn, version: current.version },
        }),
        200,
      );
    }
    const ok = await expectOk(await fresh.as.analyst.api.v1["audit-log"].verify.$get(), 200);
    expect(ok).toMatchObject({ ok: true, events: 3, firstBrokenSeq: null, head: { seq: 3 } });

    await env.DB.exec("DROP TRIGGER events_no_update");
    try {
      await env.DB.prepare(
        "UPDATE events SET payload = json_set(payload, '$.changes.nameEn.to', 'Z') WHERE organization_id = ? AND seq = 2",
      )
        .bind(fresh.id)
        .run();
    } finally {
      await env.DB.exec(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
      );
    }
    const broken = await expectOk(await fresh.as.admin.api.v1["audit-log"].verify.$get(), 200);
    expect(broken).toMatchObject({ ok: false, events: 3, firstBrokenSeq: 2 });
  });
});

describe("receipts' public key", () => {
  it("is served to anyone as an Ed25519 JWK", async () => {
    const res = await client().api.v1.receipts["public-key"].$get();
    const key = await expectOk(res, 200);
    expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", x: expect.any(String) });
    expect(key).not.toHaveProperty("d");
    expect(typeof checkReceipt).toBe("function");
  });
});
