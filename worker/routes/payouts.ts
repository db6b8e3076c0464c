/**
 * Payout batches (docs/PAYOUTS.md): admins only (personal financial data; every other role 403
 * before any input is read). What is payable per shopper; approving a batch (idempotent by the
 * client's id, ONE guarded batch: data/payouts.ts); the list; one batch with its lines; its CSV;
 * marking it paid (with its version), which pays its earnings and tells each shopper.
 */
import { Hono } from "hono";
import { recordChange, staleVersion } from "../data/changes";
import { isUniqueViolation } from "../data/db";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import { notifyStatements } from "../data/notifications";
import {
  approvePayoutStatements,
  currencyQuery,
  markPayoutPaidStatement,
  type PayoutRow,
  payableEarningsQuery,
  payEarningsStatement,
  payoutIdTakenQuery,
  payoutLinesQuery,
  payoutListQuery,
  payoutQuery,
  payoutShopperIdsQuery,
} from "../data/payouts";
import { PAYOUT_CSV_HEADER, payoutCsvRecords, payoutTotals } from "../domain/payouts";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { BOM, CsvNumber, csvRow, csvRows } from "../lib/csv";
import { ApiError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import { payableLines, presentPayout, presentPayoutLines } from "../presenters/payouts";
import { createPayoutBody, markPaidBody } from "../validation/payouts";

/** How many times an approval re-reads after another change took some of its fees first. */
const APPROVAL_ATTEMPTS = 3;
/** Most payouts the list shows (newest first). */
const PAYOUT_LIST_LIMIT = 500;

const currencyOf = (rows: ReadonlyArray<{ currency: string }>) => rows[0]?.currency ?? "CNY";

export const payoutRoutes = new Hono<AppEnv>()
  .get("/payable", permitRole("list", "payout"), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const [currency, rows] = await db.batch([
      currencyQuery(db, actor.organizationId),
      payableEarningsQuery(db, actor.organizationId),
    ]);
    const shoppers = payableLines(rows);
    return c.json({ currency: currencyOf(currency), shoppers, totals: payoutTotals(shoppers) });
  })
  .get("/", permitRole("list", "payout"), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const [currency, rows] = await db.batch([
      currencyQuery(db, actor.organizationId),
      payoutListQuery(db, actor.organizationId, PAYOUT_LIST_LIMIT),
    ]);
    return c.json({ currency: currencyOf(currency), payouts: rows.map(presentPayout) });
  })
  .post("/", permitRole("create", "payout"), validate("json", createPayoutBody), async (c) => {
    const actor = requireActor(c);
    const body = c.req.valid("json");
    const db = c.var.db;
    const org = actor.organizationId;
    for (let attempt = 1; attempt <= APPROVAL_ATTEMPTS; attempt++) {
      const [[existing], [taken], rows, headRows] = await db.batch([
        payoutQuery(db, org, body.id),
        payoutIdTakenQuery(db, body.id),
        payableEarningsQuery(db, org, body.shopperIds),
        chainHeadQuery(db, org),
      ]);
      // The same id again (a double click, a retry): the batch it approved.
      if (existing) return c.json({ payout: presentPayout(existing) }, 200);
      if (taken) throw new ApiError("conflict", "This payout id is already used: make a new one");
      if (rows.length === 0) throw new ApiError("nothing_payable");
      const lines = payableLines(rows);
      const totals = payoutTotals(lines);
      const now = Date.now();
      const note = body.note ?? "";
      try {
        const { after } = await recordChange(db, {
          organizationId: org,
          actor: { userId: actor.userId, role: actor.role },
          head: attempt === 1 ? chainHeadOf(headRows) : undefined,
          at: now,
          drafts: [
            {
              type: "payout.approved",
              subject: { type: "payout", id: body.id },
              payload: {
                shopperCount: totals.shoppers,
                visitCount: totals.visits,
                feeCents: totals.feeCents,
                reimbursementCents: totals.reimbursementCents,
                totalCents: totals.totalCents,
                shopperIds: lines.map((l) => l.shopperId),
                note,
              },
            },
          ],
          change: approvePayoutStatements(db, {
            payoutId: body.id,
            organizationId: org,
            assignmentIds: rows.map((r) => r.assignmentId),
            shopperCount: totals.shoppers,
            visitCount: totals.visits,
            feeCents: totals.feeCents,
            reimbursementCents: totals.reimbursementCents,
            note,
            approvedBy: actor.userId,
            now,
          }),
          guarded: true,
          after: [payoutQuery(db, org, body.id)],
        });
        const [payout] = after[0] as PayoutRow[];
        if (!payout) throw new ApiError("internal_error");
        return c.json({ payout: presentPayout(payout) }, 201);
      } catch (error) {
        // Another approval (or an expense, or a withdrawal) moved some of these fees first, or
        // the same id committed meanwhile: read again and approve what is payable now.
        if (error instanceof StaleWrite || isUniqueViolation(error)) continue;
        throw error;
      }
    }
    throw new ApiError("conflict", "Payable fees kept changing while approving: try again");
  })
  .get("/:id", permitRole("read", "payout"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [currency, [payout], lines] = await db.batch([
      currencyQuery(db, actor.organizationId),
      payoutQuery(db, actor.organizationId, id),
      payoutLinesQuery(db, actor.organizationId, id),
    ]);
    if (!payout) throw new ApiError("not_found");
    return c.json({ currency: currencyOf(currency), payout: presentPayout(payout), lines: presentPayoutLines(lines) });
  })
  .get("/:id/csv", permitRole("read", "payout"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [currencyRows, [payout], lineRows, headRows] = await db.batch([
      currencyQuery(db, actor.organizationId),
      payoutQuery(db, actor.organizationId, id),
      payoutLinesQuery(db, actor.organizationId, id),
      chainHeadQuery(db, actor.organizationId),
    ]);
    if (!payout) throw new ApiError("not_found");
    const currency = currencyOf(currencyRows);
    const file = `payout-${new Date(payout.approvedAt).toISOString().slice(0, 10)}-${payout.id.slice(0, 8)}.csv`;
    // Who took the payout file (personal financial data) is in the trail, like every export.
    await recordChange(db, {
      organizationId: actor.organizationId,
      actor: { userId: actor.userId, role: actor.role },
      head: chainHeadOf(headRows),
      drafts: [
        { type: "export.downloaded", subject: { type: "export", id: "payout" }, payload: { file, payoutId: id } },
      ],
      change: [],
    });
    const records = payoutCsvRecords(presentPayoutLines(lineRows), currency).map((record) =>
      // Amounts are ours (formatted with two decimals): numbers, not text to neutralise.
      record.map((cell, index) => (index >= 3 && index <= 5 ? new CsvNumber(String(cell)) : cell)),
    );
    return c.body(BOM + csvRow([...PAYOUT_CSV_HEADER]) + csvRows(records), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "no-store",
    });
  })
  .post("/:id/paid", permitRole("update", "payout"), validate("json", markPaidBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const org = actor.organizationId;
    const id = c.req.valid("param").id;
    const { version } = c.req.valid("json");
    const [[payout], shopperRows, headRows] = await db.batch([
      payoutQuery(db, org, id),
      payoutShopperIdsQuery(db, org, id),
      chainHeadQuery(db, org),
    ]);
    if (!payout) throw new ApiError("not_found");
    if (payout.status === "paid") throw new ApiError("payout_paid");
    if (payout.version !== version) throw staleVersion(payout.version);
    const now = Date.now();
    try {
      const { after } = await recordChange(db, {
        organizationId: org,
        actor: { userId: actor.userId, role: actor.role },
        head: chainHeadOf(headRows),
        at: now,
        drafts: [
          {
            type: "payout.paid",
            subject: { type: "payout", id },
            payload: {
              shopperCount: payout.shopperCount,
              visitCount: payout.visitCount,
              totalCents: payout.totalCents,
            },
          },
        ],
        change: [markPayoutPaidStatement(db, org, id, version, { userId: actor.userId, now })],
        guarded: true,
        after: [
          payEarningsStatement(db, org, id),
          // Each paid shopper hears of it (the bell; email when configured).
          ...notifyStatements(db, {
            organizationId: org,
            kind: "payout_paid",
            subject: { type: "payout", id },
            payload: {},
            dedupeKey: `payout_paid:${id}`,
            recipients: { kind: "users", userIds: shopperRows.map((r) => r.shopperId) },
            now,
          }),
          payoutQuery(db, org, id),
        ],
      });
      const [paid] = after.at(-1) as PayoutRow[];
      if (!paid) throw new ApiError("internal_error");
      return c.json({ payout: presentPayout(paid) }, 200);
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      const [current] = await payoutQuery(db, org, id);
      if (!current) throw new ApiError("not_found");
      if (current.status === "paid") throw new ApiError("payout_paid");
      throw staleVersion(current.version);
    }
  });
