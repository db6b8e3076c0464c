/**
 * The forbidden-phrase list and the transcript check (docs/COMPLAINTS.md, "Forbidden phrases").
 * Admins keep the list; head office and managers read it; whoever audits a call or handles a
 * complaint checks a transcript against the active phrases (nothing of the transcript is stored).
 */
import { Hono } from "hono";
import { orStale, staleVersion } from "../data/changes";
import { selectVersion } from "../data/checklists";
import { createPhrase, getPhraseForChange, listPhrases, updatePhrase } from "../data/phrases";
import { findPhrases, suggestItems } from "../domain/phrases";
import { decide } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, fieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { presentPhrase } from "../presenters/phrases";
import { checkTranscriptBody, createPhraseBody, emptyPattern, updatePhraseBody } from "../validation/phrases";

const EMPTY_PATTERN = "The pattern needs words, not only punctuation";

export const phraseListRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "phrase"), async (c) => {
    const actor = requireActor(c);
    const rows = await listPhrases(c.var.db, actor.organizationId);
    return c.json({ phrases: rows.map(presentPhrase) });
  })
  .post("/", permitRole("create", "phrase"), validate("json", createPhraseBody), async (c) => {
    const actor = requireActor(c);
    const { itemKey, ...input } = c.req.valid("json");
    const row = await createPhrase(c.var.db, actor.organizationId, { ...input, itemKey: itemKey ?? null }, actor);
    return c.json({ phrase: presentPhrase(row) }, 201);
  })
  .patch("/:id", permitRole("update", "phrase"), validate("json", updatePhraseBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { phrase: existing, head } = await getPhraseForChange(db, actor.organizationId, c.req.valid("param").id);
    if (!existing) throw new ApiError("not_found");
    authorize(actor, "update", { type: "phrase" });
    const { version, ...patch } = c.req.valid("json");
    if (patch.pattern !== undefined && emptyPattern(patch.pattern, existing.locale)) {
      throw fieldError("pattern", "empty_pattern", EMPTY_PATTERN);
    }
    if (version !== existing.version) throw staleVersion(existing.version);
    const row = await orStale(
      updatePhrase(db, actor.organizationId, existing, patch, { actor, head }),
      async () => (await getPhraseForChange(db, actor.organizationId, existing.id)).phrase?.version ?? null,
    );
    if (!row) throw new ApiError("not_found");
    return c.json({ phrase: presentPhrase(row) });
  });

export const transcriptRoutes = new Hono<AppEnv>().post(
  "/check",
  permitRole("create", "transcript"),
  validate("json", checkTranscriptBody),
  async (c) => {
    const actor = requireActor(c);
    const { text, locale, checklistVersionId } = c.req.valid("json");
    const db = c.var.db;
    // The phrases and the version in one round trip (the version's id is "" when none was named).
    const [rows, versions] = await db.batch([
      listPhrases(db, actor.organizationId, { activeOnly: true }),
      selectVersion(db, actor.organizationId, checklistVersionId ?? ""),
    ]);
    let itemKeys: Set<string> | undefined;
    if (checklistVersionId) {
      const version = versions[0];
      // A draft is only its writers' to see: to anyone else it is not there.
      const readable =
        version && decide(actor, "read", { type: "checklist", draft: version.status === "draft" }) === "allow";
      if (!readable) throw fieldError("checklistVersionId", "unknown_reference", "No such checklist version");
      itemKeys = new Set(version.document.sections.flatMap((s) => s.items.map((i) => i.key)));
    }
    const matches = findPhrases(text, rows, locale);
    return c.json({ matches, suggestions: suggestItems(matches, itemKeys) });
  },
);
