import { z } from "zod";
import { CALENDAR_DAY_KINDS, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, REMEDY_KINDS } from "../../schema/enums";
import { OVERDUE_KINDS } from "../domain/complaints";
import { isCalendarDate } from "../domain/periods";
import { id, instantCursor, multilineText, optionalMultilineText, optionalText, version } from "./common";

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23")
  .refine(isCalendarDate, "Not a calendar date");

/** An instant as ISO 8601 with a zone (`Z` or an offset). */
const instant = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

const key = z.string().trim().min(1).max(64);

/** Where a complaint falls in the audits' taxonomy (checked against the checklist's published version). */
const category = z.strictObject({ checklistId: id, sectionKey: key, itemKey: key.optional() });

/** The customer's contact details: kept only with their consent. */
const customer = z
  .strictObject({
    name: optionalText(120).optional(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ()-]*$/, "Use digits, spaces, +, ( ) and - only")
      .optional(),
    email: z.union([z.literal(""), z.string().trim().toLowerCase().max(254).pipe(z.email())]).optional(),
    consent: z.boolean(),
  })
  .superRefine((c, ctx) => {
    const given = Boolean(c.name || c.phone || c.email);
    if (given && !c.consent)
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message: "Contact details are kept only with the customer's consent",
        params: { code: "required" },
      });
  });

const tags = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(40)
      .refine((t) => !/[\p{Cc}]/u.test(t), "No control characters"),
  )
  .max(10);

/** The facts a complaint is logged with (all but the branch and id may be edited later). */
const facts = {
  channel: z.enum(COMPLAINT_CHANNELS),
  receivedAt: instant,
  problem: multilineText(4000),
  product: optionalText(200).optional(),
  wants: optionalMultilineText(2000).optional(),
  purchaseDate: calendarDate.nullable().optional(),
  purchasePlace: optionalText(200).optional(),
  customer: customer.nullable().optional(),
  categories: z.array(category).max(20).optional(),
  tags: tags.optional(),
  transcript: optionalMultilineText(50_000).optional(),
};

export const createComplaintBody = z.strictObject({
  /** Made by the phone once per form: the same id again is the same complaint. */
  id: z.uuid(),
  branchId: id,
  ...facts,
});

export const updateComplaintBody = z.strictObject({
  version,
  channel: facts.channel.optional(),
  receivedAt: facts.receivedAt.optional(),
  problem: facts.problem.optional(),
  product: facts.product,
  wants: facts.wants,
  purchaseDate: facts.purchaseDate,
  purchasePlace: facts.purchasePlace,
  customer: facts.customer,
  categories: facts.categories,
  tags: facts.tags,
  transcript: facts.transcript,
});

export const complaintStepBody = z
  .strictObject({
    version,
    step: z.enum(["acknowledge", "propose_remedy", "resolve", "close"]),
    remedyKind: z.enum(REMEDY_KINDS).optional(),
    /** In the organisation's currency's minor unit; at most 100 million. */
    remedyAmountCents: z.number().int().min(0).max(100_000_000).optional(),
    remedyNote: optionalMultilineText(2000).optional(),
    resolution: optionalMultilineText(4000).optional(),
    summary: z.boolean().optional(),
    closeReason: optionalMultilineText(1000).optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string, code: string) =>
      ctx.addIssue({ code: "custom", path: [path], message, params: { code } });
    const remedy = body.step === "propose_remedy";
    if (remedy && body.remedyKind === undefined) issue("remedyKind", "Say what is offered", "required");
    if (!remedy) {
      if (body.remedyKind !== undefined) issue("remedyKind", "A remedy goes with propose_remedy", "not_allowed");
      if (body.remedyAmountCents !== undefined)
        issue("remedyAmountCents", "A remedy goes with propose_remedy", "not_allowed");
      if (body.remedyNote !== undefined) issue("remedyNote", "A remedy goes with propose_remedy", "not_allowed");
    }
    if (body.step === "resolve" && !body.resolution) issue("resolution", "Say how it was resolved", "required");
    if (body.step !== "resolve" && body.resolution !== undefined)
      issue("resolution", "A resolution goes with resolve", "not_allowed");
    if (body.step !== "resolve" && body.summary !== undefined)
      issue("summary", "A summary resolution goes with resolve", "not_allowed");
    if (body.step === "close" && !body.closeReason) issue("closeReason", "Say why there is no follow-up", "required");
    if (body.step !== "close" && body.closeReason !== undefined)
      issue("closeReason", "A reason goes with close", "not_allowed");
  });

export const followUpBody = z.strictObject({
  version,
  satisfaction: z.number().int().min(1).max(5),
  comment: optionalMultilineText(2000).optional(),
});

/** `from`/`to`: a date (midnight UTC) or an instant; `to` excluded. */
const bound = z.union([
  calendarDate.transform((d) => Date.parse(`${d}T00:00:00Z`)),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
]);

export const listComplaintsQuery = z.strictObject({
  branchId: id.optional(),
  regionId: id.optional(),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  overdue: z.enum(OVERDUE_KINDS).optional(),
  from: bound.optional(),
  to: bound.optional(),
  /** A section or item key of the taxonomy. */
  category: key.optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  cursor: instantCursor("receivedAt", { refuseControls: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const calendarQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const putCalendarBody = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    days: z
      .array(
        z.strictObject({
          date: calendarDate,
          kind: z.enum(CALENDAR_DAY_KINDS),
          nameEn: optionalText(80).default(""),
          nameZh: optionalText(80).default(""),
        }),
      )
      .max(120),
    /** The organisation's version it was based on (`GET` gives it; 409 stale_version otherwise). */
    version,
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.days.forEach((day, index) => {
      if (!day.date.startsWith(`${body.year}-`))
        ctx.addIssue({
          code: "custom",
          path: ["days", index, "date"],
          message: `Not in ${body.year}`,
          params: { code: "not_allowed" },
        });
      if (seen.has(day.date))
        ctx.addIssue({
          code: "custom",
          path: ["days", index, "date"],
          message: "Given twice",
          params: { code: "taken" },
        });
      seen.add(day.date);
    });
  });
