import { Hono } from "hono";
import {
  createChecklist,
  deleteDraft,
  getChecklist,
  getVersion,
  listChecklists,
  publishVersion,
  saveDraft,
  setChecklistStatus,
  startDraft,
  type VersionRow,
} from "../data/checklists";
import type { Db } from "../data/db";
import type { SessionActor } from "../data/sessions";
import { checkChecklist, type DocumentProblem } from "../domain/checklist-rules";
import { decide } from "../domain/policy";
import { checkAnswers, scoreAudit } from "../domain/scoring";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { presentChecklist, presentVersion } from "../presenters";
import { DEFAULT_TEMPLATES } from "../seed/templates";
import {
  checklistDocument,
  saveDraftBody,
  scoreBody,
  startDraftBody,
  updateChecklistBody,
} from "../validation/checklists";

/** Whether the actor may see drafts at all (lists include them only then). */
const seesDrafts = (actor: SessionActor) => decide(actor, "read", { type: "checklist", draft: true }) === "allow";

/** A checklist the actor may change: 404 when they cannot see it, 403 when they may only read it. */
async function findChecklistToChange(db: Db, actor: SessionActor, id: string) {
  const row = await getChecklist(db, actor.organizationId, id, { includeDrafts: seesDrafts(actor) });
  if (!row) throw new ApiError("not_found");
  authorize(actor, "update", { type: "checklist" });
  return row;
}

function rejectProblems(problems: readonly DocumentProblem[], detail: string): void {
  if (problems.length > 0) throw new ApiError("validation_failed", detail, { errors: [...problems] });
}

/** A version the actor may read: drafts only for those who write checklists. */
async function findReadableVersion(db: Db, actor: SessionActor, id: string): Promise<VersionRow> {
  const version = await getVersion(db, actor.organizationId, id);
  if (!version) throw new ApiError("not_found");
  authorize(actor, "read", { type: "checklist", draft: version.status === "draft" });
  return version;
}

/** A version the actor may change: it must exist, be theirs to edit, and still be a draft. */
async function findEditableDraft(db: Db, actor: SessionActor, id: string): Promise<VersionRow> {
  const version = await findReadableVersion(db, actor, id);
  authorize(actor, "update", { type: "checklist", draft: version.status === "draft" });
  if (version.status !== "draft") {
    throw new ApiError("version_published", "Published versions are permanent. Start a new draft to make changes.");
  }
  return version;
}

/** The answer to a save made from an older revision than the draft's current one. */
function staleVersion(current: number): ApiError {
  return new ApiError(
    "stale_version",
    "Someone else saved this draft since you loaded it. Reload the latest version.",
    {
      extensions: { revision: current },
    },
  );
}

/** Checklists: list, create (from a document), read, archive, start a new draft. */
export const checklistRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    authorize(actor, "list", { type: "checklist" });
    const rows = await listChecklists(c.var.db, actor.organizationId, { includeDrafts: seesDrafts(actor) });
    return c.json({ items: rows.map(presentChecklist) });
  })
  .post("/", permitRole("create", "checklist"), validate("json", checklistDocument), async (c) => {
    const actor = requireActor(c);
    const doc = c.req.valid("json");
    rejectProblems(checkChecklist(doc), "The checklist breaks some rules");
    const { checklist, version } = await createChecklist(c.var.db, actor.organizationId, doc, actor.userId);
    return c.json({ checklist: presentChecklist(checklist), version: presentVersion(version) }, 201);
  })
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    authorize(actor, "read", { type: "checklist" });
    const row = await getChecklist(c.var.db, actor.organizationId, c.req.valid("param").id, {
      includeDrafts: seesDrafts(actor),
    });
    if (!row) throw new ApiError("not_found");
    return c.json(presentChecklist(row));
  })
  .patch(
    "/:id",
    permitRole("update", "checklist"),
    validate("json", updateChecklistBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const row = await findChecklistToChange(c.var.db, actor, c.req.valid("param").id);
      const updated = await setChecklistStatus(c.var.db, actor.organizationId, row.id, c.req.valid("json").status);
      if (!updated) throw new ApiError("not_found");
      return c.json(presentChecklist(updated));
    },
  )
  .post(
    "/:id/drafts",
    permitRole("update", "checklist"),
    validate("json", startDraftBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const row = await findChecklistToChange(c.var.db, actor, c.req.valid("param").id);
      const fromId = c.req.valid("json").fromVersionId ?? row.versions[0]?.id;
      const from = fromId ? await getVersion(c.var.db, actor.organizationId, fromId) : null;
      if (!from || from.checklistId !== row.id) {
        throw new ApiError("validation_failed", "No such version of this checklist", {
          errors: [{ path: "fromVersionId", code: "unknown_reference", message: "No such version of this checklist" }],
        });
      }
      const draft = await startDraft(c.var.db, actor.organizationId, row.id, from, actor.userId);
      const version = await getVersion(c.var.db, actor.organizationId, draft.versionId);
      if (!version) throw new ApiError("not_found");
      return c.json(presentVersion(version), draft.created ? 201 : 200);
    },
  );

/** The default checklists every organisation starts with, as documents to copy from. */
export const checklistTemplateRoutes = new Hono<AppEnv>().get("/", (c) => {
  const actor = requireActor(c);
  authorize(actor, "create", { type: "checklist" });
  return c.json({
    items: DEFAULT_TEMPLATES.map((document) => ({ name: document.name, channel: document.channel, document })),
  });
});

/** Versions: read the document, edit a draft, publish it, discard it, score answers against it. */
export const checklistVersionRoutes = new Hono<AppEnv>()
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    const version = await findReadableVersion(c.var.db, actor, c.req.valid("param").id);
    return c.json(presentVersion(version));
  })
  .put("/:id", permitRole("update", "checklist"), validate("json", saveDraftBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const version = await findEditableDraft(c.var.db, actor, c.req.valid("param").id);
    const { revision, document: doc } = c.req.valid("json");
    // Audits and assignments match a checklist to branches by channel: it never changes.
    if (doc.channel !== version.document.channel) {
      throw new ApiError("validation_failed", "A checklist keeps its channel across versions", {
        errors: [
          { path: "document.channel", code: "not_allowed", message: "A checklist keeps its channel across versions" },
        ],
      });
    }
    if (revision !== version.revision) throw staleVersion(version.revision);
    // A draft may be saved while it still breaks rules (work in progress); publishing may not.
    const now = Date.now();
    const saved = await saveDraft(c.var.db, actor.organizationId, version, revision, doc, now);
    if (saved === null) {
      // Changed between the read and the write: published, discarded or saved by someone else.
      const current = await findEditableDraft(c.var.db, actor, version.id);
      throw staleVersion(current.revision);
    }
    // Answered from the write: the document as validated is the document as stored.
    return c.json(presentVersion({ ...version, document: doc, updatedAt: now, revision: saved }));
  })
  .post("/:id/publish", permitRole("update", "checklist"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const version = await findEditableDraft(c.var.db, actor, c.req.valid("param").id);
    rejectProblems(checkChecklist(version.document), "Fix these problems before publishing");
    await publishVersion(c.var.db, actor.organizationId, version, actor, Date.now());
    const published = await getVersion(c.var.db, actor.organizationId, version.id);
    if (!published) throw new ApiError("not_found");
    return c.json(presentVersion(published));
  })
  .delete("/:id", permitRole("update", "checklist"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const version = await findEditableDraft(c.var.db, actor, c.req.valid("param").id);
    await deleteDraft(c.var.db, actor.organizationId, version);
    return c.body(null, 204);
  })
  .post("/:id/score", validate("json", scoreBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const version = await findReadableVersion(c.var.db, actor, c.req.valid("param").id);
    const { answers } = c.req.valid("json");
    const problems = checkAnswers(version.document, answers);
    if (problems.length > 0)
      throw new ApiError("validation_failed", "Some answers are not valid", { errors: problems });
    return c.json(scoreAudit(version.document, answers));
  });
