/** The review queue's rows carry what a reviewer reads before opening a report: branch and checklist, named. */
import { describe, expect, it } from "vitest";
import { createOrganization } from "./factory";
import { completeAnswers, expectOk } from "./helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";

describe("review queue rows", () => {
  it("name the branch and the checklist in both languages (joined tables share `id`: aliased)", async () => {
    const org = await createOrganization();
    const version = await readVersion(org.as.admin, org.versionIds.store);
    const assignment = await planVisit(org, version.id);
    const id = crypto.randomUUID();
    await expectOk(await submitReport(org.as.shopper, id, report(assignment, completeAnswers(version.document))), 201);
    const page = await expectOk(await org.as.reviewer.api.v1["review-queue"].$get({ query: {} }), 200);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id,
      status: "waiting",
      branch: { id: org.branchIds.north1, name: { en: "Wangfujing", zh: "王府井店" } },
      checklist: { id: org.checklistIds.store, versionId: version.id, name: version.document.name },
    });
    expect(page.counts).toBeNull();
  });
});
