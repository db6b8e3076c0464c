import { and, asc, desc, eq, exists, max, sql } from "drizzle-orm";
import { checklists, checklistVersions } from "../../schema";
import type { ChecklistStatus } from "../../schema/enums";
import type { ChecklistDocument } from "../domain/checklists";
import { ApiError } from "../lib/errors";
import { recordChange } from "./changes";
import { type Db, isUniqueViolation, parseJsonColumn } from "./db";
import { StaleWrite } from "./events";

export type ChecklistRow = typeof checklists.$inferSelect;
export type VersionRow = typeof checklistVersions.$inferSelect;
/** A version without its document: what lists show. */
export type VersionSummary = Omit<VersionRow, "document">;

const summaryColumns = {
  id: checklistVersions.id,
  checklistId: checklistVersions.checklistId,
  organizationId: checklistVersions.organizationId,
  number: checklistVersions.number,
  status: checklistVersions.status,
  createdBy: checklistVersions.createdBy,
  createdAt: checklistVersions.createdAt,
  updatedAt: checklistVersions.updatedAt,
  publishedAt: checklistVersions.publishedAt,
  publishedBy: checklistVersions.publishedBy,
  revision: checklistVersions.revision,
};

/** Checklists of an organisation with their versions (newest first), documents left out. */
export async function listChecklists(
  db: Db,
  organizationId: string,
  options: { includeDrafts: boolean },
): Promise<Array<ChecklistRow & { versions: VersionSummary[] }>> {
  const [rows, versions] = await db.batch([
    db.select().from(checklists).where(eq(checklists.organizationId, organizationId)).orderBy(asc(checklists.nameEn)),
    db
      .select(summaryColumns)
      .from(checklistVersions)
      .where(
        and(
          eq(checklistVersions.organizationId, organizationId),
          options.includeDrafts ? undefined : eq(checklistVersions.status, "published"),
        ),
      )
      .orderBy(desc(checklistVersions.number)),
  ]);
  return rows
    .map((row) => ({ ...row, versions: versions.filter((v) => v.checklistId === row.id) }))
    .filter((row) => row.versions.length > 0);
}

export type ChecklistWithVersions = ChecklistRow & { versions: VersionSummary[] };

/** A checklist's versions, newest first (one statement, for a batch). */
function selectVersionSummaries(db: Db, organizationId: string, checklistId: string, includeDrafts: boolean) {
  return db
    .select(summaryColumns)
    .from(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.checklistId, checklistId),
        includeDrafts ? undefined : eq(checklistVersions.status, "published"),
      ),
    )
    .orderBy(desc(checklistVersions.number));
}

/** A checklist row and its versions as one checklist; null when either is missing (not visible). */
function withVersions(rows: readonly ChecklistRow[], versions: VersionSummary[]): ChecklistWithVersions | null {
  const row = rows[0];
  if (!row || versions.length === 0) return null;
  return { ...row, versions };
}

/** One checklist of the organisation with its versions, or null. */
export async function getChecklist(
  db: Db,
  organizationId: string,
  id: string,
  options: { includeDrafts: boolean },
): Promise<ChecklistWithVersions | null> {
  const [rows, versions] = await db.batch([
    db
      .select()
      .from(checklists)
      .where(and(eq(checklists.organizationId, organizationId), eq(checklists.id, id))),
    selectVersionSummaries(db, organizationId, id, options.includeDrafts),
  ]);
  return withVersions(rows, versions);
}

/** One version of the organisation with its document (one statement, for a batch). */
export function selectVersion(db: Db, organizationId: string, id: string) {
  return db
    .select()
    .from(checklistVersions)
    .where(and(eq(checklistVersions.organizationId, organizationId), eq(checklistVersions.id, id)))
    .limit(1);
}

/** One version of the organisation with its document, or null. */
export async function getVersion(db: Db, organizationId: string, id: string): Promise<VersionRow | null> {
  const rows = await selectVersion(db, organizationId, id);
  return rows[0] ?? null;
}

/** The statements that create a checklist with its first version (draft or published). */
function newChecklistStatements(
  db: Db,
  organizationId: string,
  doc: ChecklistDocument,
  options: { userId: string | null; publish: boolean; now: number },
) {
  const checklistId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const statements = [
    db.insert(checklists).values({
      id: checklistId,
      organizationId,
      nameEn: doc.name.en,
      nameZh: doc.name.zh,
      channel: doc.channel,
      createdBy: options.userId,
    }),
    db.insert(checklistVersions).values({
      id: versionId,
      checklistId,
      organizationId,
      number: 1,
      status: options.publish ? "published" : "draft",
      document: doc,
      createdBy: options.userId,
      publishedAt: options.publish ? options.now : null,
      publishedBy: options.publish ? options.userId : null,
    }),
  ] as const;
  return { checklistId, versionId, statements };
}

/** Creates a checklist whose first version is a draft; answers with both rows as written. */
export async function createChecklist(
  db: Db,
  organizationId: string,
  doc: ChecklistDocument,
  userId: string,
): Promise<{ checklist: ChecklistWithVersions; version: VersionRow }> {
  const created = newChecklistStatements(db, organizationId, doc, { userId, publish: false, now: Date.now() });
  const [checklistRows, versionRows] = await db.batch([
    created.statements[0].returning(),
    created.statements[1].returning(),
  ]);
  const written = versionRows[0];
  if (!written) throw new Error("checklist version not written");
  // Inside a batch a JSON column comes back as text.
  const version = { ...written, document: parseJsonColumn<ChecklistDocument>(written.document) };
  const { document: _, ...summary } = version;
  const checklist = withVersions(checklistRows, [summary]);
  if (!checklist) throw new Error("checklist not written");
  return { checklist, version };
}

/** Statements that give an organisation ready-to-use published checklists (the default templates). */
export function seedChecklistStatements(
  db: Db,
  organizationId: string,
  docs: readonly ChecklistDocument[],
  now: number,
) {
  return docs.flatMap(
    (doc) => newChecklistStatements(db, organizationId, doc, { userId: null, publish: true, now }).statements,
  );
}

function frozen(): ApiError {
  return new ApiError("version_published", "Published versions are permanent. Start a new draft to make changes.");
}

/**
 * Replaces a draft's document (and the checklist's displayed name) if it is still the draft at
 * `revision`, and moves it to the next revision. The status and the revision are checked in the
 * UPDATE itself, so a save racing a publish or another save changes nothing; the checklist's
 * name changes only under the same condition. Answers the new revision, or null when the
 * draft was not changed (published, discarded, or saved by someone else meanwhile).
 */
export async function saveDraft(
  db: Db,
  organizationId: string,
  version: VersionRow,
  revision: number,
  doc: ChecklistDocument,
  now: number,
): Promise<number | null> {
  const isCurrentDraft = and(
    eq(checklistVersions.organizationId, organizationId),
    eq(checklistVersions.id, version.id),
    eq(checklistVersions.status, "draft"),
    eq(checklistVersions.revision, revision),
  );
  // The name first, while the version still has the revision the save was made from.
  const [, updated] = await db.batch([
    db
      .update(checklists)
      .set({ nameEn: doc.name.en, nameZh: doc.name.zh, updatedAt: now })
      .where(
        and(
          eq(checklists.id, version.checklistId),
          eq(checklists.organizationId, organizationId),
          exists(db.select({ id: checklistVersions.id }).from(checklistVersions).where(isCurrentDraft)),
        ),
      ),
    db
      .update(checklistVersions)
      .set({ document: doc, updatedAt: now, revision: sql`${checklistVersions.revision} + 1` })
      .where(isCurrentDraft)
      .returning({ revision: checklistVersions.revision }),
  ]);
  return updated[0]?.revision ?? null;
}

/**
 * Publishes a draft with its `checklist.published` event, in one batch. The UPDATE only
 * applies to a draft and the event only fits after it: a version published or discarded
 * meanwhile writes nothing and is 409 `version_published`.
 */
export async function publishVersion(
  db: Db,
  organizationId: string,
  version: { id: string; checklistId: string; number: number },
  actor: { userId: string; role: string },
  now: number,
): Promise<void> {
  try {
    await recordChange(db, {
      organizationId,
      actor,
      at: now,
      drafts: [
        {
          type: "checklist.published",
          subject: { type: "checklist", id: version.checklistId },
          payload: { versionId: version.id, number: version.number },
        },
      ],
      change: [
        db
          .update(checklistVersions)
          .set({ status: "published", publishedAt: now, publishedBy: actor.userId, updatedAt: now })
          .where(
            and(
              eq(checklistVersions.organizationId, organizationId),
              eq(checklistVersions.id, version.id),
              eq(checklistVersions.status, "draft"),
            ),
          ),
      ],
      guarded: true,
    });
  } catch (error) {
    if (error instanceof StaleWrite) throw frozen();
    throw error;
  }
}

/**
 * The checklist's draft: the existing one, or a new version copied from `from` (by default
 * the newest version). Two admins starting at once get the same draft (one-draft index).
 */
export async function startDraft(
  db: Db,
  organizationId: string,
  checklistId: string,
  from: VersionRow,
  userId: string,
): Promise<{ versionId: string; created: boolean }> {
  const existing = await findDraft(db, organizationId, checklistId);
  if (existing) return { versionId: existing, created: false };
  const [top] = await db
    .select({ n: max(checklistVersions.number) })
    .from(checklistVersions)
    .where(eq(checklistVersions.checklistId, checklistId));
  const versionId = crypto.randomUUID();
  try {
    await db.insert(checklistVersions).values({
      id: versionId,
      checklistId,
      organizationId,
      number: (top?.n ?? 0) + 1,
      status: "draft",
      document: from.document,
      createdBy: userId,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findDraft(db, organizationId, checklistId);
    if (!raced) throw error;
    return { versionId: raced, created: false };
  }
  return { versionId, created: true };
}

async function findDraft(db: Db, organizationId: string, checklistId: string): Promise<string | null> {
  const rows = await db
    .select({ id: checklistVersions.id })
    .from(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.checklistId, checklistId),
        eq(checklistVersions.status, "draft"),
      ),
    );
  return rows[0]?.id ?? null;
}

/**
 * Discards a draft. Published versions are never deleted: audits point at them. A checklist
 * whose only version was this draft goes with it.
 */
export async function deleteDraft(db: Db, organizationId: string, version: VersionRow): Promise<void> {
  const deleted = await db
    .delete(checklistVersions)
    .where(
      and(
        eq(checklistVersions.organizationId, organizationId),
        eq(checklistVersions.id, version.id),
        eq(checklistVersions.status, "draft"),
      ),
    )
    .returning({ id: checklistVersions.id });
  if (deleted.length === 0) throw frozen();
  const left = await db
    .select({ id: checklistVersions.id })
    .from(checklistVersions)
    .where(eq(checklistVersions.checklistId, version.checklistId))
    .limit(1);
  if (left.length === 0) {
    await db
      .delete(checklists)
      .where(and(eq(checklists.id, version.checklistId), eq(checklists.organizationId, organizationId)));
  }
}

export async function setChecklistStatus(
  db: Db,
  organizationId: string,
  id: string,
  status: ChecklistStatus,
): Promise<ChecklistWithVersions | null> {
  const [rows, versions] = await db.batch([
    db
      .update(checklists)
      .set({ status, updatedAt: Date.now() })
      .where(and(eq(checklists.organizationId, organizationId), eq(checklists.id, id)))
      .returning(),
    selectVersionSummaries(db, organizationId, id, true),
  ]);
  return withVersions(rows, versions);
}
