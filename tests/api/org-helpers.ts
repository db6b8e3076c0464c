/**
 * A factory organisation's structure through the typed client: extra branches, and every page
 * of a branch listing. Checklists, visits and reports: ./report-helpers; people: ./member-helpers.
 *
 * @example
 * const branch = await createBranchIn(org, { regionId: org.regionIds.south });
 */
import type { InferRequestType } from "hono/client";
import { expect } from "vitest";
import type { Client, TestOrganization } from "./factory";
import { expectOk, type JsonFor, uniqueCode } from "./helpers";

export type BranchInput = InferRequestType<Client["api"]["v1"]["branches"]["$post"]>["json"];

/** Creates a store branch in the organisation's east region (never north) unless `overrides` say otherwise. */
export async function createBranchIn(org: TestOrganization, overrides: Partial<BranchInput> = {}) {
  const code = uniqueCode("B");
  const json: BranchInput = {
    code,
    nameEn: `Branch ${code}`,
    nameZh: `分店 ${code}`,
    regionId: org.regionIds.east,
    channel: "store",
    ...overrides,
  };
  return expectOk(await org.as.admin.api.v1.branches.$post({ json }), 201);
}

export type BranchQuery = NonNullable<Parameters<Client["api"]["v1"]["branches"]["$get"]>[0]>["query"];

/** Reads every page of a branch listing as `as` (`query` without `cursor`), typed by the route. */
export async function listAllBranchesAs(as: Client, query: Omit<BranchQuery, "cursor"> = {}) {
  const items: Array<JsonFor<Awaited<ReturnType<Client["api"]["v1"]["branches"]["$get"]>>, 200>["items"][number]> = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const page = await expectOk(
      await as.api.v1.branches.$get({ query: { ...query, ...(cursor ? { cursor } : {}) } }),
      200,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}
