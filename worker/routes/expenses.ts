/**
 * A shopper's expense on a visit (docs/PAYOUTS.md), under `/api/v1/assignments/:id/expense`:
 * claimed and changed by the visit's shopper (with the version once it exists), read by them
 * and by admins, with its receipt photo. One read batch and one write batch; the write is
 * guarded (a second first claim, a stale version, or a payout that took the earning meanwhile
 * inserts or changes nothing, and `expense.claimed` does not fit).
 */
import { Hono } from "hono";
import { recordChange, staleVersion } from "../data/changes";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import {
  type ExpenseContextRow,
  expenseContextQuery,
  expenseOf,
  insertExpenseStatement,
  receiptUploadQuery,
  updateExpenseStatement,
} from "../data/expenses";
import { ownUploadsQuery } from "../data/uploads";
import { expenseRefusal, reimbursable } from "../domain/payouts";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, fieldError } from "../lib/errors";
import { photoResponse } from "../lib/photos";
import { validate, validateRowId } from "../lib/validate";
import { presentExpense } from "../presenters/payouts";
import { putExpenseBody } from "../validation/payouts";

/** The refusals of a claim against the visit as read: state first, then the version. */
function refuse(row: ExpenseContextRow, version: number | undefined): void {
  if (row.assignmentStatus === "cancelled") throw new ApiError("invalid_state", "This visit was cancelled");
  const refusal = expenseRefusal({ capCents: Number(row.capCents), earningStatus: row.earningStatus });
  if (refusal) throw new ApiError(refusal);
  const existing = expenseOf(row);
  if (existing && version !== existing.version) throw staleVersion(existing.version);
}

export const expenseRoutes = new Hono<AppEnv>()
  .get("/:id/expense", permitRole("read", "expense"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const [row] = await expenseContextQuery(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "expense", shopperId: row.shopperId });
    const expense = expenseOf(row);
    return c.json({ expense: expense ? presentExpense(expense) : null });
  })
  .get("/:id/expense/receipt", permitRole("read", "expense"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [[row], [upload]] = await db.batch([
      expenseContextQuery(db, actor.organizationId, id),
      receiptUploadQuery(db, actor.organizationId, id),
    ]);
    if (!row) throw new ApiError("not_found");
    authorize(actor, "read", { type: "expense", shopperId: row.shopperId });
    if (!upload) throw new ApiError("not_found");
    return photoResponse(c, upload);
  })
  .put(
    "/:id/expense",
    permitRole("create", "expense"),
    validate("json", putExpenseBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const id = c.req.valid("param").id;
      const body = c.req.valid("json");
      const db = c.var.db;
      const org = actor.organizationId;
      const [[row], owned, headRows] = await db.batch([
        expenseContextQuery(db, org, id),
        ownUploadsQuery(db, org, actor.userId, [body.receiptSha256]),
        chainHeadQuery(db, org),
      ]);
      if (!row) throw new ApiError("not_found");
      authorize(actor, "create", { type: "expense", shopperId: row.shopperId });
      refuse(row, body.version);
      if (owned.length === 0) {
        throw fieldError("receiptSha256", "required", "Upload the receipt photo before claiming the expense");
      }
      const existing = expenseOf(row);
      const now = Date.now();
      const note = body.note ?? "";
      const capCents = Number(row.capCents);
      const values = {
        assignmentId: id,
        organizationId: org,
        amountCents: body.amountCents,
        receiptSha256: body.receiptSha256,
        note,
        now,
      };
      try {
        const { after } = await recordChange(db, {
          organizationId: org,
          actor: { userId: actor.userId, role: actor.role },
          head: chainHeadOf(headRows),
          at: now,
          drafts: [
            {
              type: "expense.claimed",
              subject: { type: "expense", id },
              payload: {
                amountCents: body.amountCents,
                capCents,
                reimbursableCents: reimbursable(body.amountCents, capCents),
                receiptSha256: body.receiptSha256,
                note,
                ...(existing
                  ? { from: { amountCents: existing.amountCents, receiptSha256: existing.receiptSha256 } }
                  : {}),
              },
            },
          ],
          change: [
            existing
              ? updateExpenseStatement(db, values, existing.version)
              : insertExpenseStatement(db, { ...values, shopperId: actor.userId }),
          ],
          guarded: true,
          after: [expenseContextQuery(db, org, id)],
        });
        const [stored] = after[0] as ExpenseContextRow[];
        const expense = stored && expenseOf(stored);
        if (!expense) throw new ApiError("internal_error");
        return c.json({ expense: presentExpense(expense) }, 200);
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        // Someone (a payout, another claim) moved first: say what stands now.
        const [now] = await expenseContextQuery(db, org, id);
        if (!now) throw new ApiError("not_found");
        refuse(now, body.version);
        throw staleVersion(expenseOf(now)?.version ?? 1);
      }
    },
  );
