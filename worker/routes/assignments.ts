import { Hono } from "hono";
import {
  cancelAssignment,
  createAssignment,
  findShopperIds,
  getAssignment,
  nextFinishedCursor,
  selectFinishedAssignments,
  selectOpenAssignments,
} from "../data/assignments";
import { getBranch } from "../data/branches";
import { getVersion } from "../data/checklists";
import { assignmentScope, assignmentView } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { validate } from "../lib/validate";
import { presentAssignment } from "../presenters";
import { createAssignmentBody, listAssignmentsQuery, updateAssignmentBody } from "../validation/audits";

/** Planned mystery visits. Admins plan them; a shopper sees their own; managers never see any. */
export const assignmentRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "assignment"), validate("query", listAssignmentsQuery), async (c) => {
    const actor = requireActor(c);
    const { cursor, limit, ...query } = c.req.valid("query");
    const scope = assignmentScope(actor);
    const filter = { ...query, shopperId: scope.kind === "shopper" ? scope.shopperId : query.shopperId };
    const db = c.var.db;
    // Open work comes whole with the first page; finished work in pages after it. Two statements
    // side by side, not a batch: a D1 batch answers rows as objects, and these share column names.
    const [open, finished] = await Promise.all([
      !cursor && (filter.status ?? "open") === "open" ? selectOpenAssignments(db, actor.organizationId, filter) : [],
      filter.status !== "open" ? selectFinishedAssignments(db, actor.organizationId, filter, cursor, limit) : [],
    ]);
    const items = [...open, ...finished.slice(0, limit)];
    return c.json({
      items: items.map((row) => presentAssignment(row, assignmentView(actor))),
      nextCursor: nextFinishedCursor(finished, limit),
    });
  })
  .post("/", permitRole("create", "assignment"), validate("json", createAssignmentBody), async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid("json");
    const db = c.var.db;
    const [branch, version, shoppers] = await Promise.all([
      getBranch(db, actor.organizationId, input.branchId),
      getVersion(db, actor.organizationId, input.checklistVersionId),
      findShopperIds(db, actor.organizationId, [input.shopperId]),
    ]);
    const errors: FieldError[] = [];
    if (!branch)
      errors.push({ path: "branchId", code: "unknown_reference", message: "No such branch in this organisation" });
    else if (!branch.active) errors.push({ path: "branchId", code: "not_allowed", message: "This branch is inactive" });
    if (!version) {
      errors.push({ path: "checklistVersionId", code: "unknown_reference", message: "No such checklist version" });
    } else if (version.status !== "published") {
      errors.push({
        path: "checklistVersionId",
        code: "not_allowed",
        message: "Only a published version can be assigned",
      });
    } else if (branch && version.document.channel !== branch.channel) {
      errors.push({
        path: "checklistVersionId",
        code: "not_allowed",
        message: "This checklist is for another channel than the branch (store or call centre)",
      });
    }
    if (!shoppers.has(input.shopperId)) {
      errors.push({
        path: "shopperId",
        code: "unknown_reference",
        message: "No active shopper with this id in this organisation",
      });
    }
    if (errors.length) throw new ApiError("validation_failed", "The assignment is not valid", { errors });
    const id = await createAssignment(db, actor.organizationId, input, actor);
    const row = await getAssignment(db, actor.organizationId, id);
    if (!row) throw new Error("assignment vanished after insert");
    return c.json(presentAssignment(row, assignmentView(actor)), 201);
  })
  .get("/:id", async (c) => {
    const actor = requireActor(c);
    const row = await getAssignment(c.var.db, actor.organizationId, c.req.param("id"));
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "assignment", shopperId: row.shopperId });
    return c.json(presentAssignment(row, assignmentView(actor)));
  })
  .patch("/:id", permitRole("update", "assignment"), validate("json", updateAssignmentBody), async (c) => {
    const actor = requireActor(c);
    const row = await getAssignment(c.var.db, actor.organizationId, c.req.param("id"));
    if (!row) throw new ApiError("not_found");
    authorize(actor, "update", { type: "assignment", shopperId: row.shopperId });
    const updated = await cancelAssignment(c.var.db, actor.organizationId, row, actor);
    if (!updated) throw new ApiError("conflict", "Only an open assignment can be cancelled");
    return c.json(presentAssignment(updated, assignmentView(actor)));
  });
