/**
 * The visit's form on the phone: one section at a time, every change saved on the phone at
 * once (the status says so), photos from the camera, call helpers, "what's left" with a jump
 * to it, and "Finish" on the last section, which stamps the end time and opens the review.
 */
import "./visits.css";
import { Navigate, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  lazy,
  onCleanup,
  onMount,
  Show,
  Suspense,
} from "solid-js";
import type { SubmissionProblem } from "../../../worker/domain/audits";
import { AuditForm, preloadPhotoField } from "../../components/audit-form";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { useDocumentTitle } from "../../lib/document-title";
import { localName } from "../../lib/formats";
import { openSession, type VisitSession } from "./session";
import { SaveStatus } from "./shared";
import { itemOfProblem, locateItem } from "./visit-draft";
import { reportProblemText, tv } from "./visits-i18n";

performance.mark("courtesy:form-chunk");

interface ItemProblem {
  key: string;
  /** The item's section. */
  section: number;
  problem: SubmissionProblem;
}

/**
 * Problems by item key (the first one each), for the form's flags and "what's left", in the order
 * the shopper meets them; undefined until the rules' chunk has arrived.
 */
export function itemProblems(session: VisitSession): ItemProblem[] | undefined {
  const problems = session.problems();
  if (!problems) return undefined;
  const seen = new Set<string>();
  const list: Array<ItemProblem & { number: number }> = [];
  for (const problem of problems) {
    const key = itemOfProblem(problem, session.body());
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const where = locateItem(session.doc, key);
    list.push({ key, problem, section: where?.section ?? 0, number: where?.number ?? 0 });
  }
  return list.sort((a, b) => a.number - b.number);
}

/** Shows an item: its section, then the question itself, scrolled to and focused. */
export function focusItem(session: VisitSession, key: string): void {
  const where = locateItem(session.doc, key);
  if (!where) return;
  session.setSection(where.section);
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-item="${CSS.escape(key)}"]`);
    element?.scrollIntoView({ block: "center" });
    element?.focus({ preventScroll: true });
  });
}

/** "Check a call transcript" on a call audit: its own chunk, fetched once the form is on screen (offline and not cached: no panel). */
const TranscriptPanel = lazy(() => import("./transcript-panel").catch(() => ({ default: () => null })));

/**
 * Starts opening the visit's session from the phone (the route's preload, while the shell still
 * asks the server who is signed in; on the app's first screen, before anything renders:
 * web/main.tsx); the page then finds it open, or on its way. Resolves once it is (never rejects).
 */
export function preloadForm(assignmentId: string): Promise<unknown> {
  return openSession(assignmentId).catch(() => undefined);
}

/** Runs `then` after the next frame has been painted. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}

function FormBody(props: { session: VisitSession }) {
  const navigate = useNavigate();
  const [search] = useSearchParams<{ item?: string }>();
  const [showFlags, setShowFlags] = createSignal(false);
  // "What's left" is worked out after the frame that shows a change, never in the way of a tap or
  // a key, and first after the form's first paint (undefined until then: nothing shown yet).
  const [problems, setProblems] = createSignal<ItemProblem[]>();
  let queued = false;
  createEffect(() => {
    // What the problems depend on: the answers and the report's other fields.
    void props.session.answers.entries;
    void props.session.meta;
    void props.session.checkable();
    if (queued) return;
    queued = true;
    afterPaint(() => {
      queued = false;
      setProblems(itemProblems(props.session));
    });
  });
  /** The problems worked out now (when the shopper asks for the next one, or opens on an item). */
  const problemsNow = () => {
    const now = itemProblems(props.session);
    setProblems(now);
    return now;
  };
  // The words in the current language (a language switch changes them at once).
  const flags = createMemo(() => new Map((problems() ?? []).map((p) => [p.key, reportProblemText(p.problem)])));
  const title = () => {
    const found = props.session.assignment;
    return found ? localName(found.branch.name) : localName(props.session.doc.name);
  };
  useDocumentTitle(title);
  const last = () => props.session.section() >= props.session.doc.sections.length - 1;
  /** What is left behind the shopper (skipped in earlier sections), or everything on the last section. */
  const behind = (list: ItemProblem[]) => (last() ? list : list.filter((p) => p.section < props.session.section()));
  const toDo = createMemo(() => behind(problems() ?? []));

  onMount(() => {
    performance.mark("courtesy:form-render");
    // The form's clock starts now, whatever comes first after this (an answer, the facts' chunk).
    props.session.formOpened(Date.now());
    // Positions while it is open, if shared (a chunk of their own).
    let stop: (() => void) | undefined;
    let gone = false;
    // Both once the form is painted: loading and parsing them must not hold up its first frame.
    afterPaint(() => {
      if (gone) return;
      void import("./visit-facts").then((f) => {
        if (!gone) stop = f.watchVisit(props.session);
      });
      // The review comes next: fetch it now, while this page is on screen (and the network may be).
      void import("./review");
      // The camera's photo field, when the checklist takes photos (its own chunk: not in the first download).
      const photos = props.session.doc.sections.some((s) =>
        s.items.some((item) => item.kind === "photo" || item.evidenceOnFail === "photo"),
      );
      if (photos) preloadPhotoField();
    });
    onCleanup(() => {
      gone = true;
      stop?.();
    });
    const item = search.item;
    if (item) {
      setShowFlags(true);
      focusItem(props.session, item);
    }
  });

  function nextProblem() {
    const first = behind(problemsNow() ?? [])[0];
    if (!first) return;
    setShowFlags(true);
    focusItem(props.session, first.key);
  }

  function finish() {
    if (!props.session.meta.visitEndedAt) props.session.setMeta({ visitEndedAt: new Date().toISOString() });
    navigate(`/visits/${props.session.assignmentId}/review`);
  }

  return (
    <div class="visit-form">
      <header class="visit-form__header">
        <div class="visit-form__bar">
          <A class="back-link visit-form__back" href={`/visits/${props.session.assignmentId}`}>
            <Icon name="back" />
            {tv("form.briefing")}
          </A>
          <SaveStatus session={props.session} />
        </div>
        <h1 class="visit-form__title">{title()}</h1>
      </header>
      <Show when={problems()?.length === 0}>
        <p class="visit-form__todo visit-form__todo--done">{tv("form.allDone")}</p>
      </Show>
      <Show when={toDo().length > 0}>
        <p class="visit-form__todo">
          <span>{last() ? tv("form.toDo", toDo().length) : tv("form.skipped", toDo().length)}</span>
          <button type="button" class="button button--ghost visit-form__todo-go" onClick={nextProblem}>
            {tv("form.nextToDo")}
          </button>
        </p>
      </Show>
      <Show when={props.session.meta.contact === "phone_call"}>
        <Suspense>
          <TranscriptPanel session={props.session} />
        </Suspense>
      </Show>
      <AuditForm
        document={props.session.doc}
        answers={props.session.answers}
        section={props.session.section()}
        onSection={(index) => {
          props.session.setSection(index);
          window.scrollTo({ top: 0 });
        }}
        live={props.session.live}
        flag={(key) => (showFlags() ? flags().get(key) : undefined)}
        finish={() => (
          <button type="button" class="button button--primary" onClick={finish}>
            {props.session.meta.contact === "phone_call" ? tv("form.finishCall") : tv("form.finish")}
          </button>
        )}
      />
    </div>
  );
}

export default function VisitForm() {
  const params = useParams<{ assignmentId: string }>();
  // An open session (web/main.tsx waited for it) resolves within microtasks: the form is in the same frame as the shell.
  const [session] = createResource(
    () => params.assignmentId,
    async (id) => (await openSession(id)) ?? null,
  );
  return (
    <Show when={session() !== undefined}>
      <Show when={session()} fallback={<Navigate href={`/visits/${params.assignmentId}`} />}>
        {(s) => <FormBody session={s()} />}
      </Show>
    </Show>
  );
}
