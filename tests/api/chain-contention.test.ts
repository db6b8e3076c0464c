/**
 * Under load many writers append to one organisation's trail, and a request can lose the next
 * seq to others again and again (bench/load.ts found it at 16 clients on 2 cores). When it gives
 * up, the answer must say "busy, try again" (503 with Retry-After, which the phone's outbox
 * retries) — never a 500, and never the 409 "this assignment already has a report" the phone
 * takes as final although nothing was stored.
 */
import { describe, expect, it } from "vitest";
import { afterFailure } from "../../web/lib/outbox";
import { counted } from "./counting-d1";
import { createOrganization } from "./factory";
import { completeAnswers, expectOk, expectProblem, isoDay } from "./helpers";
import { planVisit, readAudit, readVersion, report, submitReport } from "./report-helpers";

/** Every batch that appends to the trail fails as if another request had just taken its seq. */
function loseEverySeq(queries: readonly string[]): void {
  if (queries.some((q) => /insert into "events"/i.test(q)))
    throw new Error(
      "D1_ERROR: UNIQUE constraint failed: events.organization_id, events.seq: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)",
    );
}

describe("a write that keeps losing the trail's seq", () => {
  it("a report answers 503 busy with Retry-After, stores nothing, and its retry stores it once", async () => {
    const org = await createOrganization();
    const store = await readVersion(org.as.admin, org.versionIds.store);
    const assignment = await planVisit(org, store.id);
    const id = crypto.randomUUID();
    const body = report(assignment, completeAnswers(store.document));

    const contended = counted(org.people.shopper.cookie, loseEverySeq);
    const res = await submitReport(contended.as, id, body);
    await expectProblem(res, 503, "busy");
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await readAudit(org.as.shopper, id)).status).toBe(404);

    const stored = await expectOk(await submitReport(org.as.shopper, id, body), 201);
    expect(stored.id).toBe(id);
    const again = await expectOk(await submitReport(org.as.shopper, id, body), 200);
    expect(again.submittedAt).toBe(stored.submittedAt);
  });

  it("an export (which records itself in the trail first) answers 503 busy, not 500", async () => {
    const org = await createOrganization();
    const contended = counted(org.people.admin.cookie, loseEverySeq);
    const res = await contended.as.api.v1.exports["audits.csv"].$get({ query: { from: isoDay(-30), to: isoDay(0) } });
    await expectProblem(res, 503, "busy");
  });
});

describe("what the phone does with those answers (web/lib/outbox.ts)", () => {
  it("waits and retries by itself on 503 busy; a 409 conflict would have failed the report for good", () => {
    expect(afterFailure({ ok: false, status: 503, code: "busy", message: "" }).state).toBe("waiting");
    expect(afterFailure({ ok: false, status: 409, code: "conflict", message: "" }).state).toBe("failed");
  });
});
