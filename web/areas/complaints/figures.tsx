/**
 * `/complaints/figures`: complaints next to audits for head office (managers see their own
 * scope). Two views under one filter kept in the URL: the figures per branch or region (a
 * sortable table with the satisfaction interval), and the comparison of each checklist
 * section's audit pass rate with the complaints filed under it, disagreements highlighted.
 */
import "../../styles/lists.css";
import "./figures.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, type JSX, Match, Show, Suspense, Switch } from "solid-js";
import { addMonths } from "../../../worker/domain/periods";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { formatNumber, localName } from "../../lib/formats";
import { formatPercent, monthLabel } from "../../lib/office-formats";
import { firstParam } from "../../lib/search-params";
import { useAbilities, useMe } from "../../lib/session";
import { getRegions } from "../organisation/queries";
import { tf } from "./figures-i18n";
import {
  type BySection,
  complaintExportHref,
  type FigureRow,
  type FiguresFilter,
  figuresFilter,
  getComplaintFigures,
  getComplaintsBySection,
  type SectionCell,
  thisMonth,
} from "./figures-queries";

export default function ComplaintFiguresPage() {
  const can = useAbilities();
  return (
    <Show when={can().complaints} fallback={<NoAccess />}>
      <Dashboard />
    </Show>
  );
}

function Dashboard() {
  const me = useMe();
  const can = useAbilities();
  const [params, setParams] = useSearchParams();
  const filter = () => figuresFilter(params);
  const view = () => (firstParam(params.view) === "compare" ? "compare" : "figures");
  const update = (patch: Record<string, string | undefined>) => setParams(patch, { replace: true });
  const regions = createAsync(() => (can().analytics ? getRegions() : Promise.resolve([])));
  const tab = (which: "figures" | "compare") => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      const v = firstParam(value);
      if (v && key !== "view") search.set(key, v);
    }
    if (which === "compare") search.set("view", "compare");
    const s = search.toString();
    return `/complaints/figures${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <PageHeader
        title={tf("title")}
        subtitle={tf("subtitle")}
        actions={
          <div class="cfig-exports no-print">
            <a class="button button--secondary" href={complaintExportHref(filter())} download="">
              {tf("export.csv")}
            </a>
            <Show when={me().role === "admin"}>
              <a
                class="button button--ghost"
                href={complaintExportHref(filter(), true)}
                download=""
                title={tf("export.contactHint")}
              >
                {tf("export.contact")}
              </a>
            </Show>
          </div>
        }
      />
      <section class="filters cfig-filters no-print" aria-label={tf("period.label")}>
        <div class="filters__row">
          <PeriodPicker filter={filter()} onChange={(from, to) => update({ from, to })} />
          <Show when={view() === "figures"}>
            <label class="field">
              <span class="field__label">{tf("groupBy.label")}</span>
              <select
                class="input select"
                name="groupBy"
                value={filter().groupBy}
                onChange={(e) => update({ groupBy: e.currentTarget.value === "region" ? "region" : undefined })}
              >
                <option value="branch">{tf("groupBy.branch")}</option>
                <option value="region">{tf("groupBy.region")}</option>
              </select>
            </label>
          </Show>
          <Show when={(regions()?.length ?? 0) > 1}>
            <label class="field">
              <span class="field__label">{tf("region.label")}</span>
              <select
                class="input select"
                name="regionId"
                value={filter().regionId ?? ""}
                onChange={(e) => update({ regionId: e.currentTarget.value || undefined })}
              >
                <option value="">{tf("region.all")}</option>
                <For each={regions()}>{(r) => <option value={r.id}>{localName(r.name)}</option>}</For>
              </select>
            </label>
          </Show>
        </div>
      </section>
      <nav class="cfig-tabs no-print" aria-label={tf("title")}>
        <For each={["figures", "compare"] as const}>
          {(which) => (
            <a class="cfig-tabs__tab" href={tab(which)} aria-current={view() === which ? "page" : undefined}>
              {tf(`views.${which}`)}
            </a>
          )}
        </For>
      </nav>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Match when={view() === "figures"}>
              <FiguresView filter={filter()} />
            </Match>
            <Match when={view() === "compare"}>
              <CompareView filter={filter()} onChecklist={(id) => update({ checklistId: id })} />
            </Match>
          </Switch>
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/** Quick ranges (the last 3, 6 or 12 months) and any from–to months. */
function PeriodPicker(props: { filter: FiguresFilter; onChange: (from: string, to: string) => void }) {
  const months = Array.from({ length: 36 }, (_, i) => addMonths(thisMonth(), -i));
  const preset = () => {
    if (props.filter.toMonth !== thisMonth()) return "";
    const span = [3, 6, 12].find((n) => addMonths(thisMonth(), -(n - 1)) === props.filter.fromMonth);
    return span ? String(span) : "";
  };
  return (
    <>
      <label class="field">
        <span class="field__label">{tf("period.label")}</span>
        <select
          class="input select"
          name="period"
          value={preset()}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            if (n) props.onChange(addMonths(thisMonth(), -(n - 1)), thisMonth());
          }}
        >
          <option value="" disabled>
            {tf("period.months", { from: monthLabel(props.filter.fromMonth), to: monthLabel(props.filter.toMonth) })}
          </option>
          <option value="3">{tf("period.last3")}</option>
          <option value="6">{tf("period.last6")}</option>
          <option value="12">{tf("period.last12")}</option>
        </select>
      </label>
      <label class="field">
        <span class="field__label">{tf("period.from")}</span>
        <select
          class="input select"
          name="from"
          value={props.filter.fromMonth}
          onChange={(e) => props.onChange(e.currentTarget.value, props.filter.toMonth)}
        >
          <For each={months.filter((m) => m <= props.filter.toMonth)}>
            {(m) => <option value={m}>{monthLabel(m)}</option>}
          </For>
        </select>
      </label>
      <label class="field">
        <span class="field__label">{tf("period.to")}</span>
        <select
          class="input select"
          name="to"
          value={props.filter.toMonth}
          onChange={(e) => props.onChange(props.filter.fromMonth, e.currentTarget.value)}
        >
          <For each={months.filter((m) => m >= props.filter.fromMonth)}>
            {(m) => <option value={m}>{monthLabel(m)}</option>}
          </For>
        </select>
      </label>
    </>
  );
}

const COLUMNS = ["name", "complaints", "rate", "ack", "resolve", "late", "satisfaction"] as const;
type Column = (typeof COLUMNS)[number];

/** The value a column sorts by; nulls always last. */
function sortValue(row: FigureRow, column: Column): number | string | null {
  switch (column) {
    case "name":
      return localName({ en: row.nameEn, zh: row.nameZh });
    case "complaints":
      return row.complaints;
    case "rate":
      return row.per1000Visits ?? (row.perAudit === null ? null : row.perAudit * 1000);
    case "ack":
      return row.medianAckHours;
    case "resolve":
      return row.medianResolveDays;
    case "late":
      return row.pastDeadlineShare;
    case "satisfaction":
      return row.satisfaction?.mean ?? null;
  }
}

function rateText(row: FigureRow): string {
  if (row.per1000Visits !== null) return tf("rate.perThousand", { value: formatNumber(row.per1000Visits, 2) });
  if (row.perAudit !== null) return tf("rate.perAudit", { value: formatNumber(row.perAudit, 2) });
  return "–";
}

function FiguresView(props: { filter: FiguresFilter }) {
  const figures = createAsync(() => getComplaintFigures(props.filter));
  const [sort, setSort] = createSignal<{ column: Column; descending: boolean }>({
    column: "complaints",
    descending: true,
  });
  const rows = () => {
    const { column, descending } = sort();
    return [...(figures()?.rows ?? [])].sort((a, b) => {
      const x = sortValue(a, column);
      const y = sortValue(b, column);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number);
      return descending ? -order : order;
    });
  };
  const header = (column: Column) => {
    const current = () => sort().column === column;
    return (
      <th scope="col" aria-sort={current() ? (sort().descending ? "descending" : "ascending") : "none"}>
        <button
          type="button"
          class="cfig-sort"
          title={tf("sortBy", { column: tf(`columns.${column}`) })}
          onClick={() =>
            setSort((s) => ({ column, descending: s.column === column ? !s.descending : column !== "name" }))
          }
        >
          {tf(`columns.${column}`)}
          <span aria-hidden="true">{current() ? (sort().descending ? " ↓" : " ↑") : ""}</span>
        </button>
      </th>
    );
  };
  const cells = (row: FigureRow): JSX.Element[] => [
    <td data-label={tf("columns.complaints")}>{row.complaints}</td>,
    <td data-label={tf("columns.rate")}>{rateText(row)}</td>,
    <td data-label={tf("columns.ack")}>
      {row.medianAckHours === null ? "–" : tf("hours", { value: formatNumber(row.medianAckHours, 1) })}
    </td>,
    <td data-label={tf("columns.resolve")}>
      {row.medianResolveDays === null ? "–" : tf("days", { value: formatNumber(row.medianResolveDays, 1) })}
    </td>,
    <td data-label={tf("columns.late")}>{formatPercent(row.pastDeadlineShare, 0)}</td>,
    <td data-label={tf("columns.satisfaction")}>
      <Show when={row.satisfaction} fallback="–">
        {(s) => (
          <span class="cfig-sat">
            <strong>{formatNumber(s().mean, 2)}</strong>
            <Show when={s().low !== null && s().high !== null}>
              <span class="cfig-sat__ci">
                {tf("interval", { low: formatNumber(s().low ?? 0, 1), high: formatNumber(s().high ?? 0, 1) })}
              </span>
            </Show>
            <span class="cfig-sat__n">{tf("answers", { n: s().n })}</span>
          </span>
        )}
      </Show>
    </td>,
  ];
  return (
    <Show when={figures()}>
      {(f) => (
        <section class="card cfig-card">
          <Show when={f().rows.length > 0} fallback={<p class="empty">{tf("none")}</p>}>
            <div class="cfig-wrap">
              <table class="cfig-table" data-testid="complaint-figures">
                <thead>
                  <tr>
                    <For each={COLUMNS}>{(c) => header(c)}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row) => (
                      <tr>
                        <th scope="row">
                          <span class="code">{row.code}</span> {localName({ en: row.nameEn, zh: row.nameZh })}
                        </th>
                        {cells(row)}
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{tf("total")}</th>
                    {cells(f().totals as FigureRow)}
                  </tr>
                </tfoot>
              </table>
            </div>
            <p class="field__hint">{tf("notes.rate")}</p>
            <p class="field__hint">{tf("notes.late")}</p>
          </Show>
        </section>
      )}
    </Show>
  );
}

function cellClass(cell: SectionCell): string {
  if (cell.disagreement === "complaints_despite_passing") return "cfig-cell cfig-cell--despite";
  if (cell.disagreement === "failing_without_complaints") return "cfig-cell cfig-cell--unnoticed";
  return "cfig-cell";
}

function CompareView(props: { filter: FiguresFilter; onChecklist: (id: string) => void }) {
  const data = createAsync(() => getComplaintsBySection(props.filter));
  return (
    <Show when={data()}>
      {(d) => (
        <section class="card cfig-card">
          <Show when={d().checklists.length > 1}>
            <label class="field cfig-checklist">
              <span class="field__label">{tf("compare.checklist")}</span>
              <select
                class="input select"
                name="checklistId"
                value={d().checklistId ?? ""}
                onChange={(e) => props.onChecklist(e.currentTarget.value)}
              >
                <For each={d().checklists}>{(c) => <option value={c.id}>{localName(c.name)}</option>}</For>
              </select>
            </label>
          </Show>
          <Legend />
          <Show when={d().rows.length > 0} fallback={<p class="empty">{tf("compare.none")}</p>}>
            <CompareGrid data={d()} />
          </Show>
        </section>
      )}
    </Show>
  );
}

function Legend() {
  return (
    <div class="cfig-legend" data-testid="comparison-legend">
      <strong>{tf("compare.legendTitle")}</strong>
      <ul>
        <li>{tf("compare.legendRate")}</li>
        <li>{tf("compare.legendComplaints")}</li>
        <li>
          <span class="cfig-swatch cfig-cell--despite" aria-hidden="true" /> {tf("compare.despitePassing")}
        </li>
        <li>
          <span class="cfig-swatch cfig-cell--unnoticed" aria-hidden="true" /> {tf("compare.withoutComplaints")}
        </li>
      </ul>
    </div>
  );
}

function CompareGrid(props: { data: BySection }) {
  return (
    <div class="cfig-wrap">
      <table class="cfig-grid" data-testid="complaint-comparison">
        <thead>
          <tr>
            <th scope="col">{tf("compare.branch")}</th>
            <For each={props.data.sections}>{(s) => <th scope="col">{localName(s.title)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.data.rows}>
            {(row) => (
              <tr>
                <th scope="row">
                  <span class="code">{row.code}</span> {localName({ en: row.nameEn, zh: row.nameZh })}
                </th>
                <For each={row.cells}>
                  {(cell) => (
                    <td
                      class={cellClass(cell)}
                      data-disagreement={cell.disagreement ?? undefined}
                      title={
                        cell.passRate === null
                          ? tf("compare.cellNoAudits", { complaints: cell.complaints })
                          : tf("compare.cell", { rate: formatPercent(cell.passRate, 0), complaints: cell.complaints })
                      }
                    >
                      <span class="cfig-cell__rate">
                        {cell.passRate === null ? tf("compare.noAudits") : formatPercent(cell.passRate, 0)}
                      </span>
                      <span class="cfig-cell__complaints">{cell.complaints}</span>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
