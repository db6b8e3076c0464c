/**
 * Bulk imports (docs/IMPORTS.md): what a plan is compared with (one read batch each), and the
 * commit: the `imports` row first (its id is the client's, so a second request with it answers
 * the first's row), then the rows in chunks of `CHUNK_ROWS`, each chunk ONE D1 batch with its
 * rows' events, the roll-ups of the regions its branches moved between (rebuilt) and the
 * import's progress (`done`), chained with `commitChained`; then a last batch with
 * `import.committed` and `finished`. Every batch leaves the roll-ups equal to a rebuild.
 *
 * Every chunk's UPDATE repeats the version each row was read at; the chunk's first event only
 * fits when the UPDATE changed every one of its rows (`changes() = n`), so a row someone edited
 * meanwhile fails its chunk whole (`StaleWrite`): earlier chunks stay, and running the same file
 * again finishes the job (it is matched by code or email, so done rows are `unchanged`); so
 * does the client's retry of the same file under the same id (`resumeImport`).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  branches,
  imports,
  invitations,
  membershipBranches,
  membershipRegions,
  memberships,
  regions,
  users,
} from "../../schema";
import type { ImportKind } from "../../schema/enums";
import type {
  BranchPlan,
  BranchValues,
  ExistingBranch,
  ExistingMember,
  ImportTotals,
  MemberPlan,
  OpeningHours,
} from "../domain/imports";
import { INVITATION_TTL_MS } from "../domain/memberships";
import { type ChainHead, chainEvents, type EventDraft } from "../domain/trail";
import { fieldChanges } from "./changes";
import { chunk, type Db, inJsonList, isUniqueViolation, jsonInsertStatements, parseJsonColumn } from "./db";
import {
  appendEventStatements,
  appendEventStatementsInBulk,
  chainHeadOf,
  chainHeadQuery,
  commitChained,
} from "./events";
import { regionRollupRebuildStatements } from "./rollups";
import { memberName } from "./users";

/** A member of the JSON row `u` of an `update … from json_each(?) as u` (bulk updates bind one parameter). */
const field = (name: string) => sql.raw(`(u.value ->> '$.${name}')`) as ReturnType<typeof sql<never>>;

/** Rows per write batch: progress moves this often; a batch stays far below D1's limits. */
export const CHUNK_ROWS = 500;

export type ImportRow = typeof imports.$inferSelect;
type Actor = { userId: string; role: string };

function importById(db: Db, organizationId: string, id: string) {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, id)))
    .limit(1);
}

/** The last finished import of the same file (same kind and SHA-256), to say so in a dry run. */
function sameFileQuery(db: Db, organizationId: string, kind: ImportKind, fileHash: string) {
  return db
    .select({ id: imports.id, finishedAt: imports.finishedAt })
    .from(imports)
    .where(
      and(
        eq(imports.organizationId, organizationId),
        eq(imports.kind, kind),
        eq(imports.fileHash, fileHash),
        eq(imports.status, "finished"),
      ),
    )
    .orderBy(desc(imports.createdAt))
    .limit(1);
}

/** One import of the organisation (its progress), or null. */
export async function getImport(db: Db, organizationId: string, id: string): Promise<ImportRow | null> {
  return (await importById(db, organizationId, id))[0] ?? null;
}

export interface ImportContextBase {
  head: ChainHead | null;
  /** The import the client's id names, when it was committed already. */
  existing: ImportRow | null;
  sameFile: { id: string; finishedAt: number | null } | null;
  regionIds: Map<string, string>;
}

/**
 * What a branch import is compared with, in one round trip: the organisation's regions and
 * branches (by code), the chain head, the import named by `importId` and the last import of the same file.
 */
export async function readBranchImportContext(
  db: Db,
  organizationId: string,
  options: { importId?: string; fileHash: string },
): Promise<ImportContextBase & { branches: Map<string, ExistingBranch> }> {
  const [regionRows, branchRows, head, existing, sameFile] = await db.batch([
    db.select({ id: regions.id, code: regions.code }).from(regions).where(eq(regions.organizationId, organizationId)),
    db
      .select({
        id: branches.id,
        code: branches.code,
        nameEn: branches.nameEn,
        nameZh: branches.nameZh,
        regionId: branches.regionId,
        regionCode: sql<string>`${regions.code}`.as("region_code"),
        channel: branches.channel,
        address: branches.address,
        phone: branches.phone,
        timezone: branches.timezone,
        city: branches.city,
        latitude: branches.latitude,
        longitude: branches.longitude,
        openingHours: branches.openingHours,
        version: branches.version,
      })
      .from(branches)
      .innerJoin(regions, eq(regions.id, branches.regionId))
      .where(eq(branches.organizationId, organizationId)),
    chainHeadQuery(db, organizationId),
    importById(db, organizationId, options.importId ?? ""),
    sameFileQuery(db, organizationId, "branches", options.fileHash),
  ]);
  return {
    head: chainHeadOf(head),
    existing: existing[0] ?? null,
    sameFile: sameFile[0] ?? null,
    regionIds: new Map(regionRows.map((r) => [r.code, r.id])),
    branches: new Map(
      branchRows.map((b) => [
        b.code,
        { ...b, openingHours: b.openingHours === null ? null : parseJsonColumn<OpeningHours>(b.openingHours) },
      ]),
    ),
  };
}

/**
 * What a member import is compared with, in one round trip: regions and branches by code, the
 * organisation's members by email with their scope as codes, which of the file's emails have an
 * account, the chain head, the import named by `importId` and the last import of the same file.
 */
export async function readMemberImportContext(
  db: Db,
  organizationId: string,
  options: { importId?: string; fileHash: string; emails: readonly string[] },
): Promise<
  ImportContextBase & {
    branchIds: Map<string, string>;
    members: Map<string, ExistingMember>;
    accounts: Set<string>;
  }
> {
  const [regionRows, branchRows, memberRows, regionScope, branchScope, accountRows, head, existing, sameFile] =
    await db.batch([
      db.select({ id: regions.id, code: regions.code }).from(regions).where(eq(regions.organizationId, organizationId)),
      db
        .select({ id: branches.id, code: branches.code })
        .from(branches)
        .where(eq(branches.organizationId, organizationId)),
      db
        .select({
          membershipId: sql<string>`${memberships.id}`.as("membership_id"),
          userId: memberships.userId,
          email: users.email,
          name: memberName.as("member_name"),
          role: memberships.role,
          version: memberships.version,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organizationId, organizationId)),
      db
        .select({ membershipId: membershipRegions.membershipId, code: regions.code })
        .from(membershipRegions)
        .innerJoin(memberships, eq(memberships.id, membershipRegions.membershipId))
        .innerJoin(regions, eq(regions.id, membershipRegions.regionId))
        .where(eq(memberships.organizationId, organizationId)),
      db
        .select({ membershipId: membershipBranches.membershipId, code: branches.code })
        .from(membershipBranches)
        .innerJoin(memberships, eq(memberships.id, membershipBranches.membershipId))
        .innerJoin(branches, eq(branches.id, membershipBranches.branchId))
        .where(eq(memberships.organizationId, organizationId)),
      db.select({ email: users.email }).from(users).where(inJsonList(users.email, options.emails)),
      chainHeadQuery(db, organizationId),
      importById(db, organizationId, options.importId ?? ""),
      sameFileQuery(db, organizationId, "members", options.fileHash),
    ]);
  const codes = (rows: ReadonlyArray<{ membershipId: string; code: string }>) => {
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.membershipId, [...(map.get(r.membershipId) ?? []), r.code]);
    return map;
  };
  const regionCodes = codes(regionScope);
  const branchCodes = codes(branchScope);
  return {
    head: chainHeadOf(head),
    existing: existing[0] ?? null,
    sameFile: sameFile[0] ?? null,
    regionIds: new Map(regionRows.map((r) => [r.code, r.id])),
    branchIds: new Map(branchRows.map((r) => [r.code, r.id])),
    members: new Map(
      memberRows.map((m) => [
        m.email,
        {
          ...m,
          regionCodes: regionCodes.get(m.membershipId) ?? [],
          branchCodes: branchCodes.get(m.membershipId) ?? [],
        },
      ]),
    ),
    accounts: new Set(accountRows.map((a) => a.email)),
  };
}

/** One write batch of an import: its statements (the guarded UPDATE last), its events, its row count. */
interface Chunk {
  inserts: BatchItem<"sqlite">[];
  /** An UPDATE of `updated` rows, each guarded by the version it was read at. */
  update: BatchItem<"sqlite"> | null;
  updated: number;
  /** Statements after the UPDATE (scope rows of changed members). */
  after: BatchItem<"sqlite">[];
  drafts: EventDraft[];
  rows: number;
}

/**
 * Creates the import's row (running) and answers it; when the client's id is taken already (a
 * double click, a retry), answers the row that has it instead, and `created` is false.
 */
async function startImport(
  db: Db,
  input: {
    id: string;
    organizationId: string;
    kind: ImportKind;
    fileHash: string;
    totals: ImportTotals;
    actor: Actor;
    now: number;
  },
): Promise<{ row: ImportRow; created: boolean }> {
  try {
    const [row] = await db
      .insert(imports)
      .values({
        id: input.id,
        organizationId: input.organizationId,
        kind: input.kind,
        status: "running",
        fileHash: input.fileHash,
        rows: input.totals.rows,
        done: 0,
        summary: { add: input.totals.add, update: input.totals.update, unchanged: input.totals.unchanged },
        createdBy: input.actor.userId,
        createdAt: input.now,
      })
      .returning();
    if (!row) throw new Error("import not written");
    return { row, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await getImport(db, input.organizationId, input.id);
    // The id is another organisation's: as good as taken by nobody we can show.
    if (!row) throw error;
    return { row, created: false };
  }
}

/**
 * Takes a failed import up again under its id (the client's retry of the same file): back to
 * `running`, its planned counts (`rows`, `summary`) and its progress (`done`) kept, so the plan
 * made now (rows written before are `unchanged`) writes only the rest. The UPDATE is guarded by
 * `failed`: of two retries at once, one resumes and the other answers the row as it stands.
 */
async function resumeImport(db: Db, organizationId: string, id: string): Promise<{ row: ImportRow; created: boolean }> {
  const [row] = await db
    .update(imports)
    .set({ status: "running", finishedAt: null })
    .where(and(eq(imports.organizationId, organizationId), eq(imports.id, id), eq(imports.status, "failed")))
    .returning();
  if (row) return { row, created: true };
  const current = await getImport(db, organizationId, id);
  if (!current) throw new Error("import row gone");
  return { row: current, created: false };
}

/** The import's row: a new one, or (`resume`) the failed one of the same id taken up again. */
function beginImport(
  db: Db,
  input: Parameters<typeof startImport>[1] & { resume?: boolean },
): Promise<{ row: ImportRow; created: boolean }> {
  return input.resume ? resumeImport(db, input.organizationId, input.id) : startImport(db, input);
}

/**
 * Writes the chunks, then the summary: each chunk one batch (retried with a fresh head when
 * another request took the chain's next seq). Marks the import failed when a chunk fails.
 */
async function runImport(
  db: Db,
  input: {
    row: ImportRow;
    actor: Actor;
    head: ChainHead | null;
    chunks: readonly Chunk[];
    now: number;
  },
): Promise<ImportRow> {
  const { row, actor } = input;
  const organizationId = row.organizationId;
  let head = input.head;
  const context = { organizationId, at: input.now, actor };
  const commit = (statements: BatchItem<"sqlite">[]) => db.batch(statements as [BatchItem<"sqlite">]);
  try {
    for (const part of input.chunks) {
      head = await commitChained(async (tries) => {
        const current = tries === 1 ? head : chainHeadOf(await chainHeadQuery(db, organizationId));
        const chained = await chainEvents(current, part.drafts, context);
        const [first, ...rest] = chained;
        if (!first) throw new Error("a chunk without events");
        const statements: BatchItem<"sqlite">[] = [...part.inserts];
        if (part.update) {
          // The first event fits only when the UPDATE just before it changed all its rows.
          statements.push(
            part.update,
            ...appendEventStatements(db, [first], { guarded: true, changedRows: part.updated }),
          );
        } else {
          statements.push(...appendEventStatementsInBulk(db, [first]));
        }
        statements.push(
          ...part.after,
          ...appendEventStatementsInBulk(db, rest),
          db
            .update(imports)
            .set({ done: sql`${imports.done} + ${part.rows}` })
            .where(eq(imports.id, row.id)),
        );
        await commit(statements);
        const last = chained.at(-1) ?? first;
        return { seq: last.seq, hash: last.hash };
      });
    }
    const summary = row.summary;
    const written = (summary.add ?? 0) + (summary.update ?? 0);
    const [finished] = await commitChained(async (tries) => {
      const current = tries === 1 ? head : chainHeadOf(await chainHeadQuery(db, organizationId));
      const chained = await chainEvents(
        current,
        [
          {
            type: "import.committed",
            subject: { type: "import", id: row.id },
            payload: { kind: row.kind, fileHash: row.fileHash, rows: row.rows, ...summary },
          },
        ],
        context,
      );
      const results = await commit([
        ...appendEventStatementsInBulk(db, chained),
        db
          .update(imports)
          .set({ status: "finished", done: written, finishedAt: Date.now() })
          .where(eq(imports.id, row.id))
          .returning(),
      ]);
      return results.at(-1) as ImportRow[];
    });
    if (!finished) throw new Error("import row gone");
    return finished;
  } catch (error) {
    await db
      .update(imports)
      .set({ status: "failed", finishedAt: Date.now() })
      .where(eq(imports.id, row.id))
      .catch(() => undefined);
    throw error;
  }
}

/** The branch columns an event names, as `createBranch` and `updateBranch` write them. */
function branchFields(v: BranchValues) {
  return {
    code: v.code,
    nameEn: v.nameEn,
    nameZh: v.nameZh,
    regionId: v.regionId,
    channel: v.channel,
    address: v.address,
    phone: v.phone,
    timezone: v.timezone,
    city: v.city,
    latitude: v.latitude,
    longitude: v.longitude,
    openingHours: v.openingHours,
  };
}

/** The regions that updates move branches between (both ends). */
function movedRegions(updates: BranchPlan["updates"]): Set<string> {
  const moved = new Set<string>();
  for (const u of updates) {
    if (u.existing.regionId !== u.values.regionId) moved.add(u.existing.regionId).add(u.values.regionId);
  }
  return moved;
}

/**
 * Commits a branch plan without errors (see the file's comment): new branches and changed ones,
 * a `branch.created` or `branch.changed` event per row, and the roll-ups of the regions that
 * branches moved between (rebuilt in the chunk that moves them).
 */
export async function commitBranchImport(
  db: Db,
  input: {
    id: string;
    organizationId: string;
    fileHash: string;
    totals: ImportTotals;
    plan: BranchPlan;
    actor: Actor;
    head: ChainHead | null;
    /** Take up the failed import of this id (same file) again: see `resumeImport`. */
    resume?: boolean;
  },
): Promise<{ row: ImportRow; created: boolean }> {
  const now = Date.now();
  const { organizationId, plan } = input;
  const started = await beginImport(db, { ...input, kind: "branches", now });
  if (!started.created) return started;

  const work = [
    ...plan.adds.map((a) => ({ kind: "add" as const, ...a })),
    ...plan.updates.map((u) => ({ kind: "update" as const, ...u })),
  ];
  const chunks: Chunk[] = chunk(work, CHUNK_ROWS).map((part) => {
    const adds = part.flatMap((w) => (w.kind === "add" ? [{ id: crypto.randomUUID(), values: w.values }] : []));
    const updates = part.flatMap((w) => (w.kind === "update" ? [w] : []));
    const drafts: EventDraft[] = [
      ...updates.map(
        (u): EventDraft => ({
          type: "branch.changed",
          subject: { type: "branch", id: u.existing.id },
          payload: { changes: fieldChanges(branchFields(u.existing), branchFields(u.values)), importId: input.id },
        }),
      ),
      ...adds.map(
        (a): EventDraft => ({
          type: "branch.created",
          subject: { type: "branch", id: a.id },
          payload: { ...branchFields(a.values), active: true, importId: input.id },
        }),
      ),
    ];
    const payload = JSON.stringify(
      updates.map((u) => ({ id: u.existing.id, version: u.existing.version, ...u.values })),
    );
    return {
      inserts: jsonInsertStatements(
        db,
        branches,
        adds.map((a) => ({
          id: a.id,
          organizationId,
          ...a.values,
          active: true,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })),
      ),
      update: updates.length
        ? db
            .update(branches)
            .set({
              nameEn: field("nameEn"),
              nameZh: field("nameZh"),
              regionId: field("regionId"),
              channel: field("channel"),
              address: field("address"),
              phone: field("phone"),
              timezone: field("timezone"),
              city: field("city"),
              latitude: field("latitude"),
              longitude: field("longitude"),
              openingHours: field("openingHours"),
              updatedAt: now,
              version: sql`${branches.version} + 1`,
            })
            .from(sql`json_each(${payload}) as u`)
            .where(
              and(
                eq(branches.organizationId, organizationId),
                eq(branches.id, field("id")),
                eq(branches.version, field("version")),
              ),
            )
        : null,
      updated: updates.length,
      // The regions this chunk moves branches between get their roll-ups rebuilt in the SAME
      // batch: a later chunk (or the summary) that fails leaves no region counting a branch it lost.
      after: regionRollupRebuildStatements(db, organizationId, [...movedRegions(updates)]),
      drafts,
      rows: part.length,
    };
  });
  const row = await runImport(db, {
    row: started.row,
    actor: input.actor,
    head: input.head,
    chunks,
    now,
  });
  return { row, created: true };
}

/** 64 random hex digits: an invitation's token hash whose token nobody holds (a link is sent later). */
function unusableTokenHash(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Commits a member plan without errors (see the file's comment). A new member is invited: an
 * account for a new email (its first profile: the file's name and language), an `invited`
 * membership labelled with the name, its scope, and an invitation in the file's language whose
 * link nobody holds yet (an admin sends one from the member's page: links are counted there).
 * An existing member gets the file's label, role and scope; their profile is never touched.
 */
export async function commitMemberImport(
  db: Db,
  input: {
    id: string;
    organizationId: string;
    fileHash: string;
    totals: ImportTotals;
    plan: MemberPlan;
    actor: Actor;
    head: ChainHead | null;
    /** Take up the failed import of this id (same file) again: see `resumeImport`. */
    resume?: boolean;
  },
): Promise<{ row: ImportRow; created: boolean }> {
  const now = Date.now();
  const { organizationId, plan, actor } = input;
  const started = await beginImport(db, { ...input, kind: "members", now });
  if (!started.created) return started;

  const work = [
    ...plan.adds.map((a) => ({ kind: "add" as const, ...a })),
    ...plan.updates.map((u) => ({ kind: "update" as const, ...u })),
  ];
  const chunks: Chunk[] = chunk(work, CHUNK_ROWS).map((part) => {
    const adds = part.flatMap((w) =>
      w.kind === "add"
        ? [{ ...w, userId: w.userExists ? null : crypto.randomUUID(), membershipId: crypto.randomUUID() }]
        : [],
    );
    const updates = part.flatMap((w) => (w.kind === "update" ? [w] : []));
    const rescoped = updates.filter((u) => u.scopeChanged);
    const scopeRows = (
      list: ReadonlyArray<{ membershipId: string; values: { regionIds: string[]; branchIds: string[] } }>,
    ) => [
      ...jsonInsertStatements(
        db,
        membershipRegions,
        list.flatMap((m) => m.values.regionIds.map((regionId) => ({ membershipId: m.membershipId, regionId }))),
      ),
      ...jsonInsertStatements(
        db,
        membershipBranches,
        list.flatMap((m) => m.values.branchIds.map((branchId) => ({ membershipId: m.membershipId, branchId }))),
      ),
    ];
    const newUsers = adds.flatMap((a) =>
      a.userId
        ? [
            {
              id: a.userId,
              email: a.values.email,
              displayName: a.values.name,
              locale: a.values.locale,
              passwordHash: null,
              createdAt: now,
              updatedAt: now,
            },
          ]
        : [],
    );
    // An account the email already has: its id is read in the INSERT itself (by email).
    const existingAccounts = adds.filter((a) => !a.userId);
    const membershipRows = adds
      .filter((a) => a.userId)
      .map((a) => ({
        id: a.membershipId,
        userId: a.userId as string,
        organizationId,
        role: a.values.role,
        status: "invited" as const,
        displayLabel: a.values.name,
        acceptedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      }));
    const joining = JSON.stringify(
      existingAccounts.map((a) => ({
        id: a.membershipId,
        email: a.values.email,
        role: a.values.role,
        label: a.values.name,
      })),
    );
    const inserts: BatchItem<"sqlite">[] = [
      ...jsonInsertStatements(db, users, newUsers),
      ...jsonInsertStatements(db, memberships, membershipRows),
      ...(existingAccounts.length
        ? [
            db.insert(memberships).select(
              sql`select m.value ->> '$.id', u.id, ${organizationId}, m.value ->> '$.role', 'invited', m.value ->> '$.label', null, ${now}, ${now}, 1
                from json_each(${joining}) m join ${users} u on u.email = m.value ->> '$.email'`,
            ),
          ]
        : []),
      ...scopeRows(adds.map((a) => ({ membershipId: a.membershipId, values: a.values }))),
      ...jsonInsertStatements(
        db,
        invitations,
        adds.map((a) => ({
          id: crypto.randomUUID(),
          tokenHash: unusableTokenHash(),
          membershipId: a.membershipId,
          organizationId,
          createdBy: actor.userId,
          locale: a.values.locale,
          createdAt: now,
          expiresAt: now + INVITATION_TTL_MS,
          acceptedAt: null,
        })),
      ),
    ];
    const payload = JSON.stringify(
      updates.map((u) => ({
        id: u.existing.membershipId,
        version: u.existing.version,
        label: u.values.name,
        role: u.values.role,
      })),
    );
    const rescopedIds = rescoped.map((u) => u.existing.membershipId);
    const drafts: EventDraft[] = [
      ...updates.map(
        (u): EventDraft => ({
          type: "membership.changed",
          subject: { type: "membership", id: u.existing.membershipId },
          payload: {
            changes: Object.fromEntries(
              Object.entries(u.changes).map(([column, change]) => [
                { name: "label", regions: "regionCodes", branches: "branchCodes" }[column] ?? column,
                change,
              ]),
            ),
            importId: input.id,
          },
        }),
      ),
      ...adds.map(
        (a): EventDraft => ({
          type: "membership.invited",
          subject: { type: "membership", id: a.membershipId },
          payload: {
            email: a.values.email,
            label: a.values.name,
            role: a.values.role,
            regionIds: a.values.regionIds,
            branchIds: a.values.branchIds,
            locale: a.values.locale,
            importId: input.id,
          },
        }),
      ),
    ];
    return {
      inserts,
      update: updates.length
        ? db
            .update(memberships)
            .set({
              displayLabel: field("label"),
              role: field("role"),
              updatedAt: now,
              version: sql`${memberships.version} + 1`,
            })
            .from(sql`json_each(${payload}) as u`)
            .where(
              and(
                eq(memberships.organizationId, organizationId),
                eq(memberships.id, field("id")),
                eq(memberships.version, field("version")),
              ),
            )
        : null,
      updated: updates.length,
      after: rescoped.length
        ? [
            db.delete(membershipRegions).where(inJsonList(membershipRegions.membershipId, rescopedIds)),
            db.delete(membershipBranches).where(inJsonList(membershipBranches.membershipId, rescopedIds)),
            ...scopeRows(rescoped.map((u) => ({ membershipId: u.existing.membershipId, values: u.values }))),
          ]
        : [],
      drafts,
      rows: part.length,
    };
  });
  const row = await runImport(db, { row: started.row, actor, head: input.head, chunks, now });
  return { row, created: true };
}

/** The organisation's imports, newest first (the page lists the last few). */
export function listImportsQuery(db: Db, organizationId: string, limit: number) {
  return db
    .select()
    .from(imports)
    .where(eq(imports.organizationId, organizationId))
    .orderBy(desc(imports.createdAt), asc(imports.id))
    .limit(limit);
}
