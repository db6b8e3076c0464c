import { Hono } from "hono";
import { type RecheckRow, recheckIndex, recheckQuery } from "../data/actions";
import {
  type AssignmentRow,
  cancelAssignment,
  createAssignment,
  nextFinishedCursor,
  selectAssignment,
  selectFinishedAssignments,
  selectOpenAssignments,
  selectShopperIds,
} from "../data/assignments";
import { selectBranch } from "../data/branches";
import { selectVersion } from "../data/checklists";
import { chainHeadOf, chainHeadQuery } from "../data/events";
import { assignmentScope, assignmentView } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
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
    // Open work comes whole with the first page; finished work in pages after it. Both in one
    // batch when both are asked for (the joined columns are aliased for it: see selectAssignments).
    // A shopper's own list carries their returned reports with the open work (see the data).
    const returned = { returned: scope.kind === "shopper" };
    const openWork = () => selectOpenAssignments(db, actor.organizationId, filter, returned);
    const finishedWork = () => selectFinishedAssignments(db, actor.organizationId, filter, cursor, limit, returned);
    const wantsOpen = !cursor && (filter.status ?? "open") === "open";
    const wantsFinished = filter.status !== "open";
    // The briefing's re-checks (the branch's open or done actions) come with the open work.
    const recheck = () => recheckQuery(db, actor.organizationId, filter);
    let open: AssignmentRow[] = [];
    let finished: AssignmentRow[] = [];
    let recheckRows: RecheckRow[] = [];
    if (wantsOpen && wantsFinished)
      [open, finished, recheckRows] = await db.batch([openWork(), finishedWork(), recheck()]);
    else if (wantsOpen) [open, recheckRows] = await db.batch([openWork(), recheck()]);
    else if (wantsFinished) finished = await finishedWork();
    const items = [...open, ...finished.slice(0, limit)];
    const recheckOf = recheckIndex(recheckRows);
    return c.json({
      items: items.map((row) =>
        presentAssignment(row, assignmentView(actor), recheckOf(row.branch.id, row.checklistId)),
      ),
      nextCursor: nextFinishedCursor(finished, limit),
    });
  })
  .post("/", permitRole("create", "assignment"), validate("json", createAssignmentBody), async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid("json");
    const db = c.var.db;
    const [[branch], [version], shopperRows, head] = await db.batch([
      selectBranch(db, actor.organizationId, input.branchId),
      selectVersion(db, actor.organizationId, input.checklistVersionId),
      selectShopperIds(db, actor.organizationId, [input.shopperId]),
      chainHeadQuery(db, actor.organizationId),
    ]);
    const shoppers = new Set(shopperRows.map((r) => r.id));
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
    const row = await createAssignment(db, actor.organizationId, input, actor, chainHeadOf(head));
    return c.json(presentAssignment(row, assignmentView(actor)), 201);
  })
  .get("/:id", validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [[row], recheckRows] = await db.batch([
      selectAssignment(db, actor.organizationId, id),
      recheckQuery(db, actor.organizationId, { assignmentId: id }),
    ]);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "assignment", shopperId: row.shopperId });
    return c.json(
      presentAssignment(row, assignmentView(actor), recheckIndex(recheckRows)(row.branch.id, row.checklistId)),
    );
  })
  .patch(
    "/:id",
    permitRole("update", "assignment"),
    validate("json", updateAssignmentBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const [[row], head] = await db.batch([
        selectAssignment(db, actor.organizationId, c.req.valid("param").id),
        chainHeadQuery(db, actor.organizationId),
      ]);
      if (!row) throw new ApiError("not_found");
      authorize(actor, "update", { type: "assignment", shopperId: row.shopperId });
      const updated = await cancelAssignment(db, actor.organizationId, row, actor, chainHeadOf(head));
      if (!updated) throw new ApiError("conflict", "Only an open assignment can be cancelled");
      return c.json(presentAssignment(updated, assignmentView(actor)));
    },
  );
