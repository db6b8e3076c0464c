/**
 * The briefing before a visit or call: where and when, the scenario to play, and what to watch
 * for (every question with its guidance). "Start visit" stamps the start time, creates the
 * draft on the phone and, only if the shopper ticks the box, records their location (then again
 * during the visit: visit-facts.ts).
 */
import { useNavigate, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, createUniqueId, For, Show } from "solid-js";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import { windowPosition } from "../../../worker/domain/visit-window";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { findDraftForAssignment, outboxStore, requestPersistentStorage } from "../../lib/local-store";
import { entries } from "../../lib/outbox-queue";
import { startDraft } from "./session";
import { ContactLine, OfflineBanner, OutboxBadge } from "./shared";
import { newDraft } from "./visit-draft";
import { type Assignment, loadAssignment, loadVersion } from "./visits-data";
import { formatMoment, formatWindow, tv } from "./visits-i18n";

type Location = NonNullable<ReturnType<typeof newDraft>["body"]["location"]>;

/** The phone's position, once, or null when it is refused, unavailable or too slow. */
function locateOnce(): Promise<Location | null> {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracy: Math.min(100_000, Math.max(0, position.coords.accuracy)),
          takenAt: new Date(position.timestamp || Date.now()).toISOString(),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

/** The checklist's questions and guidance; `doc` is null when this phone doesn't have the checklist. */
function WatchFor(props: { doc: ChecklistDocument | null | undefined; call: boolean }) {
  const doc = () => props.doc;
  return (
    <section class="card briefing__watch" aria-labelledby="watch-title">
      <h2 class="card__title" id="watch-title">
        {tv("briefing.watchFor")}
      </h2>
      <Show when={doc() !== undefined}>
        <Show when={doc()} fallback={<p class="notice notice--error">{tv("briefing.checklistMissing")}</p>}>
          {(d) => (
            <>
              <p class="briefing__intro">{tv(props.call ? "briefing.watchForIntroCall" : "briefing.watchForIntro")}</p>
              <For each={d().sections}>
                {(section) => (
                  <details class="briefing__section">
                    <summary class="briefing__section-title">
                      <span>{localName(section.title)}</span>
                      <span class="briefing__count">{tv("briefing.questions", section.items.length)}</span>
                    </summary>
                    <ul class="briefing__items">
                      <For each={section.items}>
                        {(item) => (
                          <li class="briefing__item">
                            <p class="briefing__prompt">{localName(item.prompt)}</p>
                            <Show when={localName(item.guidance)}>
                              <p class="briefing__guidance">{localName(item.guidance)}</p>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </details>
                )}
              </For>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

function StartPanel(props: { assignment: Assignment; ready: boolean }) {
  const navigate = useNavigate();
  const consentId = createUniqueId();
  const [draft] = createResource(
    () => props.assignment.id,
    async (id) => {
      const found = await findDraftForAssignment(id);
      // A leftover draft of a report that already went to the outbox does not count.
      return found && !(await outboxStore.getEntry(found.auditId)) ? found : null;
    },
  );
  const [consent, setConsent] = createSignal(false);
  const [busy, setBusy] = createSignal<"starting" | "locating" | null>(null);
  const [failed, setFailed] = createSignal(false);
  const isCall = () => props.assignment.branch.channel === "call_centre";
  const form = () => `/visits/${props.assignment.id}/form`;
  // Judged when the briefing opens (it is reopened from the list to start a visit).
  const position = () => {
    const a = props.assignment;
    return windowPosition({ start: a.windowStart, end: a.windowEnd, timeZone: a.branch.timezone }, Date.now());
  };

  async function start() {
    if (busy()) return;
    setBusy("starting");
    setFailed(false);
    try {
      const record = newDraft(props.assignment);
      await startDraft(record);
      void requestPersistentStorage();
      if (consent()) {
        setBusy("locating");
        const location = await locateOnce();
        // Agreed: fixes are also taken during the visit (visit-facts.ts).
        await startDraft({
          ...record,
          body: { ...record.body, location },
          phone: { locate: true },
          updatedAt: Date.now(),
        });
      }
      navigate(form());
    } catch {
      setFailed(true);
      setBusy(null);
    }
  }

  return (
    <div class="action-bar">
      <Show when={draft() !== undefined}>
        <Show
          when={draft()}
          fallback={
            <>
              {/* Not due yet (and so not startable) or overdue; the window itself is shown above. */}
              <Show when={position() !== "inside"}>
                <p class="action-bar__note">
                  {tv(
                    position() === "before" ? "briefing.early" : isCall() ? "briefing.overdueCall" : "briefing.overdue",
                  )}
                </p>
              </Show>
              {/* Where the shopper is proves a store visit; a call has no place to prove. */}
              <Show when={!isCall()}>
                <label class="check briefing__consent" for={consentId}>
                  <input
                    id={consentId}
                    type="checkbox"
                    class="check__box"
                    checked={consent()}
                    disabled={!!busy()}
                    aria-describedby={`${consentId}-hint`}
                    onChange={(e) => setConsent(e.currentTarget.checked)}
                  />
                  <span class="check__label">{tv("briefing.location")}</span>
                </label>
                <p class="field__hint" id={`${consentId}-hint`}>
                  {tv("briefing.locationHint")}
                </p>
              </Show>
              <Show when={failed()}>
                <p class="notice notice--error" role="alert">
                  {tv("briefing.startFailed")}
                </p>
              </Show>
              <button
                type="button"
                class="button button--primary button--block button--large"
                // A visit before its window would be refused by the server: it cannot start.
                disabled={!!busy() || !props.ready || position() === "before"}
                onClick={start}
              >
                {busy() === "locating"
                  ? tv("briefing.locating")
                  : busy() === "starting"
                    ? tv("briefing.starting")
                    : isCall()
                      ? tv("briefing.startCall")
                      : tv("briefing.start")}
              </button>
            </>
          }
        >
          {(found) => (
            <>
              <p class="action-bar__note">
                {tv("briefing.startedAt", { time: formatMoment(Date.parse(found().body.visitStartedAt)) })}
              </p>
              <button
                type="button"
                class="button button--primary button--block button--large"
                onClick={() => navigate(form())}
              >
                {tv("briefing.continue")}
              </button>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}

/** The items to re-check (under a branch's corrective actions), by their prompts; never why. A copy saved before `recheck` existed has none. */
const recheck = (a: Partial<Pick<Assignment, "recheck">>, doc: ChecklistDocument | null | undefined) =>
  doc?.sections
    .flatMap((s) => s.items)
    .filter((i) => a.recheck?.includes(i.key))
    .map((i) => localName(i.prompt));

export default function VisitBriefing() {
  const params = useParams<{ assignmentId: string }>();
  const navigate = useNavigate();
  const [data] = createResource(() => params.assignmentId, loadAssignment);
  // The form needs the checklist on the phone: without it (offline, never fetched) nothing can start.
  const [doc] = createResource(
    () => data()?.value.checklist.versionId,
    (id) => loadVersion(id).catch(() => null),
  );
  const entry = createMemo(() => entries().find((e) => e.body.assignmentId === params.assignmentId));

  return (
    <Show when={data()}>
      {(loaded) => {
        const a = () => loaded().value;
        return (
          <div class="visits briefing">
            <PageHeader
              title={localName(a().branch.name)}
              subtitle={`${t(`channels.${a().branch.channel}`)} · ${localName(a().checklist.name)}`}
              back={{ href: "/visits", label: tv("list.title") }}
            />
            <Show when={loaded().offline}>
              <OfflineBanner savedAt={loaded().savedAt} />
            </Show>
            <dl class="facts briefing__facts">
              <div>
                <dt>{a().branch.channel === "call_centre" ? tv("briefing.windowCall") : tv("briefing.window")}</dt>
                <dd>{formatWindow(a().windowStart, a().windowEnd)}</dd>
              </div>
              <div>
                <dt>{a().branch.channel === "call_centre" ? tv("briefing.phone") : tv("briefing.address")}</dt>
                <dd class="visit-contact">
                  <ContactLine assignment={a()} />
                </dd>
              </div>
            </dl>
            <section class="card briefing__scenario" aria-labelledby="scenario-title">
              <h2 class="card__title" id="scenario-title">
                {tv("briefing.scenario")}
              </h2>
              <p class="briefing__scenario-text">
                {localName({ en: a().scenario, zh: a().scenarioZh }) || tv("briefing.noScenario")}
              </p>
              <Show when={recheck(a(), doc())?.length}>
                {/* One question a line, as a bulleted list (.notice ul in base.css: no CSS of its own). */}
                <div class="notice">
                  {tv("briefing.recheck")}
                  <ul>
                    <For each={recheck(a(), doc())}>{(item) => <li>{item}</li>}</For>
                  </ul>
                </div>
              </Show>
            </section>
            <WatchFor doc={doc()} call={a().branch.channel === "call_centre"} />
            <Show
              when={entry()}
              fallback={
                <Show
                  when={a().status === "open" && !a().audit}
                  fallback={
                    <div class="action-bar">
                      <p class="action-bar__note">
                        {a().status === "cancelled"
                          ? tv("briefing.cancelled")
                          : tv("briefing.submittedOn", {
                              time: formatMoment(Date.parse(a().audit?.submittedAt ?? "")),
                            })}
                      </p>
                      <Show when={a().audit}>
                        <A
                          class="button button--secondary button--block button--large"
                          href={`/visits/${a().id}/report`}
                        >
                          {tv("briefing.readReport")}
                        </A>
                      </Show>
                    </div>
                  }
                >
                  <StartPanel assignment={a()} ready={!!doc()} />
                </Show>
              }
            >
              {(queued) => (
                <div class="action-bar">
                  <p class="action-bar__note">
                    <OutboxBadge entry={queued()} />{" "}
                    {queued().state === "sent" ? tv("briefing.sentNote") : tv("briefing.queuedNote")}
                  </p>
                  <button
                    type="button"
                    class="button button--secondary button--block button--large"
                    onClick={() => navigate("/outbox")}
                  >
                    {tv("briefing.goOutbox")}
                  </button>
                </div>
              )}
            </Show>
          </div>
        );
      }}
    </Show>
  );
}
