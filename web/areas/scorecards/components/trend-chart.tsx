/**
 * A line chart by month (uPlot, loaded with the chart: ~20 KB gzip, never on the shopper's
 * phone), with every number beside it in a table: for screen readers, for copying, and for
 * print. Gaps (months without audits) stay gaps; they are not drawn as zero.
 */
import { createEffect, For, onCleanup, onMount, Show } from "solid-js";
import { intlLocale } from "../../../lib/i18n";
import { monthLabel } from "../../../lib/office-formats";
import { ts } from "../scorecard-i18n";

export interface TrendSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  /** CSS colour; dashed lines for benchmarks. */
  colour: string;
  dashed?: boolean;
}

interface TrendChartProps {
  title: string;
  months: readonly string[];
  /** The month still under way (marked with * and a note: its figures are so far), and the day they reach. */
  partial?: { month: string | null; asOf: string } | undefined;
  series: readonly TrendSeries[];
  /** "points" (0–100) or "percent" (rates 0–1 shown as %). */
  unit: "points" | "percent";
  /** Formats a table cell. */
  format: (value: number | null) => string;
}

/** "14 Dec" for a YYYY-MM-DD day, in the current language. */
export const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(intlLocale(), { day: "numeric", month: "short", timeZone: "UTC" });

export function TrendChart(props: TrendChartProps) {
  const partialMonth = () => props.partial?.month ?? null;
  const tickLabel = (month: string) => `${monthLabel(month, "short")}${month === partialMonth() ? "*" : ""}`;
  let host: HTMLDivElement | undefined;
  let chart: { destroy: () => void; setSize: (size: { width: number; height: number }) => void } | undefined;
  let observer: ResizeObserver | undefined;

  const draw = async () => {
    if (!host) return;
    const [{ default: uPlot }] = await Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]);
    chart?.destroy();
    const scale = props.unit === "percent" ? 100 : 1;
    const width = Math.max(280, host.clientWidth);
    chart = new uPlot(
      {
        width,
        height: 220,
        scales: {
          x: { time: false },
          // Round tens around the data (within 0..100), so lines near 85 are not flattened at the top.
          y: {
            range: (_u, min, max) => [
              Math.max(0, Math.floor(((min ?? 0) - 5) / 10) * 10),
              Math.min(100, Math.ceil(((max ?? 100) + 5) / 10) * 10),
            ],
          },
        },
        axes: [
          {
            // Whole months only: a tick every 1, 2, 3, 6 or 12 months, as the width allows.
            incrs: [1, 2, 3, 6, 12],
            values: (_u, ticks) => ticks.map((i) => (props.months[i] ? tickLabel(props.months[i] as string) : "")),
          },
          { values: (_u, ticks) => ticks.map((v) => `${v}${props.unit === "percent" ? " %" : ""}`) },
        ],
        series: [
          { label: ts("chart.month") },
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            points: { show: true, size: 6 },
            spanGaps: false,
          })),
        ],
        // Labels only: the numbers are in the table below, and hover values mean nothing on a phone.
        legend: { show: true, live: false },
      },
      [props.months.map((_, i) => i), ...props.series.map((s) => s.values.map((v) => (v === null ? null : v * scale)))],
      host,
    );
  };

  onMount(() => {
    observer = new ResizeObserver(() =>
      chart?.setSize({ width: Math.max(280, host?.clientWidth ?? 280), height: 220 }),
    );
    if (host) observer.observe(host);
  });
  createEffect(() => {
    // Redraw when the data (or the language of the month labels) changes.
    void props.series.map((s) => s.values.join());
    void props.months.join();
    void partialMonth();
    void intlLocale();
    void draw();
  });
  onCleanup(() => {
    observer?.disconnect();
    chart?.destroy();
  });

  return (
    <figure class="trend-chart">
      <figcaption class="trend-chart__title">{props.title}</figcaption>
      <div class="trend-chart__canvas no-print" ref={host} aria-hidden="true" />
      <Show when={props.partial?.month ? props.partial : undefined}>
        {(partial) => (
          <p class="trend-chart__partial partial-month">
            {ts("chart.partialNote", {
              month: monthLabel(partial().month as string, "short"),
              date: dayLabel(partial().asOf),
            })}
          </p>
        )}
      </Show>
      <details class="trend-chart__numbers">
        <summary>{ts("chart.showTable")}</summary>
        <TrendTable months={props.months} series={props.series} format={props.format} partial={partialMonth()} />
      </details>
      <div class="print-only">
        <TrendTable months={props.months} series={props.series} format={props.format} partial={partialMonth()} />
      </div>
    </figure>
  );
}

function TrendTable(props: Pick<TrendChartProps, "months" | "series" | "format"> & { partial: string | null }) {
  return (
    <div class="table-scroll">
      <table class="table table--compact">
        <thead>
          <tr>
            <th scope="col">{ts("chart.month")}</th>
            <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.months}>
            {(month, i) => (
              <tr>
                <th scope="row" classList={{ "partial-month": month === props.partial }}>
                  {month === props.partial
                    ? ts("chart.soFar", { month: monthLabel(month, "short") })
                    : monthLabel(month, "short")}
                </th>
                <For each={props.series}>{(s) => <td class="num">{props.format(s.values[i()] ?? null)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.months.length === 0}>
        <p>–</p>
      </Show>
    </div>
  );
}
