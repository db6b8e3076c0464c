/**
 * The scorecard filter bar: period (month, quarter, year or a custom range), checklist, channel
 * and region, all kept in the URL so a view can be bookmarked, shared and printed as shown.
 */
import { useSearchParams } from "@solidjs/router";
import { createSignal, For, Show, Suspense } from "solid-js";
import {
  addMonths,
  DEFAULT_MONTHS,
  PERIOD_KINDS,
  type PeriodKind,
  periodRange,
  quarterOf,
} from "../../../../worker/domain/periods";
import { firstParam } from "../../../lib/search-params";
import { CHANNELS } from "../../../lib/types";
import { ts } from "../scorecard-i18n";
import { type ScorecardFilter, scorecardFilter } from "../scorecard-queries";
import { monthRange, RANGE_MONTHS, recentMonths } from "./month-range";
import "../../../styles/lists.css";
import { localName } from "../../../lib/formats";
import { monthLabel } from "../../../lib/office-formats";
import { dayLabel } from "./trend-chart";

/** The filter in the URL (`from`, `to`, `checklistId`, `channel`, `regionId`). */
export function useScorecardFilter() {
  const [params, setParams] = useSearchParams();
  const filter = (): ScorecardFilter => scorecardFilter(params);
  const update = (patch: Partial<Record<keyof ScorecardFilter | "period", string | undefined>>) =>
    setParams(patch, { replace: true });
  const kind = (): PeriodKind | "" => {
    const value = firstParam(params.period);
    return (PERIOD_KINDS as readonly string[]).includes(value) ? (value as PeriodKind) : "";
  };
  return { filter, update, kind, params };
}

interface Option {
  id: string;
  name: { en: string; zh: string };
}

interface FilterBarProps {
  checklists?: readonly Option[] | undefined;
  regions?: readonly Option[] | undefined;
  /** The months the figures cover, as the API resolved them. */
  period?: { fromMonth: string; toMonth: string; asOf: string; partialMonth: string | null } | undefined;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function ScorecardFilters(props: FilterBarProps) {
  const { filter, update, kind } = useScorecardFilter();
  const months = recentMonths(thisMonth(), 24);
  const quarters = [...new Set(months.map(quarterOf))];
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];

  // The custom range as two months: what was picked and not applied yet, else the URL's range
  // (a bookmarked one may carry any days: they stand for their months), else the figures shown.
  const [draft, setDraft] = createSignal<{ from?: string; to?: string }>({});
  const fromMonth = () =>
    draft().from ??
    filter().from?.slice(0, 7) ??
    props.period?.fromMonth ??
    addMonths(thisMonth(), -(DEFAULT_MONTHS - 1));
  const toMonth = () => {
    const to = draft().to ?? filter().to?.slice(0, 7) ?? props.period?.toMonth ?? thisMonth();
    // Never before "from" (YYYY-MM strings: a later month sorts after).
    return to.localeCompare(fromMonth()) < 0 ? fromMonth() : to;
  };
  const rangeMonths = () =>
    recentMonths(thisMonth(), RANGE_MONTHS, [filter().from?.slice(0, 7), filter().to?.slice(0, 7)]);

  const pick = (which: Exclude<PeriodKind, "custom">, value: string) => {
    if (!value) return update({ period: undefined, from: undefined, to: undefined });
    update({ period: which, ...periodRange(which, value) });
  };
  const selected = (which: Exclude<PeriodKind, "custom">) => {
    const from = filter().from;
    if (kind() !== which || !from) return "";
    if (which === "month") return from.slice(0, 7);
    if (which === "quarter") return quarterOf(from.slice(0, 7));
    return from.slice(0, 4);
  };
  return (
    <section class="filters scorecard-filters no-print" aria-label={ts("filters.label")}>
      <div class="filters__row">
        <label class="field">
          <span class="field__label">{ts("filters.period")}</span>
          <select
            class="input select"
            name="period"
            value={kind()}
            onChange={(e) => {
              const next = e.currentTarget.value as PeriodKind | "";
              if (!next) update({ period: undefined, from: undefined, to: undefined });
              else if (next === "custom") update({ period: "custom" });
              else
                pick(
                  next,
                  next === "month"
                    ? thisMonth()
                    : next === "quarter"
                      ? quarterOf(thisMonth())
                      : thisMonth().slice(0, 4),
                );
            }}
          >
            <option value="">{ts("filters.lastThreeMonths")}</option>
            <For each={PERIOD_KINDS}>{(k) => <option value={k}>{ts(`filters.kinds.${k}`)}</option>}</For>
          </select>
        </label>
        <Show when={kind() === "month"}>
          <label class="field">
            <span class="field__label">{ts("filters.month")}</span>
            <select
              class="input select"
              name="month"
              value={selected("month")}
              onChange={(e) => pick("month", e.currentTarget.value)}
            >
              <For each={months}>{(m) => <option value={m}>{monthLabel(m)}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={kind() === "quarter"}>
          <label class="field">
            <span class="field__label">{ts("filters.quarter")}</span>
            <select
              class="input select"
              name="quarter"
              value={selected("quarter")}
              onChange={(e) => pick("quarter", e.currentTarget.value)}
            >
              <For each={quarters}>{(q) => <option value={q}>{q.replace("-", " ")}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={kind() === "year"}>
          <label class="field">
            <span class="field__label">{ts("filters.year")}</span>
            <select
              class="input select"
              name="year"
              value={selected("year")}
              onChange={(e) => pick("year", e.currentTarget.value)}
            >
              <For each={years}>{(y) => <option value={y}>{y}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={kind() === "custom"}>
          <form
            class="scorecard-filters__custom"
            onSubmit={(e) => {
              e.preventDefault();
              update({ period: "custom", ...monthRange(fromMonth(), toMonth()) });
              setDraft({});
            }}
          >
            <label class="field">
              <span class="field__label">{ts("filters.from")}</span>
              <select
                class="input select"
                name="from"
                value={fromMonth()}
                onChange={(e) => setDraft((d) => ({ ...d, from: e.currentTarget.value }))}
              >
                <For each={rangeMonths()}>
                  {(m) => (
                    <option value={m} selected={m === fromMonth()}>
                      {monthLabel(m)}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label class="field">
              <span class="field__label">{ts("filters.to")}</span>
              <select
                class="input select"
                name="to"
                value={toMonth()}
                onChange={(e) => setDraft((d) => ({ ...d, to: e.currentTarget.value }))}
              >
                <For each={rangeMonths().filter((m) => m >= fromMonth())}>
                  {(m) => (
                    <option value={m} selected={m === toMonth()}>
                      {monthLabel(m)}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <button class="button" type="submit">
              {ts("filters.apply")}
            </button>
          </form>
        </Show>
        <Show when={(props.checklists?.length ?? 0) > 1}>
          <label class="field">
            <span class="field__label">{ts("filters.checklist")}</span>
            <select
              class="input select"
              name="checklistId"
              value={filter().checklistId ?? ""}
              onChange={(e) => update({ checklistId: e.currentTarget.value || undefined })}
            >
              <option value="">{ts("filters.allChecklists")}</option>
              <For each={props.checklists}>{(c) => <option value={c.id}>{localName(c.name)}</option>}</For>
            </select>
          </label>
        </Show>
        <label class="field">
          <span class="field__label">{ts("filters.channel")}</span>
          <select
            class="input select"
            name="channel"
            value={filter().channel ?? ""}
            onChange={(e) => update({ channel: e.currentTarget.value || undefined })}
          >
            <option value="">{ts("filters.allChannels")}</option>
            <For each={CHANNELS}>{(c) => <option value={c}>{ts(`filters.channels.${c}`)}</option>}</For>
          </select>
        </label>
        <Show when={props.regions?.length}>
          <label class="field">
            <span class="field__label">{ts("filters.region")}</span>
            <select
              class="input select"
              name="regionId"
              value={filter().regionId ?? ""}
              onChange={(e) => update({ regionId: e.currentTarget.value || undefined })}
            >
              <option value="">{ts("filters.allRegions")}</option>
              <For each={props.regions}>{(r) => <option value={r.id}>{localName(r.name)}</option>}</For>
            </select>
          </label>
        </Show>
      </div>
      {/* Its own boundary: the filters do not wait for the figures' months. */}
      <Suspense>
        <Show when={props.period}>
          {(period) => (
            <p class="scorecard-filters__months">
              {ts("filters.wholeMonths", { from: monthLabel(period().fromMonth), to: monthLabel(period().toMonth) })}
              <Show when={period().partialMonth}>
                {(month) => (
                  <>
                    {" "}
                    <span class="partial-month">
                      {ts("filters.partialMonth", { month: monthLabel(month()), date: dayLabel(period().asOf) })}
                    </span>
                  </>
                )}
              </Show>
            </p>
          )}
        </Show>
      </Suspense>
    </section>
  );
}
