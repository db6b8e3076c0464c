/**
 * The review queue (`/review`): the figures (waiting, overdue, claimed by me, returned), the
 * filters in the URL, then the reports oldest first with their age against the SLA, who holds
 * them and a Claim button. "Load more" follows the API's cursor.
 */
import "./review.css";
import { createAsync, revalidate, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { Badge, type BadgeTone } from "../../components/badge";
import { CheckboxField, SelectField } from "../../components/field";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { isProblem } from "../../lib/api";
import { localName } from "../../lib/formats";
import { formatDateTime, formatScore } from "../../lib/office-formats";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { getBranches, getRegions } from "../organisation/queries";
import { FLAG_CODES, FlagChips } from "./components/flags";
import { tr } from "./review-i18n";
import { reviewProblemText } from "./review-messages";
import {
  getReviewQueue,
  QUEUE_STATES,
  type QueueFilter,
  type QueueItem,
  type QueuePage,
  queueFilter,
  reviewActions,
} from "./review-queries";

export const SLA_TONES: Record<QueueItem["sla"], BadgeTone> = {
  on_time: "success",
  due_soon: "warning",
  overdue: "danger",
};

/** The filter as URL search parameters (for links from the home page). */
export function queueHref(filter: QueueFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.mine) params.set("mine", "1");
  if (filter.branchId) params.set("branchId", filter.branchId);
  if (filter.regionId) params.set("regionId", filter.regionId);
  if (filter.flag) params.set("flag", filter.flag);
  if (filter.byFlags) params.set("sort", "flags");
  const search = params.toString();
  return search ? `/review?${search}` : "/review";
}

function QueueRow(props: { item: QueueItem; onClaim: (item: QueueItem) => void; busy: boolean }) {
  const me = useMe();
  const item = () => props.item;
  const branch = () => `${item().branch.code} ${localName(item().branch.name)}`;
  const when = () => formatDateTime(item().submittedAt);
  const mine = () => item().claimedBy?.id === me().user.id;
  return (
    <li class="queue-row" data-status={item().status} data-id={item().id}>
      <div class="queue-row__main">
        <A
          class="queue-row__title"
          href={`/review/${item().id}`}
          aria-label={tr("queue.openLabel", { branch: branch(), when: when() })}
        >
          {branch()}
        </A>
        <span class="queue-row__meta">{localName(item().checklist.name)}</span>
        <span class="queue-row__meta">
          {tr("queue.submitted", { when: when() })}
          {" · "}
          {tr("queue.score", { score: formatScore(item().score) })}
        </span>
        <span class="badges">
          <Badge tone={SLA_TONES[item().sla]}>
            <span class={`sla-dot sla-dot--${item().sla}`} aria-hidden="true" />
            {`${tr(`sla.${item().sla}`)} · ${tr("queue.age", item().ageHours)}`}
          </Badge>
          <Badge tone={item().status === "returned" ? "accent" : "neutral"}>{tr(`status.${item().status}`)}</Badge>
          <Show when={item().late}>
            <Badge tone="warning">{tr("queue.late")}</Badge>
          </Show>
          <FlagChips codes={item().flags} />
        </span>
        <span class="queue-row__meta">
          {item().claimedBy
            ? mine()
              ? tr("queue.claimedByYou")
              : tr("queue.claimedBy", { name: item().claimedBy?.name ?? "" })
            : tr("queue.unclaimed")}
        </span>
      </div>
      <div class="queue-row__actions">
        <Show
          when={item().status === "waiting"}
          fallback={
            <A class="button button--secondary" href={`/review/${item().id}`}>
              {tr("queue.open")}
            </A>
          }
        >
          <button
            type="button"
            class="button button--primary"
            disabled={props.busy}
            aria-label={tr("queue.claimLabel", { branch: branch(), when: when() })}
            onClick={() => props.onClaim(item())}
          >
            {tr("queue.claim")}
          </button>
        </Show>
      </div>
    </li>
  );
}

export default function ReviewQueue() {
  const can = useAbilities();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = () => queueFilter(params);
  const first = createAsync(() => (can().reviewQueue ? getReviewQueue(filter()) : Promise.resolve(undefined)));
  const regions = createAsync(() => (can().reviewQueue ? getRegions() : Promise.resolve([])));
  const branches = createAsync(() =>
    can().reviewQueue ? getBranches({ regionId: filter().regionId, limit: 200 }) : Promise.resolve(undefined),
  );

  // Pages after the first, for the first page they followed (a new filter or a reload starts over).
  const [more, setMore] = createSignal<{ after: QueuePage | undefined; pages: QueuePage[] }>({
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
  const [busy, setBusy] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();

  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await getReviewQueue(filter(), cursor);
      const base = first();
      setMore((m) => ({ after: base, pages: m.after === base ? [...m.pages, page] : [page] }));
    } catch (error) {
      setNotice(reviewProblemText(error));
    } finally {
      setLoading(false);
    }
  }

  async function claim(item: QueueItem) {
    setBusy(item.id);
    setNotice(undefined);
    try {
      await reviewActions.claim(item.id, item.version);
      await revalidate(getReviewQueue.key);
      navigate(`/review/${item.id}`);
    } catch (error) {
      if (
        isProblem(error) &&
        (error.code === "already_claimed" || error.code === "stale_version" || error.code === "invalid_state")
      ) {
        // Someone was quicker: show who has it now.
        const fresh = await getReviewQueue({}, undefined).catch(() => undefined);
        void revalidate(getReviewQueue.key);
        const holder = fresh?.items.find((i) => i.id === item.id)?.claimedBy?.name;
        setNotice(holder ? tr("queue.alreadyClaimed", { name: holder }) : tr("queue.alreadyClaimedNobody"));
      } else {
        setNotice(reviewProblemText(error));
      }
    } finally {
      setBusy(undefined);
    }
  }

  const counts = () => first()?.counts;
  const figure = (key: "waiting" | "overdue" | "claimedByMe" | "returned", href: string) => (
    <li>
      <A class={`queue-figure queue-figure--${key}`} href={href}>
        <span class="queue-figure__value">{counts()?.[key] ?? "–"}</span>
        <span class="queue-figure__label">{tr(`queue.${key}`)}</span>
      </A>
    </li>
  );

  return (
    <Show when={can().reviewQueue} fallback={<NoAccess />}>
      <PageHeader title={tr("queue.title")} subtitle={tr("queue.subtitle")} />
      <ul class="queue-figures" aria-label={tr("queue.counts")}>
        {figure("waiting", queueHref({ status: "waiting" }))}
        {figure("overdue", queueHref({}))}
        {figure("claimedByMe", queueHref({ mine: true }))}
        {figure("returned", queueHref({ status: "returned" }))}
      </ul>
      <Show when={first()?.slaHours}>
        {(hours) => <p class="queue-hint">{tr("queue.slaHint", { hours: hours() })}</p>}
      </Show>
      <section class="filters queue-filters" aria-label={tOffice("common.filters")}>
        <div class="filters__row">
          <SelectField
            name="status"
            label={tr("queue.state")}
            value={filter().status ?? ""}
            placeholder={tr("queue.allStates")}
            options={QUEUE_STATES.map((s) => ({ value: s, label: tr(`status.${s}`) }))}
            onChange={(value) => setParams({ status: value || undefined }, { replace: true })}
          />
          <SelectField
            name="regionId"
            label={tr("queue.region")}
            value={filter().regionId ?? ""}
            placeholder={tr("queue.allRegions")}
            options={(regions() ?? []).map((r) => ({ value: r.id, label: `${r.code} ${localName(r.name)}` }))}
            onChange={(value) => setParams({ regionId: value || undefined, branchId: undefined }, { replace: true })}
          />
          <SelectField
            name="branchId"
            label={tr("queue.branch")}
            value={filter().branchId ?? ""}
            placeholder={tr("queue.allBranches")}
            options={(branches()?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${localName(b.name)}` }))}
            onChange={(value) => setParams({ branchId: value || undefined }, { replace: true })}
          />
          <SelectField
            name="flag"
            label={tr("flags.filter")}
            value={filter().flag ?? ""}
            placeholder={tr("flags.anyFlag")}
            options={FLAG_CODES.map((code) => ({ value: code, label: tr(`flags.code.${code}`) }))}
            onChange={(value) => setParams({ flag: value || undefined }, { replace: true })}
          />
          <SelectField
            name="sort"
            label={tr("flags.sort")}
            value={filter().byFlags ? "flags" : "submitted"}
            options={[
              { value: "submitted", label: tr("flags.sortSubmitted") },
              { value: "flags", label: tr("flags.sortFlags") },
            ]}
            onChange={(value) => setParams({ sort: value === "flags" ? "flags" : undefined }, { replace: true })}
          />
        </div>
        <CheckboxField
          name="mine"
          label={tr("queue.mine")}
          checked={!!filter().mine}
          onChange={(checked) => setParams({ mine: checked ? "1" : undefined }, { replace: true })}
        />
      </section>
      <div aria-live="polite">
        <Show when={notice()}>
          <p class="review-notice review-notice--warning" role="status">
            {notice()}
          </p>
        </Show>
      </div>
      <Show when={first()}>
        <Show when={items().length > 0} fallback={<Empty>{tr("queue.empty")}</Empty>}>
          <ul class="list queue-list" aria-label={tr("queue.title")}>
            <For each={items()}>{(item) => <QueueRow item={item} onClaim={claim} busy={busy() === item.id} />}</For>
          </ul>
          <Show when={nextCursor()}>
            <button
              type="button"
              class="button button--secondary button--block"
              disabled={loading()}
              onClick={loadMore}
            >
              {loading() ? tr("queue.loading") : tr("queue.loadMore")}
            </button>
          </Show>
        </Show>
      </Show>
    </Show>
  );
}
