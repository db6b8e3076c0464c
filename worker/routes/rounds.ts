import { Hono } from "hono";
import { recordChange, staleVersion } from "../data/changes";
import type { Db } from "../data/db";
import { parseJsonColumn } from "../data/db";
import { chainHeadOf, chainHeadQuery, StaleWrite } from "../data/events";
import {
  readReliability,
  reliabilityStatements,
  type ShopperReliability,
  saveRatingsStatements,
} from "../data/reliability";
import {
  type AssignmentInsert,
  cancelRoundStatements,
  commitRoundStatements,
  isRoundTaken,
  listRoundsQuery,
  openRoundAssignmentsQuery,
  type RoundContext,
  type RoundRow,
  type RoundVisitInsert,
  type RoundVisitRow,
  readContext,
  regionsQuery,
  roundBranchesQuery,
  roundContextStatements,
  roundVisitsQuery,
  selectRound,
} from "../data/rounds";
import { canonicalJson, localDate } from "../domain/audits";
import { roundCoverage } from "../domain/round-coverage";
import { generateVisits } from "../domain/round-generation";
import { staffVisits } from "../domain/round-staffing";
import {
  type PlannedVisit,
  type RoundPlan,
  type Staffing,
  seedOf,
  summarizeRound,
  type UnstaffedReason,
} from "../domain/rounds";
import type { EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { BOM, csvRow, csvRows } from "../lib/csv";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import {
  COVERAGE_COLUMNS,
  coverageCsvRows,
  generationErrors,
  presentCoverage,
  presentPlannedVisit,
  presentRound,
  presentRoundListItem,
  presentRoundSummary,
  type RoundVisitCounts,
} from "../presenters/rounds";
import {
  cancelRoundBody,
  coverageQuery,
  listRoundsQuery as listRoundsQuerySchema,
  previewQuery,
  type RoundInput,
  roundBody,
} from "../validation/rounds";

/** The round's fields the engine reads, from the body. */
function planOf(input: RoundInput): RoundPlan {
  return {
    from: input.period.from,
    to: input.period.to,
    target: input.target,
    visitsPerBranch: input.visitsPerBranch,
    minGapDays: input.minGapDays,
    windowDays: input.windowDays,
    strata: input.strata,
    scenarios: input.scenarios,
    blackoutDates: input.blackoutDates,
  };
}

/**
 * The references of a round checked against the organisation: the checklist (active, with a
 * published version) and the target's regions, branches and channel. Field errors, or none.
 */
function referenceErrors(input: RoundInput, context: RoundContext): FieldError[] {
  const errors: FieldError[] = [];
  const checklist = context.checklist;
  if (!checklist)
    errors.push({ path: "checklistId", code: "unknown_reference", message: "No such checklist in this organisation" });
  else if (!checklist.active)
    errors.push({ path: "checklistId", code: "not_allowed", message: "This checklist is archived" });
  else if (!checklist.versionId)
    errors.push({ path: "checklistId", code: "not_allowed", message: "This checklist has no published version" });
  const target = input.target;
  if (target.kind === "regions") {
    const known = new Set(context.regions.map((r) => r.id));
    target.regionIds.forEach((id, i) => {
      if (!known.has(id))
        errors.push({ path: `target.regionIds[${i}]`, code: "unknown_reference", message: "No such region" });
    });
  }
  if (target.kind === "branches") {
    const byId = new Map(context.branches.map((b) => [b.id, b]));
    target.branchIds.forEach((id, i) => {
      const branch = byId.get(id);
      if (!branch)
        errors.push({ path: `target.branchIds[${i}]`, code: "unknown_reference", message: "No such branch" });
      else if (checklist && branch.channel !== checklist.channel)
        errors.push({
          path: `target.branchIds[${i}]`,
          code: "not_allowed",
          message: `Branch ${branch.code} is of another channel than the checklist`,
        });
    });
  }
  if (target.kind === "channel" && checklist && target.channel !== checklist.channel)
    errors.push({ path: "target.channel", code: "not_allowed", message: "The checklist is for another channel" });
  return errors.slice(0, 100);
}

interface Plan {
  visits: PlannedVisit[];
  /** One per visit (rule-staffed rounds); empty for board rounds. */
  staffing: Staffing[];
  versionId: string;
  seed: number;
}

/**
 * Generates (and, for rule-staffed rounds, staffs) a round from the context read for it: the
 * same body always gives the same visits, since the seed is the round's id. Refusals are 400s.
 */
function planRound(input: RoundInput, context: RoundContext): Plan {
  const errors = referenceErrors(input, context);
  if (errors.length) throw new ApiError("validation_failed", "The round cannot be planned", { errors });
  const checklist = context.checklist as NonNullable<RoundContext["checklist"]>;
  // One checklist, one channel: "all" branches means all of the checklist's channel.
  const branches = context.branches.filter((b) => b.channel === checklist.channel);
  const seed = seedOf(input.id);
  const generated = generateVisits(planOf(input), branches, seed);
  if (!generated.ok) {
    const codeOf = new Map(context.branches.map((b) => [b.id, b.code]));
    throw new ApiError("validation_failed", "The round cannot be generated", {
      errors: generationErrors(generated.problems, {
        branchCode: (id) => codeOf.get(id) ?? id,
        strataIndex: (key) => input.strata.findIndex((s) => s.key === key),
      }),
    });
  }
  const staffing =
    input.staffing === "rule"
      ? staffVisits(generated.visits, context.shoppers, context.history, {
          lockoutDays: context.rules.lockoutDays,
          maxPerDay: context.rules.maxPerDay,
          maxPerWeek: context.rules.maxPerWeek,
          ratingFloor: input.ratingFloor,
        })
      : [];
  return { visits: generated.visits, staffing, versionId: checklist.versionId as string, seed };
}

/** How many times cancelling a round reads again after its visits changed under it (a report arrived). */
const CANCEL_ATTEMPTS = 3;

/**
 * The context with every shopper's rating as just computed (the floor must not read a rating
 * cached days ago): a provisional rating, or none, passes the floor.
 */
function withRatings(context: RoundContext, ratings: readonly ShopperReliability[]): RoundContext {
  const byUser = new Map(ratings.map((r) => [r.userId, r]));
  return {
    ...context,
    shoppers: context.shoppers.map((s) => {
      const fresh = byUser.get(s.id);
      return fresh ? { ...s, rating: fresh.rating, ratingProvisional: fresh.provisional } : s;
    }),
  };
}

const regionNames = (rows: RoundContext["regions"]) => new Map(rows.map((r) => [r.id, r]));

/** The round's definition as stored, to tell a repeated commit from a different round under the same id. */
function definitionOf(input: RoundInput): string {
  return canonicalJson({
    name: input.name,
    checklistId: input.checklistId,
    period: input.period,
    target: input.target,
    visitsPerBranch: input.visitsPerBranch,
    minGapDays: input.minGapDays,
    windowDays: input.windowDays,
    strata: JSON.parse(JSON.stringify(input.strata)),
    scenarios: JSON.parse(JSON.stringify(input.scenarios)),
    blackoutDates: input.blackoutDates,
    feeCents: input.feeCents,
    reimbursementCapCents: input.reimbursementCapCents,
    staffing: input.staffing,
    ratingFloor: input.ratingFloor,
  });
}

function storedDefinitionOf(row: RoundRow): string {
  return canonicalJson({
    name: row.name,
    checklistId: row.checklistId,
    period: { from: row.periodStart, to: row.periodEnd },
    target: row.target,
    visitsPerBranch: row.visitsPerBranch,
    minGapDays: row.minGapDays,
    windowDays: row.windowDays,
    strata: row.strata,
    scenarios: row.scenarios,
    blackoutDates: row.blackoutDates,
    feeCents: row.feeCents,
    reimbursementCapCents: row.reimbursementCapCents,
    staffing: row.staffing,
    ratingFloor: row.ratingFloor ?? null,
  });
}

/** Counts of stored visits by status. */
function visitCounts(rows: readonly Pick<RoundVisitRow, "status">[]): RoundVisitCounts {
  const counts: RoundVisitCounts = { visits: rows.length, staffed: 0, posted: 0, unstaffed: 0, cancelled: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** The summary of a stored round, counted from its visits as the preview counted the generated ones. */
function storedSummary(rows: readonly RoundVisitRow[]) {
  const staffing: Staffing[] = [];
  for (const row of rows) {
    if (row.status === "staffed")
      staffing.push({ visitKey: row.visitKey, shopperId: row.assignmentId ?? "", reason: null });
    else if (row.status === "unstaffed" && row.unstaffedReason)
      staffing.push({
        visitKey: row.visitKey,
        shopperId: null,
        reason: parseJsonColumn<UnstaffedReason>(row.unstaffedReason),
      });
  }
  return summarizeRound(
    rows.map((r) => ({ key: r.visitKey, regionId: r.regionId, stratum: r.stratum })),
    staffing,
  );
}

/** A round as `GET /rounds/:id` answers it: the round and its summary (read in one batch). */
async function roundDetail(db: Db, organizationId: string, id: string) {
  const [[row], visits, regions] = await db.batch([
    selectRound(db, organizationId, id),
    roundVisitsQuery(db, organizationId, id),
    regionsQuery(db, organizationId),
  ]);
  if (!row) return null;
  const round = { ...row, ...parsedJson(row) };
  const counts = visitCounts(visits);
  return {
    round: presentRound(round, counts),
    summary: presentRoundSummary(storedSummary(visits), regionNames(regions), counts.posted),
  };
}

/** A round row read inside a batch has its JSON columns as text. */
function parsedJson(row: RoundRow) {
  return {
    target: parseJsonColumn<RoundRow["target"]>(row.target),
    strata: parseJsonColumn<RoundRow["strata"]>(row.strata),
    scenarios: parseJsonColumn<RoundRow["scenarios"]>(row.scenarios),
    blackoutDates: parseJsonColumn<RoundRow["blackoutDates"]>(row.blackoutDates),
  };
}

/** Today in each time zone met (one `Intl` call per zone). */
function todayIn(now: number) {
  const cache = new Map<string, string>();
  return (timeZone: string) => {
    let today = cache.get(timeZone);
    if (today === undefined) {
      today = localDate(now, timeZone);
      cache.set(timeZone, today);
    }
    return today;
  };
}

/**
 * The rows and events a commit writes: the round, one `round_visits` row per visit, an open
 * assignment per staffed visit (the checklist's version, the fee, the scenario in both
 * languages) and `round.created` followed by one `assignment.created` each.
 */
function commitRows(input: RoundInput, plan: Plan, actor: { userId: string; organizationId: string }, now: number) {
  const staffingOf = new Map(plan.staffing.map((s) => [s.visitKey, s]));
  const visitRows: RoundVisitInsert[] = [];
  const assignmentRows: AssignmentInsert[] = [];
  const drafts: EventDraft[] = [];
  for (const visit of plan.visits) {
    const id = crypto.randomUUID();
    const staffing = staffingOf.get(visit.key);
    const shopperId = staffing?.shopperId ?? null;
    const assignmentId = shopperId ? crypto.randomUUID() : null;
    visitRows.push({
      id,
      organizationId: actor.organizationId,
      roundId: input.id,
      branchId: visit.branchId,
      visitKey: visit.key,
      windowStart: visit.windowStart,
      windowEnd: visit.windowEnd,
      stratum: visit.stratum,
      scenarioEn: visit.scenario.en,
      scenarioZh: visit.scenario.zh,
      status: input.staffing === "board" ? "posted" : shopperId ? "staffed" : "unstaffed",
      assignmentId,
      unstaffedReason: (staffing?.reason ?? null) as Record<string, unknown> | null,
      createdAt: now,
    });
    if (shopperId && assignmentId) {
      const assignment = {
        branchId: visit.branchId,
        checklistVersionId: plan.versionId,
        shopperId,
        windowStart: visit.windowStart,
        windowEnd: visit.windowEnd,
        scenario: visit.scenario.en,
      };
      assignmentRows.push({
        id: assignmentId,
        organizationId: actor.organizationId,
        ...assignment,
        status: "open",
        reshopOf: null,
        roundId: input.id,
        roundVisitId: id,
        scenarioZh: visit.scenario.zh,
        feeCents: input.feeCents,
        reimbursementCapCents: input.reimbursementCapCents,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      drafts.push({
        type: "assignment.created",
        subject: { type: "assignment", id: assignmentId },
        payload: { ...assignment, roundId: input.id },
      });
    }
  }
  const summary = summarizeRound(plan.visits, plan.staffing);
  const posted = input.staffing === "board" ? plan.visits.length : 0;
  drafts.unshift({
    type: "round.created",
    subject: { type: "round", id: input.id },
    payload: {
      name: input.name,
      checklistVersionId: plan.versionId,
      period: input.period,
      staffing: input.staffing,
      ratingFloor: input.ratingFloor,
      visits: summary.visits,
      staffed: summary.staffed,
      unstaffed: summary.unstaffed - posted,
      posted,
      byRegion: summary.byRegion,
    },
  });
  const round = {
    id: input.id,
    organizationId: actor.organizationId,
    name: input.name,
    checklistId: input.checklistId,
    checklistVersionId: plan.versionId,
    periodStart: input.period.from,
    periodEnd: input.period.to,
    target: input.target as unknown as Record<string, unknown>,
    visitsPerBranch: input.visitsPerBranch,
    minGapDays: input.minGapDays,
    windowDays: input.windowDays,
    strata: input.strata,
    scenarios: input.scenarios,
    blackoutDates: input.blackoutDates,
    feeCents: input.feeCents,
    reimbursementCapCents: input.reimbursementCapCents,
    staffing: input.staffing,
    ratingFloor: input.ratingFloor,
    seed: plan.seed,
    status: "committed" as const,
    createdBy: actor.userId,
    createdAt: now,
  };
  return { round, visitRows, assignmentRows, drafts, summary, posted };
}

/**
 * Audit rounds (docs/ROUNDS.md): admins preview, commit and cancel them; analysts read them and
 * their coverage; everyone else is refused (403).
 */
export const roundRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "round"), validate("query", listRoundsQuerySchema), async (c) => {
    const actor = requireActor(c);
    const { cursor, limit } = c.req.valid("query");
    const rows = await listRoundsQuery(c.var.db, actor.organizationId, cursor, limit);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      items: page.map(presentRoundListItem),
      nextCursor: rows.length > limit && last ? `${last.round.createdAt}.${last.round.id}` : null,
    });
  })
  .post(
    "/preview",
    permitRole("create", "round"),
    validate("query", previewQuery),
    validate("json", roundBody),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      // The shoppers' figures are read in the context's batch, and their ratings cached.
      const [settings, checklist, branches, regions, shoppers, past, open, existing, ...figures] = await db.batch([
        ...roundContextStatements(db, actor.organizationId, {
          id: input.id,
          checklistId: input.checklistId,
          from: input.period.from,
          to: input.period.to,
        }),
        ...reliabilityStatements(db, actor.organizationId, now),
      ]);
      const ratings = readReliability(figures);
      const [firstWrite, ...writes] = saveRatingsStatements(db, actor.organizationId, ratings, now);
      if (firstWrite) await db.batch([firstWrite, ...writes]);
      const context = withRatings(
        readContext([settings, checklist, branches, regions, shoppers, past, open, existing], localDate),
        ratings,
      );
      const plan = planRound(input, context);
      const summary = summarizeRound(plan.visits, plan.staffing);
      const posted = input.staffing === "board" ? plan.visits.length : 0;
      const byKey = new Map(plan.staffing.map((s) => [s.visitKey, s]));
      return c.json({
        id: input.id,
        checklistVersionId: plan.versionId,
        seed: plan.seed,
        /** The round is already committed under this id (a commit now answers it as it is). */
        committed: context.existing !== null,
        summary: presentRoundSummary(summary, regionNames(context.regions), posted),
        visits:
          c.req.valid("query").visits === "true"
            ? plan.visits.map((v) => presentPlannedVisit(v, byKey.get(v.key)))
            : null,
      });
    },
  )
  .post("/", permitRole("create", "round"), validate("json", roundBody), async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid("json");
    const db = c.var.db;
    const statements = roundContextStatements(db, actor.organizationId, {
      id: input.id,
      checklistId: input.checklistId,
      from: input.period.from,
      to: input.period.to,
    });
    const rated = Date.now();
    const [settings, checklist, branches, regions, shoppers, past, open, existing, head, ...figures] = await db.batch([
      ...statements,
      chainHeadQuery(db, actor.organizationId),
      ...reliabilityStatements(db, actor.organizationId, rated),
    ]);
    const ratings = readReliability(figures);
    const context = withRatings(
      readContext([settings, checklist, branches, regions, shoppers, past, open, existing], localDate),
      ratings,
    );
    const repeat = async (row: RoundRow) => {
      if (storedDefinitionOf({ ...row, ...parsedJson(row) }) !== definitionOf(input))
        throw new ApiError("conflict", "A different round was already committed under this id");
      const detail = await roundDetail(db, actor.organizationId, row.id);
      if (!detail) throw new ApiError("not_found");
      return c.json(detail, 200);
    };
    if (context.existing) return repeat(context.existing);

    const plan = planRound(input, context);
    const now = Date.now();
    const { round, visitRows, assignmentRows, drafts, summary, posted } = commitRows(input, plan, actor, now);
    try {
      await recordChange(db, {
        organizationId: actor.organizationId,
        actor: { userId: actor.userId, role: actor.role },
        head: chainHeadOf(head),
        drafts,
        // The ratings the staffing used are cached with the round (the same batch).
        change: [
          ...commitRoundStatements(db, round, visitRows, assignmentRows),
          ...saveRatingsStatements(db, actor.organizationId, ratings, rated),
        ],
        at: now,
      });
    } catch (error) {
      // Another request committed this id meanwhile (a double click): answer its round.
      if (!isRoundTaken(error)) throw error;
      const [row] = await selectRound(db, actor.organizationId, input.id);
      if (!row) throw new ApiError("conflict", "This id is taken", { cause: error });
      return repeat(row);
    }
    const counts = visitCounts(visitRows as Array<{ status: RoundVisitRow["status"] }>);
    return c.json(
      {
        round: presentRound({ ...round, cancelledAt: null, version: 1 }, counts),
        summary: presentRoundSummary(summary, regionNames(context.regions), posted),
      },
      201,
    );
  })
  .get("/:id", permitRole("read", "round"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const detail = await roundDetail(c.var.db, actor.organizationId, c.req.valid("param").id);
    if (!detail) throw new ApiError("not_found");
    return c.json(detail, 200);
  })
  .get("/:id/coverage", permitRole("read", "round"), validate("query", coverageQuery), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [[round], visits, branches, regions] = await db.batch([
      selectRound(db, actor.organizationId, id),
      roundVisitsQuery(db, actor.organizationId, id),
      roundBranchesQuery(db, actor.organizationId, id),
      regionsQuery(db, actor.organizationId),
    ]);
    if (!round) throw new ApiError("not_found");
    const today = todayIn(Date.now());
    const timezoneOf = new Map(branches.map((b) => [b.id, b.timezone]));
    const coverage = roundCoverage(visits, (branchId) => today(timezoneOf.get(branchId) ?? "UTC"));
    const body = presentCoverage(id, coverage, regionNames(regions), new Map(branches.map((b) => [b.id, b])));
    if (c.req.valid("query").format === "csv") {
      return c.body(BOM + csvRow(COVERAGE_COLUMNS) + csvRows(coverageCsvRows(body)), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="courtesy-round-coverage-${round.periodStart}-${round.periodEnd}.csv"`,
      });
    }
    return c.json(body, 200);
  })
  .post("/:id/cancel", permitRole("update", "round"), validate("json", cancelRoundBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const { version } = c.req.valid("json");
    // A report (or a claim) that lands between the read and the write makes the batch refuse
    // (`cancelRoundStatements`): then read again, so the trail names only what was cancelled.
    for (let attempt = 1; ; attempt++) {
      const [[row], open, head] = await db.batch([
        selectRound(db, actor.organizationId, id),
        openRoundAssignmentsQuery(db, actor.organizationId, id),
        chainHeadQuery(db, actor.organizationId),
      ]);
      if (!row) throw new ApiError("not_found");
      if (row.version !== version) throw staleVersion(row.version);
      if (row.status !== "committed") throw new ApiError("invalid_state", "This round is already cancelled");
      const drafts: EventDraft[] = [
        {
          type: "round.cancelled",
          subject: { type: "round", id },
          payload: { name: row.name, assignments: open.length },
        },
        ...open.map(
          (a): EventDraft => ({
            type: "assignment.cancelled",
            subject: { type: "assignment", id: a.id },
            payload: { branchId: a.branchId, shopperId: a.shopperId, roundId: id },
          }),
        ),
      ];
      try {
        await recordChange(db, {
          organizationId: actor.organizationId,
          actor: { userId: actor.userId, role: actor.role },
          head: chainHeadOf(head),
          drafts,
          change: cancelRoundStatements(
            db,
            actor.organizationId,
            { id, version },
            open.map((a) => a.id),
            Date.now(),
          ),
          guarded: true,
        });
        break;
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        // The next read answers 409 when the round itself moved on.
        if (attempt >= CANCEL_ATTEMPTS)
          throw new ApiError("conflict", "The round's visits kept changing while it was cancelled; try again", {
            cause: error,
          });
      }
    }
    const detail = await roundDetail(db, actor.organizationId, id);
    if (!detail) throw new ApiError("not_found");
    return c.json(detail, 200);
  });
