/**
 * The league table: branches ranked by period score, sortable, with too-few-audits branches apart.
 */
import "../scorecards.css";
import { createAsync } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { A } from "../../../components/link";
import { Empty } from "../../../components/office-states";
import { localName } from "../../../lib/formats";
import { tx } from "../analytics-i18n";
import { formatChange, ScoreValue } from "../components/figures";
import { ts } from "../scorecard-i18n";
import { getLeague, type League } from "../scorecard-queries";
import { FILTER_KEYS, type Params, type ViewProps, withParams } from "./shared";

/* League */

type LeagueRow = League["ranked"][number] | League["insufficient"][number];
type SortKey = "rank" | "score" | "code" | "n" | "change" | "critical";
interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

/** The first click on a column sorts it this way: best first for scores, most first for counts. */
const FIRST_DIRECTION: Record<SortKey, 1 | -1> = { rank: 1, score: -1, code: 1, n: -1, change: -1, critical: -1 };

function sortValue(row: LeagueRow, key: SortKey): number | string | null {
  switch (key) {
    case "rank":
      return row.rank;
    case "score":
      return row.score.mean;
    case "code":
      return row.branch.code;
    case "n":
      return row.score.n;
    case "change":
      return row.change;
    case "critical":
      return row.score.criticalFailed;
  }
}

/** Sorted by one column; missing values last either way; ties by branch code. */
function sortRows<T extends LeagueRow>(rows: readonly T[], sort: Sort): T[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (typeof x === "string" ? x.localeCompare(String(y)) : x - (y as number)) * sort.dir;
    }
    return a.branch.code.localeCompare(b.branch.code);
  });
}

export function LeagueView(props: ViewProps) {
  const league = createAsync(() => getLeague(props.filter));
  return (
    <Show when={league()}>
      {(data) => (
        <section class="scorecards__view" aria-labelledby="league-title">
          <h2 class="section-title" id="league-title">
            {tx("league.title")}
          </h2>
          <Show
            when={data().ranked.length || data().insufficient.length}
            fallback={<Empty>{tx("league.empty")}</Empty>}
          >
            <Show when={data().ranked.length}>
              <LeagueTable rows={data().ranked} ranked params={props.params} caption={tx("league.title")} />
            </Show>
            <Show when={data().insufficient.length}>
              <h2 class="section-title scorecards__subhead" id="league-insufficient">
                {tx("league.insufficientTitle")}
              </h2>
              <p class="scorecards__hint">{ts("figures.insufficientHint")}</p>
              <LeagueTable
                rows={data().insufficient}
                ranked={false}
                params={props.params}
                caption={tx("league.insufficientTitle")}
              />
            </Show>
          </Show>
        </section>
      )}
    </Show>
  );
}

function LeagueTable(props: { rows: readonly LeagueRow[]; ranked: boolean; params: Params; caption: string }) {
  const [sort, setSort] = createSignal<Sort>({ key: props.ranked ? "rank" : "score", dir: props.ranked ? 1 : -1 });
  const rows = createMemo(() => sortRows(props.rows, sort()));
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, dir: current.dir === 1 ? -1 : 1 } : { key, dir: FIRST_DIRECTION[key] },
    );
  const header = (key: SortKey, label: string, numeric = true) => (
    <SortHeader column={key} label={label} sort={sort()} onSort={onSort} numeric={numeric} />
  );
  return (
    <div class="table-scroll">
      <table class="table league">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <Show when={props.ranked}>{header("rank", tx("league.rank"))}</Show>
            <th scope="col">{tx("league.branch")}</th>
            {header("code", tx("league.code"), false)}
            {header("score", tx("league.score"))}
            {header("n", tx("league.n"))}
            {header("change", tx("league.change"))}
            {header("critical", tx("league.critical"))}
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr>
                <Show when={props.ranked}>
                  <td class="num league__rank">{row.rank}</td>
                </Show>
                <th scope="row" class="league__branch">
                  <A
                    href={withParams(`/scorecards/branches/${row.branch.id}`, props.params, FILTER_KEYS, {
                      regionId: undefined,
                    })}
                  >
                    {localName(row.branch.name)}
                  </A>
                  <Show when={row.branch.region}>
                    {(region) => <span class="league__region">{localName(region().name)}</span>}
                  </Show>
                </th>
                <td>
                  <span class="code">{row.branch.code}</span>
                </td>
                <td class="num">
                  <ScoreValue score={row.score} compact />
                </td>
                <td class="num">{row.score.n}</td>
                <td class="num">{formatChange(row.change)}</td>
                <td class="num">{row.score.criticalFailed}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function SortHeader(props: {
  column: SortKey;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  numeric: boolean;
}) {
  const active = () => props.sort.key === props.column;
  return (
    <th
      scope="col"
      class={props.numeric ? "num" : undefined}
      aria-sort={active() ? (props.sort.dir === 1 ? "ascending" : "descending") : "none"}
    >
      <button type="button" class="sort-button" onClick={() => props.onSort(props.column)}>
        {props.label}
        <span class="sort-button__arrow" aria-hidden="true">
          {active() ? (props.sort.dir === 1 ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
