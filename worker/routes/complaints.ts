/**
 * Complaints (docs/COMPLAINTS.md): logged by the branch, moved through the handbook's steps by
 * `complaintStep` (domain/complaints.ts), with deadlines fixed at logging in the branch's
 * business days. Every change is ONE batch: the guarded UPDATE (or INSERT) and its event.
 *
 * Order of refusals: a role that may never read complaints 403 (before the body is read); a
 * bad body 400; a complaint or branch the caller cannot see 404; a role that may not write 403;
 * a stale `version` 409 `stale_version`; a step the status does not allow 409 `invalid_state`;
 * then the references in the body (categories, summary window) 400.
 */

import { and, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { complaints, organizations } from "../../schema";
import type { ComplaintStatus, RemedyKind } from "../../schema/enums";
import { fieldChanges, orStale, recordChange, staleVersion } from "../data/changes";
import {
  type ComplaintFilter,
  type ComplaintRow,
  type ComplaintSet,
  calendarDaysQuery,
  complaintBranchQuery,
  complaintHistoryQuery,
  complaintQuery,
  complaintSettingsQuery,
  complaintUpdateStatement,
  complaintVersion,
  listComplaintsQuery,
  publishedDocumentsQuery,
  replaceCalendarYearStatements,
} from "../data/complaints";
import { isUniqueViolation, parseJsonColumn } from "../data/db";
import { chainHeadOf, chainHeadQuery } from "../data/events";
import type { SessionActor } from "../data/sessions";
import { type Calendar, calendarOf, dateIn, plusDays } from "../domain/business-days";
import type { ChecklistDocument } from "../domain/checklists";
import {
  type ComplaintSettings,
  complaintDeadlines,
  complaintStep,
  factsEditable,
  followUpDue,
  overdue,
  withinSummaryWindow,
} from "../domain/complaints";
import { branchScope, complaintView } from "../domain/policy";
import type { EventDraft } from "../domain/trail";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError, type FieldError } from "../lib/errors";
import { validate, validateRowId } from "../lib/validate";
import {
  calendarQuery,
  complaintStepBody,
  createComplaintBody,
  followUpBody,
  listComplaintsQuery as listQuery,
  putCalendarBody,
  updateComplaintBody,
} from "../validation/complaints";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Category = { checklistId: string; sectionKey: string; itemKey?: string };

/** The calendar days a complaint received on `date` may need: its deadlines lie within ~9 weeks. */
async function calendarFrom(db: AppEnv["Variables"]["db"], organizationId: string, date: string): Promise<Calendar> {
  return calendarOf(await calendarDaysQuery(db, organizationId, plusDays(date, -7), plusDays(date, 120)));
}

function settingsOf(row: Awaited<ReturnType<typeof complaintSettingsQuery>>[number] | undefined): ComplaintSettings {
  if (!row) throw new ApiError("not_found");
  return row;
}

/** The list item of a complaint. */
function presentItem(row: ComplaintRow, now: number) {
  return {
    id: row.id,
    branch: { id: row.branchId, code: row.branchCode, nameEn: row.branchNameEn, nameZh: row.branchNameZh },
    channel: row.channel,
    receivedAt: iso(row.receivedAt),
    product: row.product,
    problem: row.problem,
    status: row.status,
    acknowledgeBy: iso(row.acknowledgeBy),
    remedyBy: iso(row.remedyBy),
    resolveBy: iso(row.resolveBy),
    followUpDue: iso(row.followUpDue),
    overdue: overdue(row, now),
    categories: parseJsonColumn<Category[]>(row.categories),
    tags: parseJsonColumn<string[]>(row.tags),
    version: row.version,
  };
}

type HistoryRow = Awaited<ReturnType<typeof complaintHistoryQuery>>[number];

/** A complaint with every fact, the contact details only for those who may see them, and its steps. */
function presentComplaint(actor: SessionActor, row: ComplaintRow, history: readonly HistoryRow[], now: number) {
  const visible = complaintView(actor).contact;
  const erased = row.contactErasedAt !== null;
  return {
    ...presentItem(row, now),
    wants: row.wants,
    purchaseDate: row.purchaseDate,
    purchasePlace: row.purchasePlace,
    transcript: row.transcript,
    customer: visible
      ? { name: row.customerName, phone: row.customerPhone, email: row.customerEmail, consent: row.contactConsent }
      : null,
    contactVisible: visible,
    contactErased: erased,
    acknowledgedAt: iso(row.acknowledgedAt),
    remedyKind: row.remedyKind,
    remedyAmountCents: row.remedyAmountCents,
    remedyNote: row.remedyNote,
    remedyProposedAt: iso(row.remedyProposedAt),
    resolution: row.resolution,
    summaryResolution: row.summaryResolution,
    resolvedAt: iso(row.resolvedAt),
    satisfaction: row.satisfaction,
    followUpComment: row.followUpComment,
    followedUpAt: iso(row.followedUpAt),
    closeReason: row.closeReason,
    closedAt: iso(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    steps: history.map((h) => ({
      type: h.type,
      at: iso(h.at),
      actorName: h.actorId === null ? null : (h.actorName ?? ""),
      payload: parseJsonColumn<Record<string, unknown>>(h.payload),
    })),
  };
}

/** The complaint as the policy describes it; 404 when the caller cannot see it. */
function assertComplaint(actor: SessionActor, action: "read" | "update", row: ComplaintRow | undefined): ComplaintRow {
  if (!row) throw new ApiError("not_found");
  authorize(actor, action, { type: "complaint", branchId: row.branchId, regionId: row.regionId });
  return row;
}

/** Categories that name a section (and item) of the checklist's published version; else field errors. */
async function checkCategories(
  db: AppEnv["Variables"]["db"],
  organizationId: string,
  categories: readonly Category[],
): Promise<FieldError[]> {
  if (!categories.length) return [];
  const ids = [...new Set(categories.map((c) => c.checklistId))];
  const rows = await publishedDocumentsQuery(db, organizationId, ids);
  const latest = new Map<string, { number: number; document: ChecklistDocument }>();
  for (const row of rows) {
    const known = latest.get(row.checklistId);
    if (!known || row.number > known.number)
      latest.set(row.checklistId, { number: row.number, document: parseJsonColumn<ChecklistDocument>(row.document) });
  }
  const errors: FieldError[] = [];
  categories.forEach((c, index) => {
    const document = latest.get(c.checklistId)?.document;
    const section = document?.sections.find((s) => s.key === c.sectionKey);
    const path = !document ? "checklistId" : !section ? "sectionKey" : "itemKey";
    const fits = section && (c.itemKey === undefined || section.items.some((i) => i.key === c.itemKey));
    if (!fits)
      errors.push({
        path: `categories[${index}].${path}`,
        code: "unknown_reference",
        message: "Not in the checklist's published version",
      });
  });
  return errors;
}

function invalid(errors: FieldError[]): void {
  if (errors.length) throw new ApiError("validation_failed", "The complaint is not valid", { errors });
}

/** The stored columns of the facts a body gives (undefined: not given). */
function factColumns(input: {
  channel?: string;
  receivedAt?: number;
  problem?: string;
  product?: string;
  wants?: string;
  purchaseDate?: string | null;
  purchasePlace?: string;
  customer?: { name?: string; phone?: string; email?: string; consent: boolean } | null;
  categories?: Category[];
  tags?: string[];
  transcript?: string;
}): ComplaintSet {
  const set: ComplaintSet = {
    channel: input.channel as ComplaintSet["channel"],
    receivedAt: input.receivedAt,
    problem: input.problem,
    product: input.product,
    wants: input.wants,
    purchaseDate: input.purchaseDate,
    purchasePlace: input.purchasePlace,
    categories: input.categories,
    tags: input.tags === undefined ? undefined : [...new Set(input.tags)],
    transcript: input.transcript,
  };
  if (input.customer !== undefined) {
    const c = input.customer;
    set.customerName = c?.name ?? "";
    set.customerPhone = c?.phone ?? "";
    set.customerEmail = c?.email ?? "";
    set.contactConsent = c?.consent ?? false;
  }
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as ComplaintSet;
}

/** Whether a creation sent again is the same one (the facts it would write are the ones stored). */
function sameCreation(row: ComplaintRow, branchId: string, columns: ComplaintSet): boolean {
  if (row.branchId !== branchId) return false;
  const stored: Record<string, unknown> = {
    ...row,
    categories: parseJsonColumn(row.categories),
    tags: parseJsonColumn(row.tags),
  };
  const defaults: Record<string, unknown> = {
    product: "",
    wants: "",
    purchaseDate: null,
    purchasePlace: "",
    customerName: "",
    customerPhone: "",
    customerEmail: "",
    contactConsent: false,
    categories: [],
    tags: [],
    transcript: "",
  };
  const wanted: Record<string, unknown> = { ...defaults, ...columns };
  return Object.entries(wanted).every(([key, value]) => JSON.stringify(stored[key]) === JSON.stringify(value));
}

/** What a step writes. */
function stepSet(
  step: "acknowledge" | "propose_remedy" | "resolve" | "close",
  next: ComplaintStatus,
  input: {
    remedyKind?: RemedyKind;
    remedyAmountCents?: number;
    remedyNote?: string;
    resolution?: string;
    summary?: boolean;
    closeReason?: string;
  },
  actor: SessionActor,
  now: number,
  followUp: number | null,
): { set: ComplaintSet; payload: Record<string, unknown> } {
  switch (step) {
    case "acknowledge":
      return { set: { status: next, acknowledgedAt: now, acknowledgedBy: actor.userId }, payload: {} };
    case "propose_remedy":
      return {
        set: {
          status: next,
          remedyKind: input.remedyKind ?? "other",
          remedyAmountCents: input.remedyAmountCents ?? null,
          remedyNote: input.remedyNote ?? "",
          remedyProposedAt: now,
          remedyProposedBy: actor.userId,
        },
        payload: {
          remedyKind: input.remedyKind,
          remedyAmountCents: input.remedyAmountCents ?? null,
          remedyNote: input.remedyNote ?? "",
        },
      };
    case "resolve":
      return {
        set: {
          status: next,
          resolution: input.resolution ?? "",
          summaryResolution: input.summary ?? false,
          resolvedAt: now,
          resolvedBy: actor.userId,
          followUpDue: followUp,
        },
        payload: { resolution: input.resolution, summary: input.summary ?? false, followUpDue: iso(followUp) },
      };
    case "close":
      return {
        set: { status: next, closeReason: input.closeReason ?? "", closedAt: now, closedBy: actor.userId },
        payload: { reason: input.closeReason },
      };
  }
}

/** Writes a guarded change with its events and answers the complaint as it is now. */
async function commit(
  c: { var: AppEnv["Variables"] },
  actor: SessionActor,
  row: ComplaintRow,
  version: number,
  set: ComplaintSet,
  drafts: EventDraft[],
  head: ReturnType<typeof chainHeadOf>,
  now: number,
) {
  const db = c.var.db;
  const org = actor.organizationId;
  const { after } = await orStale(
    recordChange(db, {
      organizationId: org,
      actor,
      head,
      at: now,
      drafts,
      change: [complaintUpdateStatement(db, org, row.id, version, set, now)],
      guarded: true,
      after: [complaintQuery(db, org, row.id), complaintHistoryQuery(db, org, row.id)],
    }),
    () => complaintVersion(db, org, row.id),
  );
  const [written] = after[0] as ComplaintRow[];
  if (!written) throw new ApiError("not_found");
  return presentComplaint(actor, written, after[1] as HistoryRow[], now);
}

/** Complaints of the branches in the caller's scope. */
export const complaintRoutes = new Hono<AppEnv>()
  .get("/", permitRole("list", "complaint"), validate("query", listQuery), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const { cursor, limit, ...filter } = c.req.valid("query");
    const now = Date.now();
    const rows = await listComplaintsQuery(
      db,
      actor.organizationId,
      branchScope(actor),
      filter as ComplaintFilter,
      now,
      cursor,
      limit,
    );
    const items = rows.slice(0, limit).map((row) => presentItem(row, now));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return c.json({ items, nextCursor: last ? `${last.receivedAt}.${last.id}` : null });
  })
  .post("/", permitRole("create", "complaint"), validate("json", createComplaintBody), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const org = actor.organizationId;
    const { id, branchId, ...input } = c.req.valid("json");
    const [[branch], [settingsRow], head, [existing]] = await db.batch([
      complaintBranchQuery(db, org, branchId),
      complaintSettingsQuery(db, org),
      chainHeadQuery(db, org),
      complaintQuery(db, org, id),
    ]);
    if (!branch) throw new ApiError("not_found");
    authorize(actor, "create", { type: "complaint", branchId: branch.id, regionId: branch.regionId });
    const columns = factColumns(input);
    const replay = (row: ComplaintRow, history: HistoryRow[]) => {
      if (row.loggedBy !== actor.userId || !sameCreation(row, branchId, columns))
        throw new ApiError("conflict", "This id is taken: send the complaint with a new one");
      return presentComplaint(actor, row, history, Date.now());
    };
    if (existing) return c.json({ complaint: replay(existing, await complaintHistoryQuery(db, org, id)) }, 200);

    const now = Date.now();
    const receivedAt = input.receivedAt;
    const errors = await checkCategories(db, org, input.categories ?? []);
    if (receivedAt > now + 5 * 60_000)
      errors.push({ path: "receivedAt", code: "not_allowed", message: "A complaint cannot be received in the future" });
    invalid(errors);
    const settings = settingsOf(settingsRow);
    const calendar = await calendarFrom(db, org, dateIn(receivedAt, branch.timezone));
    const deadlines = complaintDeadlines(receivedAt, settings, branch.timezone, calendar);
    const hasContact = Boolean(columns.customerName || columns.customerPhone || columns.customerEmail);

    const written = await recordChange(db, {
      organizationId: org,
      actor,
      head: chainHeadOf(head),
      at: now,
      drafts: [
        {
          type: "complaint.created",
          subject: { type: "complaint", id },
          // Never the contact details: the trail keeps no data the erasure must remove.
          payload: {
            branchId,
            channel: input.channel,
            receivedAt: iso(receivedAt),
            acknowledgeBy: iso(deadlines.acknowledgeBy),
            remedyBy: iso(deadlines.remedyBy),
            resolveBy: iso(deadlines.resolveBy),
            categories: input.categories ?? [],
            contact: hasContact,
          },
        },
      ],
      change: [
        db.insert(complaints).values({
          ...columns,
          id,
          organizationId: org,
          branchId,
          channel: input.channel,
          receivedAt,
          problem: input.problem,
          ...deadlines,
          loggedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        }),
      ],
      after: [complaintQuery(db, org, id), complaintHistoryQuery(db, org, id)],
    }).catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      // Two sends of one creation raced: the other one made it.
      const [row] = await complaintQuery(db, org, id);
      if (!row) throw new ApiError("conflict", "This id is taken: send the complaint with a new one");
      return { replay: replay(row, await complaintHistoryQuery(db, org, id)) };
    });
    if ("replay" in written) return c.json({ complaint: written.replay }, 200);
    const [row] = written.after[0] as ComplaintRow[];
    if (!row) throw new Error("complaint vanished after insert");
    return c.json({ complaint: presentComplaint(actor, row, written.after[1] as HistoryRow[], now) }, 201);
  })
  .get("/:id", permitRole("read", "complaint"), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const id = c.req.valid("param").id;
    const [[found], history] = await db.batch([
      complaintQuery(db, actor.organizationId, id),
      complaintHistoryQuery(db, actor.organizationId, id),
    ]);
    const row = assertComplaint(actor, "read", found);
    return c.json({ complaint: presentComplaint(actor, row, history, Date.now()) });
  })
  .patch("/:id", permitRole("read", "complaint"), validate("json", updateComplaintBody), validateRowId(), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const org = actor.organizationId;
    const id = c.req.valid("param").id;
    const { version, ...input } = c.req.valid("json");
    const [[found], head, [settingsRow]] = await db.batch([
      complaintQuery(db, org, id),
      chainHeadQuery(db, org),
      complaintSettingsQuery(db, org),
    ]);
    const row = assertComplaint(actor, "update", found);
    if (version !== row.version) throw staleVersion(row.version);
    if (!factsEditable(row.status))
      throw new ApiError("invalid_state", "A finished complaint's facts stay as they are");
    if (row.contactErasedAt !== null && input.customer)
      throw new ApiError("invalid_state", "The contact details were erased; they are not taken again");
    const now = Date.now();
    const errors = await checkCategories(db, org, input.categories ?? []);
    if (input.receivedAt !== undefined && input.receivedAt > now + 5 * 60_000)
      errors.push({ path: "receivedAt", code: "not_allowed", message: "A complaint cannot be received in the future" });
    if (input.customer !== undefined && !complaintView(actor).contact)
      errors.push({
        path: "customer",
        code: "not_allowed",
        message: "Only the branch and admins handle contact details",
      });
    invalid(errors);

    const set = factColumns(input);
    const existing: Record<string, unknown> = {
      ...row,
      categories: parseJsonColumn(row.categories),
      tags: parseJsonColumn(row.tags),
    };
    const changes = fieldChanges(existing, set as Record<string, unknown>);
    // The trail says the contact details changed, never what they are.
    for (const key of ["customerName", "customerPhone", "customerEmail"])
      if (changes[key]) changes[key] = { from: "(contact)", to: "(contact)" };
    if (changes.transcript) changes.transcript = { from: "(transcript)", to: "(transcript)" };
    if (!Object.keys(changes).length)
      return c.json({ complaint: presentComplaint(actor, row, await complaintHistoryQuery(db, org, id), now) });
    if (changes.receivedAt) {
      // Deadlines follow the day received.
      const calendar = await calendarFrom(db, org, dateIn(set.receivedAt as number, row.timezone));
      Object.assign(set, complaintDeadlines(set.receivedAt as number, settingsOf(settingsRow), row.timezone, calendar));
    }
    const complaint = await commit(
      c,
      actor,
      row,
      version,
      set,
      [{ type: "complaint.changed", subject: { type: "complaint", id }, payload: { changes } }],
      chainHeadOf(head),
      now,
    );
    return c.json({ complaint });
  })
  .post(
    "/:id/steps",
    permitRole("read", "complaint"),
    validate("json", complaintStepBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const org = actor.organizationId;
      const id = c.req.valid("param").id;
      const { version, step, ...input } = c.req.valid("json");
      const [[found], head, [settingsRow]] = await db.batch([
        complaintQuery(db, org, id),
        chainHeadQuery(db, org),
        complaintSettingsQuery(db, org),
      ]);
      const row = assertComplaint(actor, "read", found);
      const t = complaintStep(row.status, step, actor.role);
      if (!t.ok && t.refusal === "forbidden") throw new ApiError("forbidden");
      authorize(actor, "update", { type: "complaint", branchId: row.branchId, regionId: row.regionId });
      if (version !== row.version) throw staleVersion(row.version);
      if (!t.ok) throw new ApiError("invalid_state", `A ${row.status} complaint cannot take this step`);
      const now = Date.now();
      let followUp: number | null = null;
      if (step === "resolve") {
        const calendar = await calendarFrom(db, org, dateIn(row.receivedAt, row.timezone));
        const settings = settingsOf(settingsRow);
        if (
          input.summary &&
          !withinSummaryWindow(row.receivedAt, now, settings.complaintSummaryDays, row.timezone, calendar)
        )
          invalid([
            {
              path: "summary",
              code: "not_allowed",
              message: `A summary resolution is only for complaints resolved within ${settings.complaintSummaryDays} business days`,
            },
          ]);
        const resolvedCalendar = await calendarFrom(db, org, dateIn(now, row.timezone));
        followUp = followUpDue(now, row.timezone, resolvedCalendar);
      }
      const plan = stepSet(step, t.next, input, actor, now, followUp);
      const complaint = await commit(
        c,
        actor,
        row,
        version,
        plan.set,
        [{ type: t.event, subject: { type: "complaint", id }, payload: plan.payload }],
        chainHeadOf(head),
        now,
      );
      return c.json({ complaint });
    },
  )
  .post(
    "/:id/follow-up",
    permitRole("read", "complaint"),
    validate("json", followUpBody),
    validateRowId(),
    async (c) => {
      const actor = requireActor(c);
      const db = c.var.db;
      const org = actor.organizationId;
      const id = c.req.valid("param").id;
      const { version, satisfaction, comment } = c.req.valid("json");
      const [[found], head] = await db.batch([complaintQuery(db, org, id), chainHeadQuery(db, org)]);
      const row = assertComplaint(actor, "read", found);
      const t = complaintStep(row.status, "follow_up", actor.role);
      if (!t.ok && t.refusal === "forbidden") throw new ApiError("forbidden");
      authorize(actor, "update", { type: "complaint", branchId: row.branchId, regionId: row.regionId });
      if (version !== row.version) throw staleVersion(row.version);
      if (!t.ok) throw new ApiError("invalid_state", `A ${row.status} complaint cannot be followed up`);
      const now = Date.now();
      const complaint = await commit(
        c,
        actor,
        row,
        version,
        {
          status: t.next,
          satisfaction,
          followUpComment: comment ?? "",
          followedUpAt: now,
          followedUpBy: actor.userId,
        },
        [{ type: t.event, subject: { type: "complaint", id }, payload: { satisfaction, comment: comment ?? "" } }],
        chainHeadOf(head),
        now,
      );
      return c.json({ complaint });
    },
  );

/** The organisation's version and one year's calendar days. */
async function calendarYear(db: AppEnv["Variables"]["db"], organizationId: string, year: number) {
  const [orgRows, days] = await db.batch([
    db
      .select({ version: organizations.version })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .limit(1),
    calendarDaysQuery(db, organizationId, `${year}-01-01`, `${year}-12-31`),
  ]);
  const org = orgRows[0];
  if (!org) throw new ApiError("not_found");
  return { year, days, version: org.version };
}

/**
 * The organisation's business-day calendar, a year at a time (admins; docs/COMPLAINTS.md). PUT
 * replaces the year's days; it is guarded by the organisation's version (a settings change in
 * between makes it stale, and it moves the version on).
 */
export const calendarRoutes = new Hono<AppEnv>()
  .get("/", permitRole("read", "calendar"), validate("query", calendarQuery), async (c) => {
    const actor = requireActor(c);
    const year = c.req.valid("query").year ?? new Date().getUTCFullYear();
    return c.json(await calendarYear(c.var.db, actor.organizationId, year));
  })
  .put("/", permitRole("update", "calendar"), validate("json", putCalendarBody), async (c) => {
    const actor = requireActor(c);
    const db = c.var.db;
    const org = actor.organizationId;
    const { year, days, version } = c.req.valid("json");
    const [current, head] = await Promise.all([calendarYear(db, org, year), chainHeadQuery(db, org)]);
    if (current.version !== version) throw staleVersion(current.version);
    const before = new Map(current.days.map((d) => [d.date, d]));
    const after = new Map(days.map((d) => [d.date, d]));
    const added = days.filter((d) => JSON.stringify(before.get(d.date)) !== JSON.stringify(d)).map((d) => d.date);
    const removed = current.days.filter((d) => !after.has(d.date)).map((d) => d.date);
    if (!added.length && !removed.length) return c.json(current);
    const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
    await orStale(
      recordChange(db, {
        organizationId: org,
        actor,
        head: chainHeadOf(head),
        drafts: [
          {
            type: "calendar.changed",
            subject: { type: "organization", id: org },
            payload: {
              year,
              set: added,
              removed,
              holidays: sorted.filter((d) => d.kind === "holiday").length,
              workdays: sorted.filter((d) => d.kind === "workday").length,
            },
          },
        ],
        change: [
          ...replaceCalendarYearStatements(db, org, year, sorted),
          db
            .update(organizations)
            .set({ version: sql`${organizations.version} + 1` })
            .where(and(eq(organizations.id, org), eq(organizations.version, version))),
        ],
        guarded: true,
      }),
      async () => (await calendarYear(db, org, year)).version,
    );
    return c.json(await calendarYear(db, org, year));
  });
