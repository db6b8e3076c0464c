/**
 * A reliability rating explained like a score: 100 points, less each kind of trouble, one line
 * each ("−2.8 · 1 of 10 reports returned by review · weight 27.8"). The head office table shows
 * it under an opened row; the shopper's own page shows it whole.
 */
import { For, Show } from "solid-js";
import { Badge } from "../../../components/badge";
import { formatNumber } from "../../../lib/formats";
import { lineText, pointsText, tl } from "../reliability-i18n";
import type { ReliabilityLine } from "../reliability-queries";

export function ReliabilityExplanation(props: { lines: readonly ReliabilityLine[]; id?: string }) {
  const lost = () => props.lines.filter((l) => l.pointsLost > 0);
  return (
    <div class="reliability-explanation" id={props.id}>
      <Show when={props.lines.length > 0} fallback={<p class="field__hint">{tl("rating.noneHint")}</p>}>
        <p class="reliability-explanation__start">{tl("rating.start")}</p>
        <ul class="reliability-lines">
          <For each={props.lines}>
            {(line) => (
              <li class="reliability-line" classList={{ "reliability-line--none": line.pointsLost === 0 }}>
                <span class="reliability-line__points">{pointsText(line)}</span>
                <span class="reliability-line__text">{lineText(line)}</span>
                <span class="reliability-line__weight">
                  {tl("rating.weight", { weight: formatNumber(line.weight, 1) })}
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={lost().length === 0}>
          <p class="field__hint">{tl("rating.clean")}</p>
        </Show>
      </Show>
    </div>
  );
}

/** The rating with its provisional badge, as a figure. */
export function RatingFigure(props: { rating: number | null; provisional: boolean }) {
  return (
    <span class="reliability-rating">
      <span class="reliability-rating__value" classList={{ "reliability-rating__value--none": props.rating === null }}>
        {props.rating === null ? tl("rating.none") : formatNumber(props.rating, 1)}
      </span>
      <Show when={props.rating !== null && props.provisional}>
        <Badge tone="warning">{tl("rating.provisional")}</Badge>
      </Show>
    </span>
  );
}
