/**
 * How a figure reads: a score with its interval and n, a pass rate with its interval, and the
 * colour of a pass rate (for the heatmap). Insufficient data is said in words, never as a rank.
 */
import { Show } from "solid-js";
import { intlLocale } from "../../../lib/i18n";
import { ts } from "../scorecard-i18n";

interface Score {
  n: number;
  mean: number | null;
  low: number | null;
  high: number | null;
  insufficient: boolean;
}

interface Rate {
  passes: number;
  fails: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export const formatPoints = (value: number | null | undefined) =>
  value === null || value === undefined
    ? "–"
    : value.toLocaleString(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatPercent = (rate: number | null | undefined) =>
  rate === null || rate === undefined
    ? "–"
    : ts("figures.percent", { value: (rate * 100).toLocaleString(intlLocale(), { maximumFractionDigits: 0 }) });

export const formatChange = (change: number | null | undefined) =>
  change === null || change === undefined
    ? "–"
    : `${change > 0 ? "+" : change < 0 ? "−" : "±"}${formatPoints(Math.abs(change))}`;

/** A score, its 95 % interval and n; "insufficient data" below three audits. */
export function ScoreValue(props: { score: Score; compact?: boolean }) {
  return (
    <span class="figure">
      <Show when={props.score.mean !== null} fallback={<span class="figure__none">{ts("figures.noData")}</span>}>
        <span class="figure__value">{formatPoints(props.score.mean)}</span>
        <Show when={props.score.low !== null && props.score.high !== null}>
          <span class="figure__interval">
            {props.compact
              ? ts("figures.intervalShort", {
                  low: formatPoints(props.score.low),
                  high: formatPoints(props.score.high),
                })
              : ts("figures.interval", { low: formatPoints(props.score.low), high: formatPoints(props.score.high) })}
          </span>
        </Show>
        <Show when={!props.compact}>
          <span class="figure__n">{ts("figures.audits", props.score.n)}</span>
        </Show>
        <Show when={props.score.insufficient}>
          <span class="badge badge--neutral" title={ts("figures.insufficientHint")}>
            {ts("figures.insufficient")}
          </span>
        </Show>
      </Show>
    </span>
  );
}

/** A pass rate with its Wilson interval. */
export function RateValue(props: { rate: Rate; compact?: boolean }) {
  return (
    <span class="figure">
      <Show when={props.rate.rate !== null} fallback={<span class="figure__none">{ts("figures.notJudged")}</span>}>
        <span class="figure__value">{formatPercent(props.rate.rate)}</span>
        <Show when={!props.compact}>
          <span class="figure__interval">
            {ts("figures.intervalShort", { low: formatPercent(props.rate.low), high: formatPercent(props.rate.high) })}
          </span>
          <span class="figure__n">
            {props.rate.passes}/{props.rate.passes + props.rate.fails}
          </span>
        </Show>
      </Show>
    </span>
  );
}

/**
 * A pass rate's colour: red below 60 %, amber to 85 %, green above, lighter with fewer
 * judgements (a rate from 2 visits should not shout). Returns CSS custom properties.
 */
export function rateColour(rate: number | null, judged: number): string {
  if (rate === null) return "var(--heat-none)";
  const hue = rate < 0.6 ? 4 : rate < 0.85 ? 38 : 140;
  const strength = Math.min(1, 0.35 + judged / 20);
  // Never darker than 62 % lightness: the dark text on it keeps a 4.5:1 contrast.
  const lightness = 92 - Math.round(strength * 30);
  return `hsl(${hue} 70% ${lightness}%)`;
}
