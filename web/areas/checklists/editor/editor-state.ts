/**
 * The builder's state, shared by its parts through context: the document being edited, its
 * problems (the API's shape rules, then the shared publishing rules of `checkChecklist`, then
 * anything the API itself reported), which item cards are open, and jumping to a field.
 */
import { type Accessor, createContext, createMemo, createSignal, useContext } from "solid-js";
import { createStore, produce, type SetStoreFunction, unwrap } from "solid-js/store";
import { checkChecklist } from "../../../../worker/domain/checklist-rules";
import type { ChecklistDocument } from "../../../../worker/domain/checklists";
import { formatPath } from "../../../../worker/domain/paths";
import type { FieldProblem } from "../../../lib/api";
import { checkShape, cloneDocument, fieldId, locate, parsePath } from "../checklist-document";
import { checklistProblemMessage } from "../checklist-i18n";

export interface EditorState {
  doc: ChecklistDocument;
  setDoc: SetStoreFunction<ChecklistDocument>;
  /** Changes the document in place (moves keep the same objects, so open cards stay open). */
  update: (change: (doc: ChecklistDocument) => void) => void;
  /** Every problem, in document order as far as the checks go. */
  problems: Accessor<FieldProblem[]>;
  /** Problems that stop the API from storing the draft at all. */
  shapeProblems: Accessor<FieldProblem[]>;
  /** The localized message for the first problem exactly at `path`. */
  messageAt: (path: string) => string | undefined;
  /** How many problems are at or under `path` (for closed cards). */
  countUnder: (path: string) => number;
  /** Problems the API reported (after a save, or when it refused one). */
  setServerProblems: (problems: FieldProblem[], forDocument: string) => void;
  isOpen: (item: object) => boolean;
  setOpen: (item: object, open: boolean) => void;
  setAllOpen: (open: boolean) => void;
  /** Opens what hides the field at `path`, then scrolls to it and focuses it. */
  jumpTo: (path: string) => void;
  /** Registered by the page: show the editing view (phones show one view at a time). */
  onReveal: (reveal: () => void) => void;
}

const same = (a: FieldProblem, b: FieldProblem) => a.path === b.path && a.code === b.code;

export function createEditorState(initial: ChecklistDocument, fingerprint: (doc: ChecklistDocument) => string) {
  const [doc, setDoc] = createStore<ChecklistDocument>(cloneDocument(initial));
  const update = (change: (doc: ChecklistDocument) => void) => setDoc(produce(change));

  const shapeProblems = createMemo(() => checkShape(doc));
  const ruleProblems = createMemo(() => checkChecklist(doc));
  const [server, setServer] = createSignal<{ problems: FieldProblem[]; print: string }>({ problems: [], print: "" });
  const currentPrint = createMemo(() => fingerprint(doc));

  const problems = createMemo(() => {
    const all = [...shapeProblems()];
    for (const p of ruleProblems()) if (!all.some((q) => same(p, q))) all.push(p);
    // What the API said about exactly this document and the browser did not find itself.
    if (server().print === currentPrint()) {
      for (const p of server().problems) if (!all.some((q) => same(p, q))) all.push(p);
    }
    return all;
  });

  const messages = createMemo(() => {
    const map = new Map<string, string>();
    for (const p of problems()) if (!map.has(p.path)) map.set(p.path, checklistProblemMessage(p, doc));
    return map;
  });

  const [open, setOpenSet] = createSignal(new Set<object>(), { equals: false });
  const setOpen = (item: object, value: boolean) => {
    const set = open();
    if (value) set.add(unwrap(item));
    else set.delete(unwrap(item));
    setOpenSet(set);
  };
  const setAllOpen = (value: boolean) => {
    const set = new Set<object>();
    if (value) for (const section of doc.sections) for (const item of section.items) set.add(unwrap(item));
    setOpenSet(set);
  };

  let reveal: () => void = () => {};

  function jumpTo(path: string) {
    reveal();
    const where = locate(path);
    if (where.section !== undefined && where.item !== undefined) {
      const item = doc.sections[where.section]?.items[where.item];
      if (item) setOpen(item, true);
    }
    requestAnimationFrame(() => {
      // The field itself, or the closest thing that contains it.
      const parts = parsePath(path);
      for (let n = parts.length; n >= 0; n--) {
        const target = document.getElementById(n === 0 ? "f-sections" : fieldId(formatPath(parts.slice(0, n))));
        if (target) {
          target.scrollIntoView({ block: "center", behavior: "auto" });
          target.focus({ preventScroll: true });
          return;
        }
      }
    });
  }

  const state: EditorState = {
    doc,
    setDoc,
    update,
    problems,
    shapeProblems,
    messageAt: (path) => messages().get(path),
    countUnder: (path) =>
      problems().filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))
        .length,
    setServerProblems: (list, print) => setServer({ problems: list, print }),
    isOpen: (item) => open().has(unwrap(item)),
    setOpen,
    setAllOpen,
    jumpTo,
    onReveal: (fn) => {
      reveal = fn;
    },
  };
  return state;
}

export const EditorContext = createContext<EditorState>();

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error("useEditor() outside the checklist editor");
  return state;
}
