/**
 * Bodies and queries of audit rounds (`/rounds`) and shoppers' coverage profiles
 * (`/shoppers/:membershipId/profile`). The round's own checks here are the ones a form can show
 * field by field; what needs the organisation's branches (a period too short for the gap, a
 * slice with no allowed day) is the engine's answer, turned into field errors by the route.
 */
import { z } from "zod";
import { ROUND_STAFFING } from "../../schema/enums";
import { isCalendarDate } from "../domain/periods";
import { MAX_ROUND_DAYS } from "../domain/round-generation";
import { dayNumber } from "../domain/rounds";
import { channel, id, instantCursor, multilineText, text, version } from "./common";

/** A calendar date written YYYY-MM-DD that exists (2026-02-30 does not). */
const calendarDate = z
  .string()
  .max(10)
  .refine(isCalendarDate, { message: "Use a real date like 2026-03-01", params: { code: "invalid_format" } });

/** A time of day, HH:MM (24 hours). */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 09:30");

/** Shares of the day-part strata add up to this. */
export const STRATA_TOTAL = 100;
/** Most targeted branches listed by id (an organisation's whole estate fits; "all" is the usual way). */
export const MAX_TARGET_BRANCHES = 10_000;
/** Most blackout dates: one a day of the longest period. */
export const MAX_BLACKOUT_DATES = MAX_ROUND_DAYS;
/** Most scenarios in a round's pool, and day-part strata. */
export const MAX_SCENARIOS = 50;
export const MAX_STRATA = 12;
/** The largest fee or reimbursement cap, in cents (a million in the currency's unit). */
export const MAX_CENTS = 100_000_000;

const target = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("all") }),
  z.strictObject({ kind: z.literal("regions"), regionIds: z.array(id).min(1).max(200) }),
  z.strictObject({ kind: z.literal("channel"), channel }),
  z.strictObject({ kind: z.literal("branches"), branchIds: z.array(id).min(1).max(MAX_TARGET_BRANCHES) }),
]);

const stratum = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "Use letters, digits, - and _ only"),
  share: z.number().gt(0).max(STRATA_TOTAL),
  days: z.enum(["weekday", "weekend", "any"]),
  hours: z.tuple([clock, clock]).optional(),
});

const scenario = z.strictObject({
  en: multilineText(2000),
  zh: multilineText(2000),
  channel: channel.optional(),
});

const cents = z.number().int().min(0).max(MAX_CENTS);

/**
 * A round as the admin plans it, for `POST /rounds/preview` and `POST /rounds` alike. `id` is
 * the client's UUID: the seed of generation (`seedOf`), so a preview and the commit agree, and
 * the key of the commit, so a double click makes one round.
 */
export const roundBody = z
  .strictObject({
    id: z.uuid(),
    name: text(120),
    checklistId: id,
    period: z.strictObject({ from: calendarDate, to: calendarDate }),
    target,
    visitsPerBranch: z.number().int().min(1).max(31),
    minGapDays: z.number().int().min(0).max(MAX_ROUND_DAYS),
    windowDays: z.number().int().min(1).max(31),
    strata: z.array(stratum).min(1).max(MAX_STRATA),
    scenarios: z.array(scenario).min(1).max(MAX_SCENARIOS),
    blackoutDates: z.array(calendarDate).max(MAX_BLACKOUT_DATES).default([]),
    feeCents: cents.default(0),
    reimbursementCapCents: cents.default(0),
    staffing: z.enum(ROUND_STAFFING).default("rule"),
    /**
     * Shoppers with an established reliability rating below this are not staffed (0..100; null:
     * no floor). A provisional rating or none passes (docs/QUALITY.md, "Reliability").
     */
    ratingFloor: z.number().min(0).max(100).nullable().default(null),
  })
  .superRefine((round, ctx) => {
    const issue = (path: PropertyKey[], message: string, code: string) =>
      ctx.addIssue({ code: "custom", path, message, params: { code } });
    const { from, to } = round.period;
    if (isCalendarDate(from) && isCalendarDate(to)) {
      const days = dayNumber(to) - dayNumber(from) + 1;
      if (days < 1) issue(["period", "to"], `The period ends (${to}) before it starts (${from})`, "invalid_value");
      else if (days > MAX_ROUND_DAYS)
        issue(["period", "to"], `The period has ${days} days; a round lasts at most ${MAX_ROUND_DAYS}`, "too_big");
    }
    const total = round.strata.reduce((sum, s) => sum + s.share, 0);
    // Shares are whole or decimal percentages: compare at a hundredth of a percent.
    if (Math.abs(total - STRATA_TOTAL) > 0.005)
      issue(
        ["strata"],
        `The day-parts' shares add up to ${total}; they must add up to ${STRATA_TOTAL}`,
        "invalid_value",
      );
    round.strata.forEach((s, i) => {
      if (round.strata.findIndex((t) => t.key === s.key) !== i)
        issue(["strata", i, "key"], `Another day-part already has the key "${s.key}"`, "taken");
      if (s.hours && s.hours[0] >= s.hours[1])
        issue(
          ["strata", i, "hours"],
          `The hours end (${s.hours[1]}) before they start (${s.hours[0]})`,
          "invalid_value",
        );
    });
  });

export type RoundInput = z.output<typeof roundBody>;

/** `POST /rounds/preview?visits=true` also answers every generated visit (for a calendar of the plan). */
export const previewQuery = z.strictObject({
  visits: z.enum(["true", "false"]).optional(),
});

/** Rounds newest first, in pages: `<createdAt>.<id>` of the last round of the previous page. */
export const listRoundsQuery = z.strictObject({
  cursor: instantCursor("createdAt").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** `?format=csv` answers the coverage as a spreadsheet (one row per branch). */
export const coverageQuery = z.strictObject({
  format: z.enum(["json", "csv"]).default("json"),
});

export const cancelRoundBody = z.strictObject({ version });

/** `/shoppers/:membershipId/profile`: a membership id that cannot name one is 404 (`validateRowParam`). */
export const membershipParam = z.object({ membershipId: id });

/** What a shopper covers. Their rating is issue 16's (read-only here). */
export const shopperProfileBody = z.strictObject({
  channels: z
    .array(channel)
    .max(2)
    .refine((list) => new Set(list).size === list.length, "A channel is listed twice"),
  regionIds: z.array(id).max(200),
  cities: z.array(text(80)).max(100),
  excludedBranchIds: z.array(id).max(500),
  /** The profile's version the change is based on (1 for a shopper without one yet). */
  version,
});
