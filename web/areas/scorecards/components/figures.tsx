/**
 * How a figure reads: a score with its interval and n, a pass rate with its interval, and the
 * colour of a pass rate (for the heatmap). Insufficient data is said in words, never as a rank.
 */
import { Show } from "solid-js";
import { formatPercent, formatScore } from "../../../lib/office-formats";
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

export const formatChange = (change: number | null | undefined) =>
  change === null || change === undefined
    ? "–"
    : `${change > 0 ? "+" : change < 0 ? "−" : "±"}${formatScore(Math.abs(change))}`;

/** A score, its 95 % interval and n; "insufficient data" below three audits. */
export function ScoreValue(props: { score: Score; compact?: boolean }) {
  return (
    <span class="figure">
      <Show when={props.score.mean !== null} fallback={<span class="figure__none">{ts("figures.noData")}</span>}>
        <span class="figure__value">{formatScore(props.score.mean)}</span>
        <Show when={props.score.low !== null && props.score.high !== null}>
          <span class="figure__interval">
            {props.compact
              ? ts("figures.intervalShort", {
                  low: formatScore(props.score.low),
                  high: formatScore(props.score.high),
                })
              : ts("figures.interval", { low: formatScore(props.score.low), high: formatScore(props.score.high) })}
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
        <span class="figure__value">{formatPercent(props.rate.rate, 0)}</span>
        <Show when={!props.compact}>
          <span class="figure__interval">
            {ts("figures.intervalShort", {
              low: formatPercent(props.rate.low, 0),
              high: formatPercent(props.rate.high, 0),
            })}
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
