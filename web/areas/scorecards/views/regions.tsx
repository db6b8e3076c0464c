/**
 * Regions side by side: each region's mean with its 95 % interval against the organisation's,
 * on an axis zoomed to the figures shown (region means are a few points apart).
 */
import "../scorecards.css";
import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Empty } from "../../../components/office-states";
import { localName } from "../../../lib/formats";
import { formatPercent, formatScore } from "../../../lib/office-formats";
import { tx } from "../analytics-i18n";
import { formatChange } from "../components/figures";
import { type Axis, onAxis, zoomAxis } from "../scales";
import { ts } from "../scorecard-i18n";
import { getRegionScores, type League, type RegionScores } from "../scorecard-queries";
import type { ViewProps } from "./shared";

/** Every figure a bar draws (interval ends, means, the organisation's), for one shared axis. */
function axisOf(data: RegionScores): Axis {
  const scores = [...data.regions.map((r) => r.score), data.organization];
  return zoomAxis(scores.flatMap((s) => [s.low, s.high, s.mean]));
}

/* Regions */

export function RegionsView(props: ViewProps) {
  const data = createAsync(() => getRegionScores(props.filter));
  return (
    <Show when={data()}>
      {(d) => (
        <section class="scorecards__view" aria-labelledby="regions-title">
          <h2 class="section-title" id="regions-title">
            {tx("regions.title")}
          </h2>
          <Show when={d().regions.length} fallback={<Empty>{tx("regions.empty")}</Empty>}>
            <div class="table-scroll">
              <table class="table regions-table">
                <thead>
                  <tr>
                    <th scope="col">{tx("regions.region")}</th>
                    <th scope="col" class="num">
                      {tx("regions.mean")}
                    </th>
                    <th scope="col" class="regions-table__bar">
                      {tx("regions.interval")}{" "}
                      <span class="regions-table__axis">
                        {tx("regions.axis", { min: axisOf(d()).min, max: axisOf(d()).max })}
                      </span>
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.n")}
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.change")}
                    </th>
                    <th scope="col" class="num">
                      {tx("regions.criticalRate")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().regions}>
                    {(row) => (
                      <RegionRow
                        label={localName(row.region.name)}
                        code={row.region.code}
                        score={row.score}
                        change={row.change}
                        reference={d().organization.mean}
                        axis={axisOf(d())}
                      />
                    )}
                  </For>
                </tbody>
                <tbody class="table__total">
                  <RegionRow
                    label={ts("figures.organization")}
                    score={d().organization}
                    change={null}
                    reference={d().organization.mean}
                    axis={axisOf(d())}
                  />
                </tbody>
              </table>
            </div>
            <p class="scorecards__hint">{tx("regions.scale", { min: axisOf(d()).min, max: axisOf(d()).max })}</p>
          </Show>
        </section>
      )}
    </Show>
  );
}

function RegionRow(props: {
  label: string;
  code?: string;
  score: League["organization"];
  change: number | null;
  reference: number | null;
  axis: Axis;
}) {
  return (
    <tr>
      <th scope="row">
        {props.label}
        <Show when={props.code}>
          {" "}
          <span class="code">{props.code}</span>
        </Show>
      </th>
      <td class="num">
        <Show when={props.score.mean !== null} fallback={<span class="figure__none">{ts("figures.noData")}</span>}>
          <strong>{formatScore(props.score.mean)}</strong>
          <Show when={props.score.insufficient}>
            {" "}
            <span class="badge badge--muted" title={ts("figures.insufficientHint")}>
              {ts("figures.insufficient")}
            </span>
          </Show>
        </Show>
      </td>
      <td class="regions-table__bar">
        <IntervalBar
          low={props.score.low}
          high={props.score.high}
          mean={props.score.mean}
          reference={props.reference}
          axis={props.axis}
        />
        <span class="figure__interval">
          {props.score.low !== null && props.score.high !== null
            ? ts("figures.intervalShort", { low: formatScore(props.score.low), high: formatScore(props.score.high) })
            : "–"}
        </span>
      </td>
      <td class="num">{props.score.n}</td>
      <td class="num">{formatChange(props.change)}</td>
      <td
        class="num"
        title={ts("figures.criticalRate", { count: props.score.criticalFailed, audits: props.score.audits })}
      >
        {formatPercent(props.score.criticalRate, 0)}
      </td>
    </tr>
  );
}

/**
 * A 95 % interval on the shared axis (its ends at the bar's ends): the bar is the interval, the
 * tick the mean, the dashed line a reference.
 */
function IntervalBar(props: {
  low: number | null;
  high: number | null;
  mean: number | null;
  reference: number | null;
  axis: Axis;
}) {
  const at = (value: number | null) => (value === null ? null : onAxis(props.axis, value));
  return (
    <svg
      class="interval-bar"
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      role="img"
      aria-label={tx("regions.barLabel", {
        mean: formatScore(props.mean),
        low: formatScore(props.low),
        high: formatScore(props.high),
      })}
    >
      <rect class="interval-bar__track" x="0" y="5" width="100" height="2" />
      <Show when={props.low !== null && props.high !== null}>
        <rect
          class="interval-bar__range"
          x={at(props.low) ?? 0}
          y="2"
          width={Math.max(0.5, (at(props.high) ?? 0) - (at(props.low) ?? 0))}
          height="8"
          vector-effect="non-scaling-stroke"
        />
      </Show>
      <Marker class="interval-bar__reference" at={at(props.reference)} />
      <Marker class="interval-bar__mean" at={at(props.mean)} />
    </svg>
  );
}

/** A vertical line across the interval bar at `at` (0–100 along the bar), when there is a value. */
function Marker(props: { class: string; at: number | null }) {
  return (
    <Show when={props.at !== null}>
      <line
        class={props.class}
        x1={props.at ?? 0}
        x2={props.at ?? 0}
        y1="0"
        y2="12"
        vector-effect="non-scaling-stroke"
      />
    </Show>
  );
}
