import { env } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, regions } from "../../schema";
import { verifyChain } from "../../worker/data/audit-log";
import { getDb } from "../../worker/data/db";
import {
  appendEventStatements,
  chainHeadOf,
  chainHeadQuery,
  commitChained,
  StaleWrite,
} from "../../worker/data/events";
import { chainEvents, type EventDraft } from "../../worker/domain/trail";
import { createOrganization, type TestOrganization } from "./factory";

const db = () => getDb(env.DB);
let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization();
});

const draft = (n: number): EventDraft => ({
  type: "region.changed",
  subject: { type: "region", id: org.regionIds.north },
  payload: { n, name: { from: "a", to: "b" } },
});

/** Appends drafts the way routes do: read the head, chain, batch, retry on a lost seq. */
function append(organizationId: string, drafts: EventDraft[]) {
  return commitChained(async () => {
    const head = chainHeadOf(await chainHeadQuery(db(), organizationId));
    const chained = await chainEvents(head, drafts, { organizationId, at: Date.now(), actor: null });
    const [first, ...rest] = appendEventStatements(db(), chained);
    if (first) await db().batch([first, ...rest]);
    return chained;
  });
}

/** The chain checked as the API and `npm run audit-log:verify` check it. */
const verify = (organizationId: string) => verifyChain(db(), organizationId);

describe("the trail", () => {
  it("chains events with consecutive seqs that verify", async () => {
    const { id } = await createOrganization();
    await append(id, [draft(1), draft(2)]);
    await append(id, [draft(3)]);
    const verdict = await verify(id);
    expect(verdict).toMatchObject({ ok: true, events: 3, firstBrokenSeq: null, head: { seq: 3 } });
  });

  it("never forks: 20 concurrent appends make seqs 1..20, each linked to the one before", async () => {
    const { id } = await createOrganization();
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(id, [draft(i)])));
    const rows = await db().select({ seq: events.seq }).from(events).where(eq(events.organizationId, id));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verify(id)).toMatchObject({ ok: true, events: 20 });
  });

  it("a guarded event fails the whole batch when its UPDATE changed nothing", async () => {
    const { id, regionIds } = await createOrganization();
    const guardedRename = (version: number) =>
      commitChained(async () => {
        const head = chainHeadOf(await chainHeadQuery(db(), id));
        const chained = await chainEvents(head, [draft(1)], { organizationId: id, at: Date.now(), actor: null });
        await db().batch([
          db()
            .update(regions)
            .set({ nameEn: `Renamed ${version}`, version: sql`${regions.version} + 1` })
            .where(and(eq(regions.id, regionIds.north), eq(regions.version, version))),
          ...appendEventStatements(db(), chained, { guarded: true }),
        ]);
      });
    await guardedRename(1);
    await expect(guardedRename(1)).rejects.toBeInstanceOf(StaleWrite);
    const [row] = await db().select().from(regions).where(eq(regions.id, regionIds.north));
    expect(row).toMatchObject({ nameEn: "Renamed 1", version: 2 });
    expect(await verify(id)).toMatchObject({ ok: true, events: 1 });
  });

  it("refuses to update or delete an event", async () => {
    const { id } = await createOrganization();
    await append(id, [draft(1)]);
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => "no error",
        (error: Error) => `${error.message} ${String(error.cause ?? "")}`,
      );
    expect(
      await failure(db().update(events).set({ type: "region.created" }).where(eq(events.organizationId, id))),
    ).toMatch(/events are append-only/);
    expect(await failure(db().delete(events).where(eq(events.organizationId, id)))).toMatch(/events are append-only/);
    expect(await verify(id)).toMatchObject({ ok: true, events: 1 });
  });

  it("names the first tampered seq when a stored event is changed behind the triggers' back", async () => {
    const { id } = await createOrganization();
    await append(id, [draft(1), draft(2), draft(3), draft(4)]);
    // What someone with the database file could do: drop the guard, change a value, put it back.
    await env.DB.exec("DROP TRIGGER events_no_update");
    try {
      await env.DB.prepare(
        "UPDATE events SET payload = json_set(payload, '$.n', 99) WHERE organization_id = ? AND seq = 3",
      )
        .bind(id)
        .run();
    } finally {
      await env.DB.exec(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
      );
    }
    expect(await verify(id)).toMatchObject({ ok: false, events: 4, firstBrokenSeq: 3 });
  });
});
