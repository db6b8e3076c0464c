import { Hono } from "hono";
import {
  type AnswerableAssignment,
  acceptStatement,
  answerableAssignmentQuery,
  declineStatements,
} from "../data/assignment-answers";
import { recordChange } from "../data/changes";
import type { Db } from "../data/db";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import { notifyStatements } from "../data/notifications";
import type { SessionActor } from "../data/sessions";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { declineBody } from "../validation/assignment-answers";
import { releaseUntil } from "./job-board";

/** The caller's own assignment, or 404 (another shopper's answers as one that is not there). */
function ownOrNotFound(row: AnswerableAssignment | undefined, userId: string): AnswerableAssignment {
  if (!row || row.shopperId !== userId) throw new ApiError("not_found");
  return row;
}

/** The caller's assignment `id` as it stands (404 when not theirs). */
async function ownAssignment(db: Db, actor: SessionActor, id: string): Promise<AnswerableAssignment> {
  const [row] = await answerableAssignmentQuery(db, actor.organizationId, id);
  return ownOrNotFound(row, actor.userId);
}

/** The caller's assignment `id` (404 when not theirs) and the event chain's head, in one batch. */
async function ownAssignmentAndHead(db: Db, actor: SessionActor, id: string) {
  const [[row], head] = await db.batch([
    answerableAssignmentQuery(db, actor.organizationId, id),
    chainHeadQuery(db, actor.organizationId),
  ]);
  return { row: ownOrNotFound(row, actor.userId), head: chainHeadOf(head) };
}

function notOpen(row: AnswerableAssignment): ApiError {
  const status = Number(row.hasReport) > 0 ? "submitted" : row.status;
  return new ApiError("invalid_state", `This visit is ${status}: only an open visit can be accepted or declined`, {
    extensions: { status },
  });
}

/**
 * A shopper's answer to a visit given to them or claimed (docs/ROUNDS.md, "Accepting and
 * declining"): accept it (idempotent), or decline it — a round's visit goes back to the job
 * board, a one-off visit's planner is told. Shoppers only (others 403, before validation); the
 * visit must be theirs (another's 404) and open (submitted or cancelled: 409 `invalid_state`).
 */
export const assignmentAnswerRoutes = new Hono<AppEnv>()
  .post("/:id/accept", permitRole("update", "job_board"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const { row, head } = await ownAssignmentAndHead(db, actor, id);
    const answer = (acceptedAt: number) => c.json({ assignment: { id: row.id, acceptedAt } }, 200);
    // Accepting again answers the first acceptance.
    if (row.acceptedAt !== null) return answer(row.acceptedAt);
    if (row.status !== "open" || Number(row.hasReport) > 0) throw notOpen(row);
    const now = Date.now();
    try {
      await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head,
        drafts: [
          {
            type: "assignment.accepted",
            subject: { type: "assignment", id: row.id },
            payload: { branchId: row.branchId, shopperId: row.shopperId, roundId: row.roundId },
          },
        ],
        change: [acceptStatement(db, row, actor.organizationId, now)],
        guarded: true,
        at: now,
      });
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // A second tap won, or the visit was declined, cancelled or reported meanwhile.
      const current = await ownAssignment(db, actor, id);
      if (current.acceptedAt !== null) return answer(current.acceptedAt);
      throw notOpen(current);
    }
    return answer(now);
  })
  .post(
    "/:id/decline",
    permitRole("update", "job_board"),
    validate("json", declineBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const id = c.req.valid("param").id;
      const reason = c.req.valid("json").reason ?? "";
      const { row, head } = await ownAssignmentAndHead(db, actor, id);
      // Declining again (a retry) answers the first decline.
      const answer = (decline: { id: string; late: boolean }) => c.json({ decline }, 200);
      if (row.declineId) return answer({ id: row.declineId, late: Boolean(row.declineLate) });
      if (row.status !== "open" || Number(row.hasReport) > 0) throw notOpen(row);
      const now = Date.now();
      const decline = { id: crypto.randomUUID(), reason, late: !releaseUntil(row, now) };
      const where = { branchId: row.branchId, shopperId: row.shopperId, roundId: row.roundId };
      try {
        await recordChange(db, {
          organizationId: actor.organizationId,
          actor: { userId: actor.userId, role: actor.role },
          head,
          drafts: [
            {
              type: "assignment.declined",
              subject: { type: "assignment", id: row.id },
              payload: { ...where, roundVisitId: row.roundVisitId, declineId: decline.id, late: decline.late, reason },
            },
          ],
          change: declineStatements(db, actor.organizationId, row, decline, now),
          guarded: true,
          // A one-off visit (no round) goes back to its planner: they hear of it (the bell, email).
          after:
            row.roundVisitId || !row.createdBy
              ? []
              : notifyStatements(db, {
                  organizationId: actor.organizationId,
                  kind: "visit_declined",
                  subject: { type: "assignment", id: row.id },
                  payload: {
                    assignmentId: row.id,
                    branchId: row.branchId,
                    shopperName: row.shopperName,
                    windowStart: row.windowStart,
                    windowEnd: row.windowEnd,
                    reason,
                    late: decline.late,
                  },
                  dedupeKey: `visit_declined:${row.id}`,
                  recipients: { kind: "users", userIds: [row.createdBy] },
                  now,
                }),
          at: now,
        });
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        // A second tap won, or a report arrived meanwhile.
        const current = await ownAssignment(db, actor, id);
        if (current.declineId) return answer({ id: current.declineId, late: Boolean(current.declineLate) });
        throw notOpen(current);
      }
      return answer({ id: decline.id, late: decline.late });
    },
  );
