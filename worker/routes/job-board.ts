import { Hono } from "hono";
import { recordChange } from "../data/changes";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import {
  type BoardVisitRow,
  boardVisitQuery,
  claimStatements,
  postedVisitsQuery,
  RELEASE_CUTOFF_HOURS,
  readShopperContext,
  releaseStatements,
  type ShopperContext,
  shopperContextStatements,
  shopperOpenVisitsQuery,
} from "../data/job-board";
import { currencyQuery } from "../data/payouts";
import type { AssignmentInsert } from "../data/rounds";
import { localDate } from "../domain/audits";
import { visitEligibility } from "../domain/round-staffing";
import type { PlannedVisit, StaffingRule } from "../domain/rounds";
import type { EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validateRowId } from "../lib/validate";

const HOUR_MS = 3_600_000;

/** English sentences of the rules, for `not_eligible` (clients translate the `reason` code). */
const REASONS: Record<StaffingRule, string> = {
  inactive: "Your membership is not active",
  noChannel: "You do not do this kind of visit",
  noRegion: "You do not cover this branch's region or city",
  excluded: "You may not visit this branch",
  belowRating: "Your rating is below this round's floor",
  sameRound: "You already have a visit to this branch in this round",
  lockedOut: "You visited this branch too recently",
  dailyMax: "You already have as many visits as you may on a day of this window",
  weeklyMax: "You already have as many visits as you may in a week of this window",
};

/** A stored visit as the engine reads it. */
function plannedOf(row: BoardVisitRow): PlannedVisit {
  return {
    key: row.visitKey,
    branchId: row.branchId,
    regionId: row.regionId,
    city: row.city || null,
    channel: row.channel,
    contact: row.channel === "call_centre" ? "phone_call" : "visit",
    ordinal: 0,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    stratum: row.stratum,
    scenarioIndex: 0,
    scenario: { en: row.scenarioEn, zh: row.scenarioZh },
  };
}

/** The first rule the shopper fails for this visit, or null. */
function eligibility(row: BoardVisitRow, context: ShopperContext): StaffingRule | null {
  return visitEligibility(
    plannedOf(row),
    context.shopper,
    context.history,
    { ...context.rules, ratingFloor: row.ratingFloor },
    context.roundBranches.get(row.roundId)?.has(row.branchId) ?? false,
  );
}

/**
 * Whether a claim of this visit can still be released (and a decline is not late): until 24 h
 * before its window starts in the branch's calendar.
 */
export function releaseUntil(row: Pick<BoardVisitRow, "windowStart" | "timezone">, now: number): boolean {
  return localDate(now + RELEASE_CUTOFF_HOURS * HOUR_MS, row.timezone) < row.windowStart;
}

/** A board visit for the shopper: the branch in their language, window, scenario in both, fee. */
function presentBoardVisit(row: BoardVisitRow, locale: string) {
  return {
    id: row.id,
    roundId: row.roundId,
    roundName: row.roundName,
    branch: {
      id: row.branchId,
      code: row.branchCode,
      name: locale === "zh" ? row.branchNameZh : row.branchNameEn,
      /** Both names, so a language switch on the phone changes the whole screen at once. */
      names: { en: row.branchNameEn, zh: row.branchNameZh },
      address: row.address,
      city: row.city,
    },
    channel: row.channel,
    window: { start: row.windowStart, end: row.windowEnd, timezone: row.timezone },
    stratum: row.stratum,
    scenario: { en: row.scenarioEn, zh: row.scenarioZh },
    feeCents: row.feeCents,
    reimbursementCapCents: row.reimbursementCapCents,
  };
}

/** One of the shopper's open visits, for "Your visits" on /jobs. */
function presentOpenVisit(row: Awaited<ReturnType<typeof shopperOpenVisitsQuery>>[number], now: number) {
  const claimed = Number(row.claimed) > 0;
  return {
    id: row.id,
    roundVisitId: row.roundVisitId,
    branch: {
      id: row.branchId,
      names: { en: row.branchNameEn, zh: row.branchNameZh },
      address: row.address,
    },
    channel: row.channel,
    window: { start: row.windowStart, end: row.windowEnd, timezone: row.timezone },
    scenario: { en: row.scenarioEn, zh: row.scenarioZh || row.scenarioEn },
    acceptedAt: row.acceptedAt,
    /** Taken from the board (a claim): it can be released until the cut-off. */
    claimed,
    releasable: claimed && row.roundVisitId !== null && releaseUntil(row, now),
  };
}

/**
 * The job board (docs/ROUNDS.md, "The job board"): shoppers list the posted visits they may
 * take, claim one (first come) and release it until 24 h before its window; every other role 403.
 * The listing also gives the shopper's own open visits (`mine`), to accept or decline.
 */
export const jobBoardRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "job_board"), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const now = Date.now();
    const [rules, me, reports, held, posted, mine, currency] = await db.batch([
      ...shopperContextStatements(db, actor, now),
      postedVisitsQuery(db, actor.organizationId, actor.userId, now),
      shopperOpenVisitsQuery(db, actor.organizationId, actor.userId),
      currencyQuery(db, actor.organizationId),
    ]);
    const context = readShopperContext([rules, me, reports, held], localDate);
    const items = posted
      .filter((row) => row.windowEnd >= localDate(now, row.timezone) && eligibility(row, context) === null)
      .map((row) => ({ ...presentBoardVisit(row, actor.locale), releasable: releaseUntil(row, now) }));
    return c.json(
      {
        /** The organisation's currency (ISO 4217): fees are in its minor units. */
        currency: currency[0]?.currency ?? "CNY",
        items,
        claims: { open: context.openClaims, limit: context.claimLimit },
        mine: mine.map((row) => presentOpenVisit(row, now)),
      },
      200,
    );
  })
  .post("/:id/claim", permitRole("update", "job_board"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const visitId = c.req.valid("param").id;
    const now = Date.now();
    const read = () =>
      db.batch([
        ...shopperContextStatements(db, actor, now),
        boardVisitQuery(db, actor.organizationId, visitId, actor.userId),
        chainHeadQuery(db, actor.organizationId),
      ]);
    const [rules, me, reports, held, [row], head] = await read();
    // Only a posted or staffed visit of a committed round can be (or have been) claimed.
    if (row?.roundStatus !== "committed" || (row.status !== "posted" && row.status !== "staffed"))
      throw new ApiError("not_found");
    const context = readShopperContext([rules, me, reports, held], localDate);
    const answerTaken = (visit: NonNullable<typeof row>) => {
      // A second tap of one's own claim answers the claim again.
      if (visit.shopperId === actor.userId && visit.assignmentStatus === "open")
        return c.json({ visit: presentBoardVisit(visit, actor.locale), assignmentId: visit.assignmentId }, 200);
      throw new ApiError("already_taken");
    };
    if (row.status !== "posted") return answerTaken(row);
    if (Number(row.declined) > 0)
      throw new ApiError("not_eligible", "You declined this visit", { extensions: { reason: "declined" } });
    if (row.windowEnd < localDate(now, row.timezone))
      throw new ApiError("not_eligible", "This visit's window has passed", { extensions: { reason: "windowPassed" } });
    const failed = eligibility(row, context);
    if (failed) throw new ApiError("not_eligible", REASONS[failed], { extensions: { reason: failed } });
    const limit = context.claimLimit;
    if (context.openClaims >= limit)
      throw new ApiError("claim_limit_reached", `You may hold ${limit} visits from the job board at once`, {
        extensions: { limit },
      });

    const assignmentId = crypto.randomUUID();
    const fields = {
      branchId: row.branchId,
      checklistVersionId: row.checklistVersionId as string,
      shopperId: actor.userId,
      windowStart: row.windowStart,
      windowEnd: row.windowEnd,
      scenario: row.scenarioEn,
    };
    const assignment: AssignmentInsert = {
      id: assignmentId,
      organizationId: actor.organizationId,
      ...fields,
      status: "open",
      reshopOf: null,
      roundId: row.roundId,
      roundVisitId: row.id,
      scenarioZh: row.scenarioZh,
      feeCents: row.feeCents,
      reimbursementCapCents: row.reimbursementCapCents,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    const drafts: EventDraft[] = [
      {
        type: "round_visit.claimed",
        subject: { type: "round_visit", id: row.id },
        payload: { roundId: row.roundId, branchId: row.branchId, shopperId: actor.userId, assignmentId },
      },
      {
        type: "assignment.created",
        subject: { type: "assignment", id: assignmentId },
        payload: { ...fields, roundId: row.roundId, fromBoard: true },
      },
    ];
    try {
      await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head: chainHeadOf(head),
        drafts,
        change: claimStatements(db, { ...assignment, ...fields }, row.id, context.reportDates),
        guarded: true,
        at: now,
      });
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // Someone claimed it first, or another claim of ours reached the limit or a maximum meanwhile.
      const [again, meNow, reportsNow, heldNow, [current]] = await read();
      if (!current || (current.status !== "posted" && current.status !== "staffed")) throw new ApiError("not_found");
      if (current.status !== "posted") return answerTaken(current);
      const now2 = readShopperContext([again, meNow, reportsNow, heldNow], localDate);
      if (now2.openClaims >= now2.claimLimit)
        throw new ApiError("claim_limit_reached", undefined, { extensions: { limit: now2.claimLimit } });
      const failedNow = eligibility(current, now2);
      if (failedNow) throw new ApiError("not_eligible", REASONS[failedNow], { extensions: { reason: failedNow } });
      throw new ApiError("already_taken");
    }
    return c.json({ visit: presentBoardVisit(row, actor.locale), assignmentId }, 201);
  })
  .post("/:id/release", permitRole("update", "job_board"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const visitId = c.req.valid("param").id;
    const now = Date.now();
    const [[row], head] = await db.batch([
      boardVisitQuery(db, actor.organizationId, visitId, actor.userId),
      chainHeadQuery(db, actor.organizationId),
    ]);
    // Not claimed from the board by the caller (or not there): the same 404. A visit given by
    // rule is declined, not released (a decline is counted).
    if (
      row?.status !== "staffed" ||
      !row.assignmentId ||
      Number(row.claimed) === 0 ||
      row.shopperId !== actor.userId ||
      row.assignmentStatus !== "open"
    )
      throw new ApiError("not_found");
    if (!releaseUntil(row, now))
      throw new ApiError(
        "release_closed",
        `A visit can be released until ${RELEASE_CUTOFF_HOURS} hours before its window starts`,
        { extensions: { cutoffHours: RELEASE_CUTOFF_HOURS } },
      );
    const drafts: EventDraft[] = [
      {
        type: "assignment.cancelled",
        subject: { type: "assignment", id: row.assignmentId },
        payload: { branchId: row.branchId, shopperId: actor.userId, roundId: row.roundId, released: true },
      },
      {
        type: "round_visit.released",
        subject: { type: "round_visit", id: row.id },
        payload: {
          roundId: row.roundId,
          branchId: row.branchId,
          shopperId: actor.userId,
          assignmentId: row.assignmentId,
        },
      },
    ];
    try {
      await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head: chainHeadOf(head),
        drafts,
        change: releaseStatements(db, actor.organizationId, { id: row.id, assignmentId: row.assignmentId }, now),
        guarded: true,
        at: now,
      });
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // A report arrived, or a second release won: nothing of the caller's is open any more.
      throw new ApiError("not_found");
    }
    return c.json({ visit: { ...presentBoardVisit(row, actor.locale), status: "posted" as const } }, 200);
  });
