/**
 * My visits: the shopper's assignments, grouped as due now, overdue, upcoming and submitted,
 * from the server or (offline) from this phone's copy. Each shows what this phone knows too:
 * a visit in progress, a report waiting in the outbox.
 */

import { createEffect, createMemo, createResource, For, lazy, on, onCleanup, onMount, Show, Suspense } from "solid-js";
import { localDate } from "../../../worker/domain/visit-window";
import { Badge } from "../../components/badge";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { listDrafts } from "../../lib/local-store";
import type { OutboxEntry } from "../../lib/outbox";
import { entries } from "../../lib/outbox-queue";
import { useMe } from "../../lib/session";
import { ContactLine, OfflineBanner, OutboxBadge } from "./shared";
import { type Assignment, keepChecklistsFor, loadAssignments } from "./visits-data";
import { formatWindow, tv } from "./visits-i18n";

/** Earlier submitted visits, page by page from the server: loaded after the list, with its strings. */
const EarlierVisits = lazy(() => import("./earlier"));
/** The review's side (returned reports, review states): loaded after the list, with its strings. */
const returned = () => import("./returned");
const ReturnedReports = lazy(() => returned().then((m) => ({ default: m.ReturnedReports })));
const ReviewStatus = lazy(() => returned().then((m) => ({ default: m.ReviewStatus })));

type Group = "due" | "overdue" | "upcoming" | "submitted";
const GROUPS: Group[] = ["due", "overdue", "upcoming", "submitted"];

function groupOf(assignment: Assignment, entry: OutboxEntry | undefined, now: number): Group | "returned" | null {
  if (assignment.status === "cancelled") return null;
  if (assignment.audit?.status === "returned") return "returned";
  if (assignment.status === "submitted" || assignment.audit || entry) return "submitted";
  // The window is in the branch's own calendar.
  const today = localDate(now, assignment.branch.timezone);
  if (today < assignment.windowStart) return "upcoming";
  if (today > assignment.windowEnd) return "overdue";
  return "due";
}

export function VisitCard(props: { assignment: Assignment; entry: OutboxEntry | undefined; inProgress: boolean }) {
  const a = () => props.assignment;
  return (
    <li class="visit-card">
      <div class="visit-card__head">
        <A class="visit-card__link" href={`/visits/${a().id}`}>
          {localName(a().branch.name)}
        </A>
        <Show when={props.entry}>{(entry) => <OutboxBadge entry={entry()} />}</Show>
        <Show when={!props.entry && a().audit}>
          <Suspense>
            <ReviewStatus assignment={a()} />
          </Suspense>
        </Show>
        <Show when={!props.entry && !a().audit && props.inProgress}>
          <Badge tone="accent">{tv("list.inProgress")}</Badge>
        </Show>
      </div>
      <p class="visit-card__meta">
        {t(`channels.${a().branch.channel}`)} · {formatWindow(a().windowStart, a().windowEnd)}
      </p>
      <p class="visit-contact">
        <ContactLine assignment={a()} />
      </p>
      <Show when={a().scenario}>
        <p class="visit-card__scenario">{localName({ en: a().scenario, zh: a().scenarioZh })}</p>
      </Show>
    </li>
  );
}

export default function VisitsList() {
  const me = useMe();
  const [data, { refetch }] = createResource(() => me().user.id, loadAssignments);
  const [drafts, { refetch: refetchDrafts }] = createResource(async () => {
    try {
      return new Set((await listDrafts()).map((d) => d.assignmentId));
    } catch {
      return new Set<string>();
    }
  });

  onMount(() => {
    // The outbox and the form are one tap away: fetch them now, while the network may be there.
    void import("./outbox");
    void import("./form");
    const again = () => {
      void refetch();
      void refetchDrafts();
    };
    window.addEventListener("online", again);
    onCleanup(() => window.removeEventListener("online", again));
  });

  // Whenever the list comes from the server, keep each open visit's checklist for offline use.
  createEffect(
    on(data, (loaded) => {
      if (loaded && !loaded.offline) void keepChecklistsFor(loaded.value);
    }),
  );

  const byAssignment = createMemo(() => new Map(entries().map((e) => [e.body.assignmentId, e])));

  const grouped = createMemo(() => {
    const now = Date.now();
    const groups: Record<Group | "returned", Assignment[]> = {
      returned: [],
      due: [],
      overdue: [],
      upcoming: [],
      submitted: [],
    };
    for (const assignment of data()?.value ?? []) {
      const group = groupOf(assignment, byAssignment().get(assignment.id), now);
      if (group) groups[group].push(assignment);
    }
    groups.due.sort((a, b) => a.windowEnd.localeCompare(b.windowEnd));
    groups.overdue.sort((a, b) => a.windowEnd.localeCompare(b.windowEnd));
    groups.upcoming.sort((a, b) => a.windowStart.localeCompare(b.windowStart));
    const submittedAt = (a: Assignment) =>
      a.audit?.submittedAt ?? new Date(byAssignment().get(a.id)?.queuedAt ?? 0).toISOString();
    groups.submitted.sort((a, b) => submittedAt(b).localeCompare(submittedAt(a)));
    return groups;
  });

  const total = () =>
    GROUPS.reduce((n, g) => n + grouped()[g].length, grouped().returned.length) + (data()?.more ? 1 : 0);

  return (
    <div class="visits">
      <PageHeader
        title={tv("list.title")}
        actions={
          <A class="button button--secondary" href="/jobs">
            {tv("list.jobs")}
          </A>
        }
      />
      <Show when={data()?.offline ? data() : undefined}>{(saved) => <OfflineBanner savedAt={saved().savedAt} />}</Show>
      <Show when={data()}>
        <Show when={total() > 0} fallback={<p class="empty">{tv("list.empty")}</p>}>
          <Show when={grouped().returned.length > 0}>
            <Suspense>
              <ReturnedReports assignments={grouped().returned} onSettled={refetch} />
            </Suspense>
          </Show>
          <For each={GROUPS.filter((g) => grouped()[g].length > 0 || (g === "submitted" && data()?.more))}>
            {(group) => (
              <section class="visit-group" aria-labelledby={`visits-${group}`}>
                <h2 class="visit-group__title" id={`visits-${group}`}>
                  {tv(`list.groups.${group}`)}
                  <span class="visit-group__count">{grouped()[group].length}</span>
                </h2>
                <ul class="visit-cards" aria-labelledby={`visits-${group}`}>
                  <For each={grouped()[group]}>
                    {(assignment) => (
                      <VisitCard
                        assignment={assignment}
                        entry={byAssignment().get(assignment.id)}
                        inProgress={drafts()?.has(assignment.id) ?? false}
                      />
                    )}
                  </For>
                </ul>
                <Show when={group === "submitted" && data()?.more}>
                  {(cursor) => (
                    <Suspense>
                      <EarlierVisits cursor={cursor()} />
                    </Suspense>
                  )}
                </Show>
              </section>
            )}
          </For>
        </Show>
      </Show>
    </div>
  );
}
