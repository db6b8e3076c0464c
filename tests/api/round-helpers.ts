/**
 * Rounds and shoppers' coverage for a factory organisation (./factory), through the typed client.
 *
 * @example
 * await coverRegions(org, "shopper2", [org.regionIds.north]);
 * await expectOk(await org.as.admin.api.v1.rounds.$post({ json: roundBody(org, { staffing: "rule" }) }), 201);
 * const { items } = await board(org.as.shopper2);
 */
import type { InferRequestType } from "hono/client";
import type { Client, PersonKey, TestOrganization } from "./factory";
import { expectOk, isoDay } from "./helpers";

export type RoundJson = InferRequestType<Client["api"]["v1"]["rounds"]["$post"]>["json"];

/** A board round of the store checklist on every store, one visit each, a 50.00 fee and no cap; `overrides` win. */
export function roundBody(org: TestOrganization, overrides: Partial<RoundJson> = {}): RoundJson {
  return {
    id: crypto.randomUUID(),
    name: "Round",
    checklistId: org.checklistIds.store,
    period: { from: isoDay(4), to: isoDay(31) },
    target: { kind: "all" },
    visitsPerBranch: 1,
    minGapDays: 5,
    windowDays: 3,
    strata: [{ key: "any", share: 100, days: "any" }],
    scenarios: [{ en: "Ask about a loan", zh: "咨询贷款" }],
    blackoutDates: [],
    feeCents: 5000,
    reimbursementCapCents: 0,
    staffing: "board",
    ...overrides,
  };
}

/** Sets a shopper's coverage (as the admin): store visits in `regionIds`, but not `excludedBranchIds`. */
export async function coverRegions(
  org: TestOrganization,
  person: PersonKey,
  regionIds: string[],
  excludedBranchIds: string[] = [],
): Promise<void> {
  const membershipId = org.people[person].membershipId;
  const current = await expectOk(
    await org.as.admin.api.v1.shoppers[":membershipId"].profile.$get({ param: { membershipId } }),
    200,
  );
  await expectOk(
    await org.as.admin.api.v1.shoppers[":membershipId"].profile.$put({
      param: { membershipId },
      json: { channels: ["store"], regionIds, cities: [], excludedBranchIds, version: current.version },
    }),
    200,
  );
}

/** The caller's job board (posted visits they may claim, and their own). */
export const board = async (as: Client) => expectOk(await as.api.v1["job-board"].$get(), 200);

/** Claims a visit from the board (the raw response, for the test to check). */
export const claim = (as: Client, id: string) => as.api.v1["job-board"][":id"].claim.$post({ param: { id } });
