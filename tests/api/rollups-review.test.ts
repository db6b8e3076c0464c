/**
 * Roll-ups stay exact through review: random sequences of submissions and review transitions
 * (claim, edit, return, reply, release, publish, reject, reopen), sent through the API as
 * people would, must leave the roll-up tables equal, row for row, to a full rebuild, and count
 * exactly the published reports. Dispute decisions (docs/DISPUTES.md: rulings, void, reshop) are
 * among the steps. Commands the machine refuses in the state the report is in are sent anyway:
 * a refusal must change nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rebuildRollups } from "../../worker/data/rollups";
import { listItems } from "../../worker/domain/checklists";
import { createOrganization, type TestOrganization } from "./factory";
import { completeAnswers, db, expectOk } from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";
import { countedAudits, readRollups } from "./rollup-helpers";

type Step =
  | { kind: "submit"; branch: number; failFirst: boolean }
  | { kind: "claim" | "release" | "publish" | "reject" | "reopen" | "return" | "reply"; pick: number }
  | { kind: "edit"; pick: number; value: boolean }
  | { kind: "dispute"; pick: number; outcomes: number[]; report: "void" | "reshop" | null };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("submit" as const), branch: fc.nat(1), failFirst: fc.boolean() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        "claim",
        "claim",
        "publish",
        "publish",
        "release",
        "reject",
        "reopen",
        "return",
        "reply",
      ) as fc.Arbitrary<"claim" | "release" | "publish" | "reject" | "reopen" | "return" | "reply">,
      pick: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit" as const), pick: fc.nat(), value: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("dispute" as const),
      pick: fc.nat(),
      outcomes: fc.array(fc.nat(2), { minLength: 1, maxLength: 6 }),
      report: fc.constantFrom(null, null, null, "void" as const, "reshop" as const),
    }),
  },
);

const OUTCOMES = ["upheld", "not_applicable", "overturned"] as const;

/**
 * A dispute decided: the report's open dispute, or a new one the branch's manager raises on
 * every disputable item, decided by an admin (the reviewer published it: a conflict of interest).
 * Answers the decision's response, or null when there was nothing to decide.
 */
async function disputeStep(org: TestOrganization, id: string, step: Extract<Step, { kind: "dispute" }>) {
  const read = await expectOk(await org.as.admin.api.v1.audits[":id"].$get({ param: { id } }), 200);
  let dispute = read.disputes.find((d) => d.status === "open");
  if (!dispute) {
    const res = await org.as.manager.api.v1.audits[":id"].$get({ param: { id } });
    if (res.status !== 200) return null;
    const disputable = (await expectOk(res, 200)).dispute?.disputable ?? [];
    if (!disputable.length) return null;
    const raised = await org.as.manager.api.v1.audits[":id"].disputes.$post({
      param: { id },
      json: { items: disputable.map((itemKey) => ({ itemKey, reason: "The camera shows otherwise." })) },
    });
    if (raised.status !== 201) return null;
    dispute = await expectOk(raised, 201);
  }
  return org.as.admin.api.v1.disputes[":id"].decisions.$post({
    param: { id: dispute.id },
    json: {
      version: dispute.version,
      items: dispute.items.map((item, i) => ({
        itemKey: item.itemKey,
        outcome: OUTCOMES[step.outcomes[i % step.outcomes.length] ?? 0] ?? "upheld",
        reason: "Checked against the photos.",
      })),
      ...(step.report ? { report: step.report } : {}),
    },
  });
}

/** The version the report is at now (every refused step must leave it as it was). */
async function versionOf(org: TestOrganization, id: string): Promise<number> {
  return (await expectOk(await org.as.admin.api.v1.audits[":id"].$get({ param: { id } }), 200)).version;
}

/** Sends one review step as the person who would take it. */
async function send(
  org: TestOrganization,
  id: string,
  version: number,
  itemKey: string,
  step: Exclude<Step, { kind: "submit" | "dispute" }>,
) {
  const param = { id };
  const audit = org.as.reviewer.api.v1.audits[":id"];
  switch (step.kind) {
    case "claim":
      return audit.claim.$post({ param, json: { version } });
    case "release":
      return audit.release.$post({ param, json: { version } });
    case "publish":
      return audit.publish.$post({ param, json: { version } });
    case "reject":
      return audit.reject.$post({ param, json: { version, reason: "Not a real visit." } });
    case "reopen":
      return org.as.admin.api.v1.audits[":id"].reopen.$post({ param, json: { version, reason: "A second look." } });
    case "return":
      return audit.return.$post({ param, json: { version, questions: [{ text: "Which desk?" }] } });
    case "reply": {
      const read = await expectOk(await org.as.shopper.api.v1.audits[":id"].$get({ param }), 200);
      const question = read.questions?.at(-1);
      return org.as.shopper.api.v1.audits[":id"].replies.$post({
        param,
        json: {
          clientId: `reply-${crypto.randomUUID()}`,
          replies: [{ questionId: question?.id ?? "none", text: "At the front desk." }],
        },
      });
    }
    case "edit":
      return audit.answers[":itemKey"].$patch({
        param: { id, itemKey },
        json: { value: step.value, comment: "Checked.", reason: "The photo shows it.", version },
      });
  }
}

/** How many dispute decisions went through, over all runs (the property must exercise them). */
let decisions = 0;

async function run(org: TestOrganization, version: Version, steps: Step[], reports: string[]): Promise<void> {
  const firstYesNo = listItems(version.document).find(({ item }) => item.kind === "yes_no")?.item.key ?? "";
  for (const step of steps) {
    if (step.kind === "submit") {
      const branchId = step.branch === 0 ? org.branchIds.north1 : org.branchIds.east1;
      const assignment = await planVisit(org, version.id, { branchId });
      const answers = completeAnswers(version.document).map((a) =>
        step.failFirst && a.item === firstYesNo ? { ...a, value: false, comment: "Not done." } : a,
      );
      const id = crypto.randomUUID();
      await expectOk(await submitReport(org.as.shopper, id, report(assignment, answers)), 201);
      reports.push(id);
      continue;
    }
    const id = reports[step.pick % Math.max(1, reports.length)];
    if (!id) continue;
    const before = await versionOf(org, id);
    const res =
      step.kind === "dispute" ? await disputeStep(org, id, step) : await send(org, id, before, firstYesNo, step);
    if (!res) continue;
    if (step.kind === "dispute" && res.status === 200) decisions += 1;
    // Success moves the version by one; a refusal (403/409/400) leaves the report as it was.
    const after = await versionOf(org, id);
    expect([200, 201].includes(res.status) ? after - before : after, `${step.kind} → ${res.status}`).toBe(
      [200, 201].includes(res.status) ? 1 : before,
    );
  }
}

describe("roll-ups through review", () => {
  it("incremental roll-ups equal a rebuild after any sequence of submissions and review transitions", async () => {
    // How often the runs reached publication, so the property cannot pass by never publishing.
    let runsThatPublished = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 14 }), async (steps) => {
        const org = await createOrganization();
        const version = await readVersion(org.as.admin, org.versionIds.store);
        const reports: string[] = [];
        // Every run starts with one report published through review, then goes random from there
        // (reopen, edits, new submissions…), so publication is always in play.
        const start: Step[] = [
          { kind: "submit", branch: 0, failFirst: true },
          { kind: "claim", pick: 0 },
          { kind: "publish", pick: 0 },
        ];
        await run(org, version, [...start, ...steps], reports);

        const incremental = await readRollups(org.id);
        await rebuildRollups(db(), org.id);
        const rebuilt = await readRollups(org.id);
        expect(incremental).toEqual(rebuilt);
        let published = 0;
        for (const id of reports) {
          const body = await expectOk(await org.as.admin.api.v1.audits[":id"].$get({ param: { id } }), 200);
          if (body.status === "published") published += 1;
        }
        expect(countedAudits(rebuilt)).toBe(published);
        if (published > 0) runsThatPublished += 1;
      }),
      { numRuns: 20 },
    );
    expect(runsThatPublished).toBeGreaterThan(0);
    expect(decisions).toBeGreaterThan(0);
  }, 240_000);
});
