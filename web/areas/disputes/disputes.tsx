/**
 * `/disputes`: for reviewers and admins "Disputes to decide" (open ones, oldest first: a queue),
 * for branch and regional managers "Our disputes" (the API scopes the list); filters by status,
 * region and branch in the URL; "Load more" follows the API's cursor. Each row opens the dispute.
 */
import "./disputes.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { SelectField } from "../../components/field";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { localName } from "../../lib/formats";
import { formatDateTime } from "../../lib/office-formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { getBranches, getRegions } from "../organisation/queries";
import { formatDay } from "../planning/assignment-i18n";
import { OUTCOME_TONES } from "./components/dispute-outcomes";
import { disputeProblemText, td } from "./disputes-i18n";
import {
  DISPUTE_STATES,
  type Dispute,
  type DisputePage,
  defaultStatus,
  disputeFilter,
  getDisputes,
} from "./disputes-queries";
import "../../styles/lists.css";

/** A dispute in the list: titled by its branch, or for the manager of one branch by its report's visit (their rows share the branch). */
function DisputeRow(props: { dispute: Dispute; oneBranch: boolean }) {
  const d = () => props.dispute;
  const branch = () => `${d().branch.code} ${localName(d().branch.name)}`;
  const visit = () => td("list.visit", { date: formatDay(d().visitDate) });
  const when = () => formatDateTime(d().raisedAt);
  const outcomes = () => d().items.flatMap((i) => (i.outcome ? [i.outcome] : []));
  return (
    <li class="dispute-row" data-id={d().id} data-status={d().status}>
      <div class="dispute-row__main">
        <A
          class="dispute-row__title"
          href={`/disputes/${d().id}`}
          aria-label={td("list.openLabel", { branch: branch(), visit: formatDay(d().visitDate), when: when() })}
        >
          {props.oneBranch ? visit() : branch()}
        </A>
        <span class="dispute-row__meta" data-testid="dispute-row-visit">
          {props.oneBranch ? "" : `${visit()} · `}
          {localName(d().checklist.name)}
        </span>
        <span class="dispute-row__meta">
          {td("list.raised", { when: when() })}
          {" · "}
          {td("list.items", d().items.length)}
          <Show when={d().decidedAt}>
            {(at) => (
              <>
                {" · "}
                {td("list.decided", { when: formatDateTime(at()) })}
              </>
            )}
          </Show>
        </span>
        <span class="badges">
          <Badge tone={d().status === "open" ? "warning" : "success"}>{td(`status.${d().status}`)}</Badge>
          <For each={outcomes()}>{(o) => <Badge tone={OUTCOME_TONES[o]}>{td(`outcomes.${o}`)}</Badge>}</For>
          <Show when={d().reportOutcome}>{(o) => <Badge tone="danger">{td(`reportOutcomes.${o()}`)}</Badge>}</Show>
        </span>
      </div>
      {/* The same place as the title's link: one tab stop and one link for screen readers per row. */}
      <A
        class="button button--secondary dispute-row__open"
        href={`/disputes/${d().id}`}
        tabIndex={-1}
        aria-hidden="true"
      >
        {td("list.open")}
      </A>
    </li>
  );
}

export default function DisputesPage() {
  const can = useAbilities();
  const me = useMe();
  // A manager of one branch: every row is that branch, so rows are told apart by their visit.
  const oneBranch = () => can().ownBranches && me().scope.branchIds.length === 1;
  const [params, setParams] = useSearchParams();
  const deciding = () => can().decideDisputes;
  const filter = () => disputeFilter(params, deciding());
  const first = createAsync(() => (can().disputes ? getDisputes(filter()) : Promise.resolve(undefined)));
  const regions = createAsync(() => (can().disputes && can().regions ? getRegions() : Promise.resolve([])));
  const branches = createAsync(() =>
    can().disputes ? getBranches({ regionId: filter().regionId, limit: 200 }) : Promise.resolve(undefined),
  );

  // Pages after the first, for the first page they followed (a new filter or a reload starts over).
  const [more, setMore] = createSignal<{ after: DisputePage | undefined; pages: DisputePage[] }>({
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
  const [notice, setNotice] = createSignal<string>();

  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await getDisputes(filter(), cursor);
      const base = first();
      setMore((m) => ({ after: base, pages: m.after === base ? [...m.pages, page] : [page] }));
    } catch (error) {
      setNotice(disputeProblemText(error));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Show when={can().disputes} fallback={<NoAccess />}>
      <PageHeader
        title={deciding() ? td("list.decideTitle") : td("list.oursTitle")}
        subtitle={deciding() ? td("list.decideSubtitle") : td("list.oursSubtitle")}
        actions={
          <A class="button button--secondary" href="/disputes/figures">
            {td("list.figures")}
          </A>
        }
      />
      <section class="filters dispute-filters" aria-label={tOffice("common.filters")}>
        <div class="filters__row">
          <SelectField
            name="status"
            label={td("list.state")}
            value={filter().status ?? "all"}
            options={[
              ...DISPUTE_STATES.map((s) => ({ value: s, label: td(`status.${s}`) })),
              { value: "all", label: td("list.allStates") },
            ]}
            onChange={(value) =>
              setParams({ status: value === defaultStatus(deciding()) ? undefined : value }, { replace: true })
            }
          />
          <Show when={can().regions}>
            <SelectField
              name="regionId"
              label={td("list.region")}
              value={filter().regionId ?? ""}
              placeholder={td("list.allRegions")}
              options={(regions() ?? []).map((r) => ({ value: r.id, label: `${r.code} ${localName(r.name)}` }))}
              onChange={(value) => setParams({ regionId: value || undefined, branchId: undefined }, { replace: true })}
            />
          </Show>
          <SelectField
            name="branchId"
            label={td("list.branch")}
            value={filter().branchId ?? ""}
            placeholder={td("list.allBranches")}
            options={(branches()?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${localName(b.name)}` }))}
            onChange={(value) => setParams({ branchId: value || undefined }, { replace: true })}
          />
        </div>
      </section>
      <div aria-live="polite">
        <Show when={notice()}>
          <p class="notice notice--error" role="status">
            {notice()}
          </p>
        </Show>
      </div>
      <Show when={first()}>
        <Show when={items().length > 0} fallback={<Empty>{td("list.empty")}</Empty>}>
          <ul class="list dispute-list" aria-label={deciding() ? td("list.decideTitle") : td("list.oursTitle")}>
            <For each={items()}>{(dispute) => <DisputeRow dispute={dispute} oneBranch={oneBranch()} />}</For>
          </ul>
          <Show when={nextCursor()}>
            <button
              type="button"
              class="button button--secondary button--block"
              disabled={loading()}
              onClick={loadMore}
            >
              {loading() ? td("list.loading") : td("list.loadMore")}
            </button>
          </Show>
        </Show>
      </Show>
    </Show>
  );
}
