/**
 * One visit's report while the shopper works on it (the form and the review share it): the
 * answers, visit times and notes, photos and stopwatches. Every change is written to IndexedDB
 * at once; the status says when the phone has it. Sessions live in memory per assignment, so
 * moving between the form and the review never waits for a reload.
 */
import { type Accessor, createRoot, createSignal } from "solid-js";
import type { SubmissionProblem } from "../../../worker/domain/audits";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { type AnswerStore, createAnswerStore } from "../../components/audit-form";
import type { LiveSupport } from "../../components/audit-form/live";
import {
  type DraftRecord,
  findDraftForAssignment,
  getPhoto,
  listDrafts,
  moveDraftToOutbox,
  outboxStore,
  type PhoneRecord,
  saveDraft,
  savePhoto,
} from "../../lib/local-store";
import type { OutboxEntry, ReportBody } from "../../lib/outbox";
import { entries, newOutboxEntry, refreshOutbox } from "../../lib/outbox-queue";
import type { checkReport } from "./report-check";
import { answersOf, entriesOf, newerDraft, staffDescriptionOf, startsFormClock } from "./visit-draft";
import { type Assignment, loadVersion, savedAssignment } from "./visits-data";

type Check = typeof checkReport;

/**
 * The server's rules for a report (report-check.ts, with worker/domain's scoring and audits): a
 * chunk of its own, fetched as a session opens, never in the way of the form's first screen.
 * `check` is set once it has arrived; a failed fetch (offline before the service worker kept
 * the app's files) is tried again at the next call.
 */
const [check, setCheck] = createSignal<Check>();
let checking: Promise<Check> | undefined;
function loadCheck(): Promise<Check> {
  checking ??= import("./report-check").then(
    (m) => {
      setCheck(() => m.checkReport);
      return m.checkReport;
    },
    (error: unknown) => {
      checking = undefined;
      throw error;
    },
  );
  return checking;
}

/**
 * The journal: unloading the page aborts IndexedDB transactions still open, so a draft write in
 * flight when the page is hidden or unloads (a quick reload, the phone killing the tab) would be
 * lost. Then the latest record of each draft not yet committed is written synchronously to
 * localStorage (the body only: photos are already in IndexedDB before an answer names them),
 * removed once IndexedDB has it, and taken back on the next open when newer (newerDraft).
 */
const JOURNAL = "courtesy:draft-journal:";
/** Each draft's latest record not yet committed to IndexedDB, by assignment. */
const unsaved = new Map<string, DraftRecord>();
/** What this tab wrote to the journal, by assignment (another tab's entry is not ours to remove). */
const journaled = new Map<string, string>();

function writeJournal(): void {
  for (const [id, record] of unsaved) {
    try {
      const text = JSON.stringify(record);
      localStorage.setItem(JOURNAL + id, text);
      journaled.set(id, text);
    } catch {
      // Quota, private mode: nothing to do (the IndexedDB write may still finish). Never throws.
    }
  }
}
function clearJournal(id: string, text = journaled.get(id)): void {
  journaled.delete(id);
  try {
    if (text !== undefined && localStorage.getItem(JOURNAL + id) === text) localStorage.removeItem(JOURNAL + id);
  } catch {
    // No storage: nothing was written.
  }
}
// Hidden (the shopper switches apps: the phone may kill the tab) or unloading (a reload). Shown
// again it writes too, harmlessly: only writes still on their way are journaled.
addEventListener("pagehide", writeJournal);
document.addEventListener("visibilitychange", writeJournal);
/** A draft record is in IndexedDB: the journal goes, unless a later record is still on its way. */
function committed(record: DraftRecord): void {
  if (unsaved.get(record.assignmentId) !== record) return;
  unsaved.delete(record.assignmentId);
  if (journaled.has(record.assignmentId)) clearJournal(record.assignmentId);
}
/** IndexedDB's draft, or the journal's when newer: written back to IndexedDB, then the journal goes. */
function withJournal(assignmentId: string, stored: DraftRecord | undefined): DraftRecord | undefined {
  let text: string | null;
  let journal: unknown;
  try {
    text = localStorage.getItem(JOURNAL + assignmentId);
    if (text === null) return stored;
    journal = JSON.parse(text);
  } catch {
    return stored;
  }
  const draft = newerDraft(stored, journal);
  if (draft === stored || !draft) clearJournal(assignmentId, text);
  else
    saveDraft(draft).then(
      () => clearJournal(assignmentId, text),
      () => undefined,
    );
  return draft;
}

export type SaveState = "saved" | "saving" | "failed";

type Meta = Omit<ReportBody, "answers">;

export interface VisitSession {
  auditId: string;
  assignmentId: string;
  doc: ChecklistDocument;
  /** The phone's copy of the assignment when the session opened (the form's title), if it has one. */
  assignment: Assignment | undefined;
  /** The answers; every change is saved. */
  answers: AnswerStore;
  meta: Readonly<Meta>;
  setMeta(patch: Partial<Meta>): void;
  section: Accessor<number>;
  setSection(index: number): void;
  live: LiveSupport;
  /** The report as it would be sent now (plain objects). */
  body: Accessor<ReportBody>;
  /** What stops the report from being sent, by the server's own rules; undefined until their chunk has arrived. */
  problems: Accessor<SubmissionProblem[] | undefined>;
  /** Whether the rules' chunk has arrived (`problems` then answers): cheap to track. */
  checkable: Accessor<boolean>;
  saveState: Accessor<SaveState>;
  saveError: Accessor<string | undefined>;
  /** The visit's facts for the quality flags (form timing, fixes): saved with the draft. */
  phone: Accessor<PhoneRecord>;
  setPhone(patch: Partial<PhoneRecord>): void;
  /** The form is on screen: starts its clock (formSeconds) unless it has one or was answered untimed. */
  formOpened(at: number): void;
  /** Moves the report, with the phone's facts, to the outbox (one transaction) and tries to send it. */
  submit(): Promise<OutboxEntry | undefined>;
}

const sessions = new Map<string, { session: VisitSession; dispose: () => void }>();
const urls = new Map<string, string>();

/** Whether any other report on this phone still needs a photo. */
async function photoInUse(sha: string, exceptAuditId: string): Promise<boolean> {
  const uses = (answers: ReportBody["answers"]) => answers.some((a) => a.evidence?.includes(sha));
  const drafts = await listDrafts();
  if (drafts.some((d) => d.auditId !== exceptAuditId && uses(d.body.answers))) return true;
  const queued = await outboxStore.listEntries();
  return queued.some((e) => e.state !== "sent" && e.photos.includes(sha));
}

function createSession(
  draft: DraftRecord,
  doc: ChecklistDocument,
  assignment: Assignment | undefined,
  dispose: () => void,
): VisitSession {
  const { answers: initialAnswers, ...initialMeta } = draft.body;
  const inner = createAnswerStore(entriesOf(initialAnswers));
  // Immutable records in signals (no deep store): each change replaces the record.
  const [meta, setMetaSignal] = createSignal<Meta>(structuredClone(initialMeta));
  const [section, setSectionSignal] = createSignal(draft.section);
  const [phone, setPhoneSignal] = createSignal<PhoneRecord>(structuredClone(draft.phone ?? {}));
  const [timers, setTimers] = createSignal<Readonly<Record<string, number>>>({ ...(draft.timers ?? {}) });
  const [saveState, setSaveState] = createSignal<SaveState>("saved");
  const [saveError, setSaveError] = createSignal<string>();
  const [photoUrls, setPhotoUrls] = createSignal<Readonly<Record<string, string>>>({});
  let pending = 0;
  let closed = false;

  // A plain copy of the draft, as IndexedDB stores it: every field of the report (the staff
  // name too, whatever today's policy: the server applies it), the location as plain numbers.
  // Worked out when asked (a save, the review, "what's left"), not when the session opens, and
  // once per change: the meta and the answers are immutable records, so their identity says.
  let made: { meta: Meta; entries: object; body: ReportBody } | undefined;
  const body = (): ReportBody => {
    const current = meta();
    const entries = inner.entries;
    if (made?.meta !== current || made.entries !== entries)
      made = { meta: current, entries, body: makeBody(current, entries) };
    return made.body;
  };
  function makeBody(whole: Meta, entries: typeof inner.entries): ReportBody {
    const { location, ...m } = whole;
    const answers = answersOf(doc, entries);
    return {
      ...m,
      location: location
        ? { lat: location.lat, lng: location.lng, accuracy: location.accuracy, takenAt: location.takenAt }
        : null,
      staffDescription: staffDescriptionOf(doc, answers, m.staffDescription),
      answers,
    };
  }
  let checked: { body: ReportBody; problems: SubmissionProblem[] } | undefined;
  const problems = () => {
    const run = check();
    if (!run) return undefined;
    const current = body();
    if (checked?.body !== current) checked = { body: current, problems: run(doc, current) };
    return checked.problems;
  };

  /** Writes the whole draft now. IndexedDB applies writes in the order they are made. */
  function persist() {
    if (closed) return;
    const record: DraftRecord = {
      auditId: draft.auditId,
      assignmentId: draft.assignmentId,
      body: body(),
      section: section(),
      updatedAt: Date.now(),
      timers: { ...timers() },
      phone: phone(),
    };
    pending++;
    setSaveState("saving");
    unsaved.set(record.assignmentId, record);
    saveDraft(record).then(
      () => {
        committed(record);
        pending--;
        if (pending === 0 && saveState() !== "failed") setSaveState("saved");
      },
      (error: unknown) => {
        pending--;
        setSaveState("failed");
        setSaveError(error instanceof Error ? error.name : String(error));
      },
    );
  }

  const answers: AnswerStore = {
    get entries() {
      return inner.entries;
    },
    setValue: (key, value) => {
      inner.setValue(key, value);
      persist();
    },
    setNa: (key, na) => {
      inner.setNa(key, na);
      persist();
    },
    setComment: (key, comment) => {
      inner.setComment(key, comment);
      persist();
    },
    setEvidence: (key, evidence) => {
      inner.setEvidence(key, evidence);
      persist();
    },
    clear: () => {
      inner.clear();
      persist();
    },
    list: () => inner.list(),
  };

  const live: LiveSupport = {
    photos: {
      url(sha) {
        const known = photoUrls()[sha] ?? urls.get(sha);
        if (known) return known;
        void getPhoto(sha).then((photo) => {
          if (!photo || !(photo.data instanceof Blob) || urls.has(sha)) return;
          const url = URL.createObjectURL(photo.data);
          urls.set(sha, url);
          setPhotoUrls((all) => ({ ...all, [sha]: url }));
        });
        return undefined;
      },
      async add(key, file) {
        // The photo pipeline (EXIF, dHash, re-encoding) is a chunk of its own, loaded on the first photo.
        const prepared = await (await import("../../lib/photos")).preparePhoto(file);
        await savePhoto({
          sha256: prepared.sha256,
          contentType: prepared.contentType,
          data: prepared.blob,
          uploaded: false,
          dHash: prepared.dHash,
          capturedAt: prepared.capturedAt,
        });
        if (!urls.has(prepared.sha256)) {
          const url = URL.createObjectURL(prepared.blob);
          urls.set(prepared.sha256, url);
          setPhotoUrls((all) => ({ ...all, [prepared.sha256]: url }));
        }
        const current = inner.entries[key]?.evidence ?? [];
        if (!current.includes(prepared.sha256)) answers.setEvidence(key, [...current, prepared.sha256]);
      },
      remove(key, sha) {
        const current = inner.entries[key]?.evidence ?? [];
        answers.setEvidence(
          key,
          current.filter((s) => s !== sha),
        );
        // The photo itself goes too, unless another answer or report still needs it.
        const stillHere = Object.values(inner.entries).some((e) => e.evidence?.includes(sha));
        if (stillHere) return;
        void photoInUse(sha, draft.auditId).then((used) => {
          if (!used) void outboxStore.deletePhoto(sha);
        });
      },
    },
    timers: {
      runningSince: (key) => timers()[key],
      start(key) {
        setTimers((all) => ({ ...all, [key]: Date.now() }));
        persist();
      },
      stop(key) {
        const since = timers()[key];
        setTimers((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== key)));
        persist();
        return since === undefined ? 0 : Math.max(0, Math.round((Date.now() - since) / 1000));
      },
    },
  };

  return {
    auditId: draft.auditId,
    assignmentId: draft.assignmentId,
    doc,
    assignment,
    answers,
    get meta() {
      return meta();
    },
    setMeta(patch) {
      setMetaSignal((m) => ({ ...m, ...patch }));
      persist();
    },
    section,
    setSection(index) {
      setSectionSignal(index);
      persist();
    },
    live,
    body,
    problems,
    checkable: () => check() !== undefined,
    saveState,
    saveError,
    phone,
    setPhone(patch) {
      setPhoneSignal((p) => ({ ...p, ...patch }));
      persist();
    },
    formOpened(at) {
      if (!startsFormClock(phone(), () => body().answers.length > 0)) return;
      setPhoneSignal((p) => ({ ...p, formOpenedAt: at }));
      persist();
    },
    async submit() {
      let report = body();
      // Not sent unchecked: without the rules' chunk (offline, never fetched) this fails and the draft stays.
      if ((await loadCheck())(doc, report).length > 0) return undefined;
      // The facts are added now (a chunk of their own); without it the report goes as it is.
      report = await import("./visit-facts")
        .then((f) => f.withPhoneFacts(report, phone(), Date.now()))
        .catch(() => report);
      closed = true;
      try {
        await moveDraftToOutbox(newOutboxEntry(draft.auditId, report, Date.now()));
      } catch (error) {
        closed = false;
        throw error;
      }
      sessions.delete(draft.assignmentId);
      dispose();
      await refreshOutbox();
      // Sent now if it can be (the outbox's engine: a chunk of its own, which the shell starts too);
      // queued either way: without the engine's chunk it goes with the next run.
      const runner = await import("../../lib/outbox-runner").catch(() => undefined);
      await runner?.drain();
      return entries().find((e) => e.auditId === draft.auditId);
    },
  };
}

/**
 * The session of an assignment's draft, opened from IndexedDB the first time. Undefined when
 * the assignment has no draft on this phone (not started, or already submitted).
 */
export function openSession(assignmentId: string): Promise<VisitSession | undefined> {
  const open = sessions.get(assignmentId);
  if (open) return Promise.resolve(open.session);
  // Opened once at a time: the route's preload and the page share the reads.
  let reading = openings.get(assignmentId);
  if (!reading) {
    reading = readSession(assignmentId).finally(() => openings.delete(assignmentId));
    openings.set(assignmentId, reading);
  }
  return reading;
}

const openings = new Map<string, Promise<VisitSession | undefined>>();

/** The draft and the assignment's copy, then the outbox check and the checklist: two rounds of reads at once. */
async function readSession(assignmentId: string): Promise<VisitSession | undefined> {
  loadCheck().catch(() => undefined);
  const [draft, assignment] = await Promise.all([
    findDraftForAssignment(assignmentId).then((stored) => withJournal(assignmentId, stored)),
    savedAssignment(assignmentId)
      .catch(() => undefined)
      .finally(() => performance.mark("courtesy:assignment")),
  ]);
  performance.mark("courtesy:draft");
  if (!draft) return undefined;
  const version = loadVersion(draft.body.checklistVersionId);
  version.catch(() => undefined); // awaited below unless the outbox has the report
  // A draft whose report is already in the outbox is a leftover: the outbox copy wins.
  if (await outboxStore.getEntry(draft.auditId)) return undefined;
  const doc = await version;
  performance.mark("courtesy:checklist");
  const again = sessions.get(assignmentId);
  if (again) return again.session;
  return createRoot((dispose) => {
    const session = createSession(draft, doc, assignment, dispose);
    sessions.set(assignmentId, { session, dispose });
    return session;
  });
}

/** Starts a draft for an assignment (after "Start visit"), saved before this resolves. */
export async function startDraft(draft: DraftRecord): Promise<void> {
  await saveDraft(draft);
}
