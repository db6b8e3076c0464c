/**
 * Reads for regions, branches, members and invitations (router queries: cached, deduplicated;
 * pages read them with `createAsync`, and after a change `revalidate(getX.key)` refreshes every
 * page showing that data), and the branch and member lists' filters as their URLs carry them,
 * read by the pages and by their preloads alike. Only lazy routes import this: none of it is
 * in the app's first download.
 */
import { query, type SearchParams } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { columnsOf } from "../../../worker/domain/imports";
import { api, call } from "../../lib/api";
import { firstParam, paramIn } from "../../lib/search-params";
import { CHANNELS, type Channel, MEMBERSHIP_STATUSES, type MembershipStatus, ROLES, type Role } from "../../lib/types";

export const getRegions = query(async () => (await call(api.regions.$get({ query: {} }))).items, "regions");

export const getRegion = query((id: string) => call(api.regions[":id"].$get({ param: { id } })), "region");

export interface BranchFilter {
  q?: string | undefined;
  regionId?: string | undefined;
  channel?: Channel | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const BRANCH_PAGE_SIZE = 20;

export const getBranches = query(
  (filter: BranchFilter) =>
    call(
      api.branches.$get({
        query: {
          q: filter.q || undefined,
          regionId: filter.regionId || undefined,
          channel: filter.channel || undefined,
          cursor: filter.cursor || undefined,
          limit: String(filter.limit ?? BRANCH_PAGE_SIZE),
        },
      }),
    ),
  "branches",
);

export const getBranch = query((id: string) => call(api.branches[":id"].$get({ param: { id } })), "branch");

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: MembershipStatus | undefined;
}

export const getUsers = query(
  async (filter: UserFilter) =>
    (
      await call(
        api.users.$get({
          query: { q: filter.q || undefined, role: filter.role || undefined, status: filter.status || undefined },
        }),
      )
    ).items,
  "users",
);

export const getUser = query((id: string) => call(api.users[":id"].$get({ param: { id } })), "user");

export const getInvitation = query(
  (token: string) => call(api.invitations[":token"].$get({ param: { token } })),
  "invitation",
);

/** `?q=&regionId=&channel=`, unknown values left out. */
export const branchFilter = (params: SearchParams): BranchFilter => ({
  q: firstParam(params.q) || undefined,
  regionId: firstParam(params.regionId) || undefined,
  channel: paramIn(params.channel, CHANNELS),
});

/** `?q=&role=&status=`, unknown values left out. */
export const userFilter = (params: SearchParams): UserFilter => ({
  q: firstParam(params.q) || undefined,
  role: paramIn(params.role, ROLES),
  status: paramIn(params.status, MEMBERSHIP_STATUSES),
});

// --- Bulk import (docs/IMPORTS.md) ------------------------------------------------------------

export type ImportKind = "branches" | "members";
type DryRunAnswer = InferResponseType<(typeof api.imports.branches)["$post"], 200>;
export type ImportReport = Extract<DryRunAnswer, { dryRun: true }>["report"];
export type ImportBody = InferResponseType<(typeof api.imports)[":id"]["$get"], 200>;
export type ImportItem = ImportReport["items"][number];
export type ImportAction = ImportItem["action"];
export type ImportCellError = NonNullable<ImportItem["errors"]>[number];

/** The columns of each kind of file: the English header, a Chinese one, whether it must be there. */
export const IMPORT_COLUMNS = Object.fromEntries(
  (["branches", "members"] as const).map((kind) => [
    kind,
    columnsOf(kind).map((c) => ({
      name: c.name,
      zh: c.aliases.find((a) => /[\u4e00-\u9fff]/.test(a)) ?? c.name,
      required: c.required,
    })),
  ]),
) as Record<ImportKind, Array<{ name: string; zh: string; required: boolean }>>;

/** Sends the file as it is (`text/csv`), a dry run or a commit. */
function sendImport(
  kind: ImportKind,
  file: Blob,
  query: { dryRun: "true" | "false"; id?: string; lang?: "en" | "zh" },
) {
  return call(api.imports[kind].$post({ query }, { init: { body: file, headers: { "content-type": "text/csv" } } }));
}

/** What importing `file` would do, row by row (errors in `lang` in the error file). */
export async function dryRunImport(kind: ImportKind, file: Blob, lang: "en" | "zh"): Promise<ImportReport> {
  const answer = await sendImport(kind, file, { dryRun: "true", lang });
  if (!answer.dryRun) throw new Error("expected a dry run");
  return answer.report;
}

/** Imports `file` under the client's `id` (the same id again is the same import). */
export async function commitImport(kind: ImportKind, file: Blob, id: string): Promise<ImportBody> {
  const answer = await sendImport(kind, file, { dryRun: "false", id });
  if (answer.dryRun) throw new Error("expected a commit");
  return answer.import;
}

/** An import's progress (polled while its commit runs; never cached). */
export function getImportProgress(id: string): Promise<ImportBody> {
  return call(api.imports[":id"].$get({ param: { id } }));
}
