/**
 * Autosave for a draft: a debounced save some time after the last change (never one per
 * keystroke), one save in flight at a time, a status to show, and a copy of every unsaved
 * change in localStorage so that nothing typed is lost to a closed tab or a dead network.
 * Every state of the document is sent (a draft may be unfinished); "saved" means the server
 * answered 2xx for exactly what is on screen, nothing else. After a conflict (someone else
 * saved the draft) or once the draft is gone, nothing more is sent: the copy on the device stays.
 */
import { type Accessor, createEffect, createSignal, on, onCleanup, untrack } from "solid-js";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { isProblem, type Problem } from "../../../lib/api";
import { cloneDocument, documentFingerprint } from "../checklist-document";

/**
 * `refused`: the API would not store the document (400); `conflict`: someone else saved the
 * draft since it was loaded (409 `stale_version`); `gone`: published, discarded or not there.
 */
export type SaveStatus = "saved" | "pending" | "saving" | "offline" | "error" | "refused" | "conflict" | "gone";

/** Statuses after which nothing more is sent until the editor is reloaded. */
const STOPPED: readonly SaveStatus[] = ["conflict", "gone"];

const BACKUP_PREFIX = "courtesy.checklist-draft.";

export interface Backup {
  savedAt: string;
  document: ChecklistDocument;
}

/** The unsaved copy of a draft kept on this device, if there is one. */
export function readBackup(versionId: string): Backup | undefined {
  try {
    const raw = localStorage.getItem(BACKUP_PREFIX + versionId);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Backup;
    if (!parsed || typeof parsed !== "object" || !parsed.document || !Array.isArray(parsed.document.sections)) {
      return undefined;
    }
    return parsed;
  } catch {
    return undefined;
  }
}

export function writeBackup(versionId: string, document: ChecklistDocument): void {
  try {
    const backup: Backup = { savedAt: new Date().toISOString(), document };
    localStorage.setItem(BACKUP_PREFIX + versionId, JSON.stringify(backup));
  } catch {
    // Storage full or blocked: the server copy is all there is.
  }
}

export function clearBackup(versionId: string): void {
  try {
    localStorage.removeItem(BACKUP_PREFIX + versionId);
  } catch {
    // Nothing to do.
  }
}

interface AutosaveOptions {
  versionId: string;
  /** The document as the server has it when the editor opens. */
  initial: ChecklistDocument;
  /** The document being edited (a store: read inside an effect, every field is tracked). */
  current: Accessor<ChecklistDocument>;
  save: (document: ChecklistDocument) => Promise<ChecklistDocument>;
  /** Every answer to a save: the stored document, or the problem. */
  onResult: (result: { saved: ChecklistDocument } | { problem: Problem }) => void;
  delay?: number;
}

export interface Autosave {
  status: Accessor<SaveStatus>;
  /** Saves now (the Retry button). */
  retry: () => void;
  /** True once the server holds exactly what is on screen. */
  saved: Accessor<boolean>;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const delay = options.delay ?? 800;
  let serverPrint = documentFingerprint(options.initial);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  const [status, setStatus] = createSignal<SaveStatus>("saved");
  const [print, setPrint] = createSignal(serverPrint);

  const snapshot = () => cloneDocument(untrack(options.current));

  function schedule(wait = delay) {
    clearTimeout(timer);
    if (!inFlight) setStatus("pending");
    timer = setTimeout(run, wait);
  }

  async function run() {
    clearTimeout(timer);
    timer = undefined;
    if (inFlight) return; // The answer to the save under way schedules the next one.
    if (STOPPED.includes(untrack(status))) return;
    const document = snapshot();
    const sending = documentFingerprint(document);
    if (sending === serverPrint) {
      setStatus("saved");
      clearBackup(options.versionId);
      return;
    }
    inFlight = true;
    setStatus("saving");
    try {
      const saved = await options.save(document);
      serverPrint = documentFingerprint(saved);
      options.onResult({ saved });
    } catch (error) {
      inFlight = false;
      const problem = isProblem(error) ? error : undefined;
      if (problem) options.onResult({ problem });
      if (!problem || problem.status >= 500) setStatus("error");
      else if (problem.status === 0) setStatus("offline");
      else if (problem.status === 400) setStatus("refused");
      else if (problem.code === "stale_version") setStatus("conflict");
      else if (problem.status === 404 || problem.status === 409) setStatus("gone");
      else setStatus("error");
      // What was sent is still on the device (`run` never clears the copy before a 2xx).
      writeBackup(options.versionId, snapshot());
      return;
    }
    inFlight = false;
    if (untrack(print) === serverPrint) {
      setStatus("saved");
      clearBackup(options.versionId);
    } else schedule(0);
  }

  // Every change: keep a copy on this device, then save a moment after the typing stops.
  createEffect(
    on(
      () => documentFingerprint(options.current()),
      (next) => {
        setPrint(next);
        if (STOPPED.includes(status())) {
          // What the server holds is no longer known: keep everything on the device, send nothing.
          writeBackup(options.versionId, snapshot());
          return;
        }
        if (next === serverPrint) {
          if (!inFlight) {
            clearTimeout(timer);
            setStatus("saved");
          }
          clearBackup(options.versionId);
          return;
        }
        writeBackup(options.versionId, snapshot());
        schedule();
      },
      { defer: true },
    ),
  );

  const retry = () => {
    if (["offline", "error", "refused"].includes(status())) void run();
  };
  const online = () => {
    if (status() === "offline" || status() === "error") void run();
  };
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (status() !== "saved") event.preventDefault();
  };
  window.addEventListener("online", online);
  window.addEventListener("beforeunload", beforeUnload);
  onCleanup(() => {
    window.removeEventListener("online", online);
    window.removeEventListener("beforeunload", beforeUnload);
    // Leaving the editor with a save still waiting: send it now rather than drop it.
    if (timer !== undefined) void run();
  });

  return { status, retry, saved: () => status() === "saved" };
}
