import { type Context, Hono } from "hono";
import type { ImportKind } from "../../schema/enums";
import { StaleWrite } from "../data/events";
import {
  commitBranchImport,
  commitMemberImport,
  getImport,
  readBranchImportContext,
  readMemberImportContext,
} from "../data/imports";
import {
  type CheckedRow,
  type ImportItem,
  MAX_IMPORT_ROWS,
  planBranches,
  planMembers,
  totalsOf,
} from "../domain/imports";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { sha256HexOfBytes } from "../lib/crypto";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowParam } from "../lib/validate";
import { csvBody } from "../middleware/json-body";
import { type FileErrorBody, presentImport, presentImportReport } from "../presenters/imports";
import { checkImportFile, importIdParam, importQuery } from "../validation/imports";

/** The file's bytes as text: UTF-8 (a byte-order mark is dropped), else 400 `invalid_encoding`. */
async function fileText(c: Context<AppEnv>): Promise<{ text: string; fileHash: string }> {
  const bytes = await c.req.arrayBuffer();
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, fileHash: await sha256HexOfBytes(bytes) };
  } catch (error) {
    throw new ApiError(
      "invalid_encoding",
      "The file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma delimited)”",
      { cause: error },
    );
  }
}

/** Every error of a plan as the API's field errors (`lines[4].region`), for a refused commit. */
function fieldErrorsOf(items: readonly ImportItem[], fileErrors: readonly FileErrorBody[]): FieldError[] {
  return [
    ...fileErrors.map(({ line, column, code, message }) => ({ path: `lines[${line}].${column}`, code, message })),
    ...items.flatMap((item) =>
      (item.errors ?? []).map(({ column, code, message }) => ({
        path: `lines[${item.line}].${column}`,
        code,
        message,
      })),
    ),
  ];
}

/**
 * Reads, checks and plans a file against the organisation, then answers the dry run, or commits
 * a file without errors. Both kinds share it: the differences are the context and the writes.
 */
async function importFile(
  c: Context<AppEnv>,
  kind: ImportKind,
  query: { dryRun: boolean; id?: string; lang?: "en" | "zh" },
) {
  const actor = requireActor(c);
  const db = c.var.db;
  const { text, fileHash } = await fileText(c);
  const file = checkImportFile(kind, text);
  if (file.tooManyRows)
    throw new ApiError(
      "import_too_many_rows",
      `One import takes at most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows`,
      {
        extensions: { limit: MAX_IMPORT_ROWS },
      },
    );
  const fileErrors = file.fileErrors.map(({ line, error }) => ({ line, ...error }));
  const organizationId = actor.organizationId;
  const importId = query.id;

  let items: ImportItem[];
  let commit: (resume: boolean) => ReturnType<typeof commitBranchImport>;
  let context: {
    existing: Awaited<ReturnType<typeof getImport>>;
    sameFile: { id: string; finishedAt: number | null } | null;
  };
  if (kind === "branches") {
    const ctx = await readBranchImportContext(db, organizationId, { importId, fileHash });
    const plan = planBranches(file.rows as CheckedRow<never>[], ctx.branches, ctx.regionIds);
    items = plan.items;
    context = ctx;
    commit = (resume) =>
      commitBranchImport(db, {
        id: importId ?? crypto.randomUUID(),
        organizationId,
        fileHash,
        totals: totalsOf(items),
        plan,
        actor,
        head: ctx.head,
        resume,
      });
  } else {
    const emails = file.rows.map((r) => r.key).filter((k) => k !== "");
    const ctx = await readMemberImportContext(db, organizationId, { importId, fileHash, emails });
    const plan = planMembers(file.rows as CheckedRow<never>[], { ...ctx, actorUserId: actor.userId });
    items = plan.items;
    context = ctx;
    commit = (resume) =>
      commitMemberImport(db, {
        id: importId ?? crypto.randomUUID(),
        organizationId,
        fileHash,
        totals: totalsOf(items),
        plan,
        actor,
        head: ctx.head,
        resume,
      });
  }
  const totals = totalsOf(items);

  if (query.dryRun) {
    return {
      dryRun: true as const,
      report: presentImportReport({
        kind,
        fileHash,
        header: file.header,
        rows: file.rows,
        items,
        totals,
        fileErrors,
        sameFile: context.sameFile,
        locale: query.lang ?? "en",
      }),
    };
  }
  // The same id again (a double click, a retry): that import, as it stands; nothing is written
  // twice. Except the same file again under the id of an import that FAILED (a chunk or the
  // summary did not commit: the client's retry after an error): it is taken up again, and the
  // plan made now (rows written before are `unchanged`) writes the rest, once.
  const existing = context.existing;
  const resume = existing?.status === "failed" && existing.kind === kind && existing.fileHash === fileHash;
  if (existing && !resume) return { dryRun: false as const, import: presentImport(existing) };
  if (totals.errors > 0 || fileErrors.length > 0) {
    throw new ApiError(
      "import_has_errors",
      `${totals.errors + fileErrors.length} rows or headers have errors; run a dry run to see them`,
      {
        errors: fieldErrorsOf(items, fileErrors),
      },
    );
  }
  const { row } = await commit(resume).catch((error: unknown) => {
    if (!(error instanceof StaleWrite)) throw error;
    throw new ApiError(
      "conflict",
      "Someone changed a row of this file while it was imported; the rows written so far are kept: import the file again to finish",
      { cause: error },
    );
  });
  return { dryRun: false as const, import: presentImport(row) };
}

/**
 * Bulk import (docs/IMPORTS.md): `POST /imports/branches|members?dryRun=true|false` with a CSV
 * body, and `GET /imports/:id` for a commit's progress. Admins only, refused before the file is read.
 */
export const importRoutes = new Hono<AppEnv>()
  .post("/branches", permitRole("create", "import"), csvBody(), validate("query", importQuery), async (c) =>
    c.json(await importFile(c, "branches", c.req.valid("query"))),
  )
  .post("/members", permitRole("create", "import"), csvBody(), validate("query", importQuery), async (c) =>
    c.json(await importFile(c, "members", c.req.valid("query"))),
  )
  .get("/:id", permitRole("read", "import"), validateRowParam(importIdParam), async (c) => {
    const actor = requireActor(c);
    const row = await getImport(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!row) throw new ApiError("not_found");
    return c.json(presentImport(row));
  });
