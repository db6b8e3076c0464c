/**
 * Pieces every actions screen shares: the status chips, one action as a list row, the due date
 * in the app's language, and the figures (open, overdue, closure on time, days to close,
 * recurrence) as a row of stats or a table by region.
 */

import { For, Show } from "solid-js";
import { Badge, type BadgeTone } from "../../../components/badge";
import { A } from "../../../components/link";
import { localName } from "../../../lib/formats";
import { intlLocale } from "../../../lib/i18n";
import { formatPercent } from "../../../lib/office-formats";
import { type Action, type ActionFigureRow, type ActionStatus, actionTitle } from "../action-queries";
import { tx } from "../actions-i18n";

const STATUS_TONES: Record<ActionStatus, BadgeTone> = {
  open: "accent",
  done: "warning",
  verified: "success",
  verified_by_visit: "success",
};

/** A YYYY-MM-DD day in the app's language ("Mon 14 Dec 2026"), the same day in every time zone. */
export function formatDay(day: string, weekday = false): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: weekday ? "short" : undefined,
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** Status, overdue, automatic and recurrences: text says it, colour only helps. */
export function StatusChips(props: { action: Action }) {
  return (
    <span class="badges">
      <Badge tone={STATUS_TONES[props.action.status]}>{tx(`status.${props.action.status}`)}</Badge>
      <Show when={props.action.overdue}>
        <Badge tone="danger">{tx("overdue")}</Badge>
      </Show>
      <Show when={props.action.automatic}>
        <Badge>{tx("automatic")}</Badge>
      </Show>
      <Show when={props.action.recurrences > 0}>
        <Badge tone="warning">{tx("recurrences", props.action.recurrences)}</Badge>
      </Show>
    </span>
  );
}

/** One action in a list: its title (a link), branch, items, owner and due date, and its chips. */
export function ActionRow(props: { action: Action; showBranch?: boolean }) {
  const labels = () => props.action.items.map((i) => localName(i.label)).join(" · ");
  return (
    <li class="action-row" classList={{ "action-row--overdue": props.action.overdue }} data-id={props.action.id}>
      <A class="action-row__title" href={`/actions/${props.action.id}`}>
        {actionTitle(props.action)}
      </A>
      <Show when={props.showBranch}>
        <span class="action-row__meta">{`${props.action.branch.code} ${localName(props.action.branch.name)}`}</span>
      </Show>
      <span class="action-row__meta">{labels()}</span>
      <span class="action-row__meta">
        {tx("owner", { name: props.action.owner.name })}
        {" · "}
        {tx("due", { date: formatDay(props.action.dueDate) })}
      </span>
      <StatusChips action={props.action} />
    </li>
  );
}

const days = (value: number | null) => (value === null ? "–" : tx("figures.days", Math.round(value * 10) / 10));

/** One branch's (or region's) figures as a row of stats. */
export function FigureStats(props: { row: ActionFigureRow | undefined }) {
  const stats = () => {
    const r = props.row;
    return [
      { key: "open", value: r ? String(r.open) : "0" },
      { key: "overdue", value: r ? String(r.overdue) : "0", alert: !!r?.overdue },
      { key: "closureRate", value: formatPercent(r?.closureRateOnTime ?? null, 0) },
      { key: "medianDays", value: days(r?.medianDaysToClose ?? null) },
      { key: "recurrenceRate", value: formatPercent(r?.recurrenceRate ?? null, 0) },
    ] as const;
  };
  return (
    <dl class="action-stats">
      <For each={stats()}>
        {(stat) => (
          <div class="action-stat" classList={{ "action-stat--alert": "alert" in stat && stat.alert }}>
            <dt>{tx(`figures.${stat.key}`)}</dt>
            <dd data-figure={stat.key}>{stat.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** Head office's figures per region, overdue highlighted. */
export function RegionFigures(props: { rows: readonly ActionFigureRow[] }) {
  return (
    <div class="table-scroll">
      <table class="table table--compact action-figures">
        <thead>
          <tr>
            <th scope="col">{tx("figures.region")}</th>
            <th scope="col" class="num">
              {tx("figures.open")}
            </th>
            <th scope="col" class="num">
              {tx("figures.overdue")}
            </th>
            <th scope="col" class="num">
              {tx("figures.closureRate")}
            </th>
            <th scope="col" class="num">
              {tx("figures.medianDays")}
            </th>
            <th scope="col" class="num">
              {tx("figures.recurrenceRate")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr classList={{ "action-figures__row--overdue": row.overdue > 0 }}>
                <th scope="row">
                  <A href={`/actions?regionId=${encodeURIComponent(row.id)}`}>{localName(row.name)}</A>
                </th>
                <td class="num">{row.open}</td>
                <td class="num">
                  <Show when={row.overdue > 0} fallback={0}>
                    <Badge tone="danger">{row.overdue}</Badge>
                  </Show>
                </td>
                <td class="num">{formatPercent(row.closureRateOnTime, 0)}</td>
                <td class="num">{days(row.medianDaysToClose)}</td>
                <td class="num">{formatPercent(row.recurrenceRate, 0)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
