/**
 * Disputes per branch (`GET /disputes/figures`): reports, disputes, disputes per report, the
 * share of items upheld and overturned, and the median days to decide. A table on wide
 * screens; each row a small card on a phone (the same markup, laid out by disputes.css).
 */
import { For, Show } from "solid-js";
import { formatNumber, localName } from "../../../lib/formats";
import { formatPercent } from "../../../lib/office-formats";
import { td } from "../disputes-i18n";
import type { FigureRow } from "../disputes-queries";

const nameOf = (row: FigureRow) => (typeof row.name === "string" ? row.name : localName(row.name));
const days = (value: number | null) => (value === null ? "–" : formatNumber(value, 1));

export function DisputeFiguresTable(props: { rows: readonly FigureRow[] }) {
  return (
    <Show when={props.rows.length > 0} fallback={<p class="empty">{td("figures.none")}</p>}>
      <div class="dispute-figures__wrap">
        <table class="dispute-figures" data-testid="dispute-figures">
          <thead>
            <tr>
              <th scope="col">{td("figures.branch")}</th>
              <th scope="col">{td("figures.reports")}</th>
              <th scope="col">{td("figures.disputes")}</th>
              <th scope="col">{td("figures.rate")}</th>
              <th scope="col">{td("figures.upheldRate")}</th>
              <th scope="col">{td("figures.overturnedRate")}</th>
              <th scope="col">{td("figures.days")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <th scope="row">{nameOf(row)}</th>
                  <td data-label={td("figures.reports")}>{row.reports}</td>
                  <td data-label={td("figures.disputes")}>{row.disputes}</td>
                  <td data-label={td("figures.rate")}>{formatPercent(row.rate)}</td>
                  <td data-label={td("figures.upheldRate")}>{formatPercent(row.upheldRate)}</td>
                  <td data-label={td("figures.overturnedRate")}>{formatPercent(row.overturnedRate)}</td>
                  <td data-label={td("figures.days")}>{days(row.medianDaysToDecide)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
