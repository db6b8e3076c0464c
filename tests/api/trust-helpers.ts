/**
 * Rows of the trust loop (disputes and corrective actions) for the tests of who may reach them
 * and of what bad input does to them: a published report of the default store checklist that
 * failed two items, an open dispute of one with a photo, and a done action on the other with a
 * photo. The organisation must publish reports on arrival (`createOrganization({ reviewPolicy:
 * "none" })`): no reviewer reviewed them, so any arbiter may decide.
 *
 * @example
 * const rows = await trustRows(org, "north1", org.people.manager);
 * await org.as.reviewer.api.v1.disputes[":id"].$get({ param: { id: rows.disputeId } });
 */
import { addDays } from "../../worker/domain/actions";
import { localDate } from "../../worker/domain/audits";
import { client, type PersonKey, type TestOrganization } from "./factory";
import { completeAnswers, expectOk, uniqueJpeg, uploadEvidence } from "./helpers";
import { planVisit, readVersion, report, submitReport } from "./report-helpers";

/** Failed in every report here: the dispute's item. */
export const DISPUTED = "greets_promptly";
/** Failed in every report here: the action's item. */
export const ACTED_ON = "smiles_and_eye_contact";

/** Today in the factory branches' calendar. */
export const branchToday = () => localDate(Date.now(), "Asia/Shanghai");

/** A published store report at `branch` by `shopper`, failing DISPUTED and ACTED_ON; its id. */
export async function publishedStoreReport(
  org: TestOrganization,
  branch: keyof TestOrganization["branchIds"] = "north1",
  shopper: PersonKey = "shopper",
): Promise<string> {
  const store = await readVersion(org.as.admin, org.versionIds.store);
  const assignment = await planVisit(org, org.versionIds.store, {
    branchId: org.branchIds[branch],
    shopperId: org.people[shopper].id,
  });
  const answers = completeAnswers(store.document).map((a) =>
    a.item === DISPUTED || a.item === ACTED_ON ? { ...a, value: false, comment: "Not this time." } : a,
  );
  const id = crypto.randomUUID();
  const audit = await expectOk(await submitReport(org.as[shopper], id, report(assignment, answers)), 201);
  if (audit.status !== "published") throw new Error("trustRows: the organisation must publish on arrival");
  return id;
}

export interface TrustRows {
  auditId: string;
  /** Open, version 1, DISPUTED with `disputePhoto`. */
  disputeId: string;
  disputePhoto: string;
  /** Done, version 2, on ACTED_ON with `actionPhoto`. */
  actionId: string;
  actionPhoto: string;
}

/**
 * A published report at `branch` with an open dispute and a done action, both made by `raiser`
 * (a manager of the branch: they raise, create, upload and mark done).
 */
export async function trustRows(
  org: TestOrganization,
  branch: keyof TestOrganization["branchIds"],
  raiser: { cookie: string },
): Promise<TrustRows> {
  const as = client(raiser.cookie);
  const auditId = await publishedStoreReport(org, branch);
  const disputePhoto = (await uploadEvidence(raiser.cookie, uniqueJpeg())).sha256;
  const dispute = await expectOk(
    await as.api.v1.audits[":id"].disputes.$post({
      param: { id: auditId },
      json: { items: [{ itemKey: DISPUTED, reason: "The camera shows the greeting.", evidence: disputePhoto }] },
    }),
    201,
  );
  const action = await expectOk(
    await as.api.v1.actions.$post({
      json: {
        auditId,
        itemKeys: [ACTED_ON],
        title: "Smile and look at every customer",
        owner: { name: "Shift lead" },
        dueDate: addDays(branchToday(), 7),
      },
    }),
    201,
  );
  const actionPhoto = (await uploadEvidence(raiser.cookie, uniqueJpeg())).sha256;
  await expectOk(
    await as.api.v1.actions[":id"].$patch({
      param: { id: action.id },
      json: { version: action.version, status: "done", note: "Briefed the team.", evidence: actionPhoto },
    }),
    200,
  );
  return { auditId, disputeId: dispute.id, disputePhoto, actionId: action.id, actionPhoto };
}
