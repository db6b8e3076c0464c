/**
 * The complaint log (`/complaints`): the follow-ups due first (resolved complaints waiting for
 * the customer's call), then every complaint newest first with its next deadline as "due in 3 h"
 * or "2 days late" in the branch's time. Filters (status, past a deadline, branch) live in the
 * URL; "Load more" follows the API's cursor.
 */
import "../../styles/lists.css";
import "./complaints.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { SelectField } from "../../components/field";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { localName } from "../../lib/formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { getBranches } from "../organisation/queries";
import {
  COMPLAINT_STATUSES,
  type ComplaintFilter,
  type ComplaintPage,
  complaintFilter,
  getComplaints,
  getFollowUps,
  OVERDUE_KINDS,
} from "./complaint-queries";
import { tc } from "./complaints-i18n";
import { WaitingOnPhone } from "./components/complaint-outbox";
import { ComplaintRow } from "./components/complaint-parts";

export default function ComplaintList() {
  const can = useAbilities();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = (): ComplaintFilter => complaintFilter(params);
  const several = () => !can().ownBranches || me().scope.branchIds.length > 1;
  const first = createAsync(() => (can().complaints ? getComplaints(filter()) : Promise.resolve(undefined)));
  const followUps = createAsync(() =>
    can().complaints ? getFollowUps(filter().branchId) : Promise.resolve(undefined),
  );
  const branches = createAsync(() =>
    can().complaints && can().branches ? getBranches({ limit: 200 }) : Promise.resolve(undefined),
  );
  const zoneOf = (branchId: string) => branches()?.items.find((b) => b.id === branchId)?.timezone;

  const [more, setMore] = createSignal<{ after: ComplaintPage | undefined; pages: ComplaintPage[] }>({
    after: undefined,
    pages: [],
  });
  const extra = () => (more().after === first() ? more().pages : []);
  const items = () => [...(first()?.items ?? []), ...extra().flatMap((p) => p.items)];
  const nextCursor = () => {
    const pages = extra();
    return (pages.length ? pages[pages.length - 1] : first())?.nextCursor ?? null;
  };
  const [loading, setLoading] = createSignal(false);
  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await getComplaints(filter(), cursor);
      const base = first();
      setMore((m) => ({ after: base, pages: m.after === base ? [...m.pages, page] : [page] }));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Show when={can().complaints} fallback={<NoAccess />}>
      <div class="complaints-page">
        <PageHeader
          title={tc("title")}
          subtitle={tc("subtitle")}
          actions={
            <>
              <A class="button button--secondary" href="/complaints/figures">
                {tc("figures")}
              </A>
              <Show when={can().writeComplaints}>
                <A class="button button--primary" href="/complaints/new">
                  {tc("newComplaint")}
                </A>
              </Show>
            </>
          }
        />
        <Show when={can().writeComplaints}>
          <WaitingOnPhone />
        </Show>
        <section class="card complaints-block" aria-labelledby="complaints-follow-ups">
          <h2 class="section-title" id="complaints-follow-ups">
            {tc("list.followUps")}
          </h2>
          <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
            <Suspense fallback={<Loading />}>
              <Show when={followUps()}>
                {(page) => (
                  <Show when={page().items.length} fallback={<p>{tc("list.followUpsNone")}</p>}>
                    <ul class="list complaint-list" aria-label={tc("list.followUps")}>
                      <For each={page().items}>
                        {(c) => <ComplaintRow complaint={c} timeZone={zoneOf(c.branch.id)} showBranch={several()} />}
                      </For>
                    </ul>
                  </Show>
                )}
              </Show>
            </Suspense>
          </ErrorBoundary>
        </section>
        <section class="filters complaint-filters" aria-label={tOffice("common.filters")}>
          <div class="filters__row">
            <SelectField
              name="status"
              label={tc("filters.status")}
              value={filter().status ?? ""}
              placeholder={tc("filters.allStatuses")}
              options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: tc(`status.${s}`) }))}
              onChange={(value) => setParams({ status: value || undefined }, { replace: true })}
            />
            <SelectField
              name="overdue"
              label={tc("filters.overdue")}
              value={filter().overdue ?? ""}
              placeholder={tc("filters.overdueAny")}
              options={OVERDUE_KINDS.map((k) => ({ value: k, label: tc(`deadline.${k}`) }))}
              onChange={(value) => setParams({ overdue: value || undefined }, { replace: true })}
            />
            <Show when={several()}>
              <SelectField
                name="branchId"
                label={tc("filters.branch")}
                value={filter().branchId ?? ""}
                placeholder={tc("filters.allBranches")}
                options={(branches()?.items ?? []).map((b) => ({
                  value: b.id,
                  label: `${b.code} ${localName(b.name)}`,
                }))}
                onChange={(value) => setParams({ branchId: value || undefined }, { replace: true })}
              />
            </Show>
          </div>
        </section>
        <h2 class="section-title">{tc("list.all")}</h2>
        <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
          <Suspense fallback={<Loading />}>
            <Show when={first()}>
              <Show when={items().length > 0} fallback={<Empty>{tc("list.empty")}</Empty>}>
                <ul class="list complaint-list" aria-label={tc("list.all")}>
                  <For each={items()}>
                    {(c) => <ComplaintRow complaint={c} timeZone={zoneOf(c.branch.id)} showBranch={several()} />}
                  </For>
                </ul>
                <Show when={nextCursor()}>
                  <button
                    type="button"
                    class="button button--secondary button--block"
                    disabled={loading()}
                    onClick={loadMore}
                  >
                    {loading() ? tc("list.loading") : tc("list.loadMore")}
                  </button>
                </Show>
              </Show>
            </Show>
          </Suspense>
        </ErrorBoundary>
      </div>
    </Show>
  );
}
