/**
 * Trends by month: the organisation and its regions, charted and as tables, and the weakest items.
 */
import "../scorecards.css";
import { createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import { A } from "../../../components/link";
import { Empty } from "../../../components/office-states";
import { localName } from "../../../lib/formats";
import { formatPercent, formatScore } from "../../../lib/office-formats";
import { tx } from "../analytics-i18n";
import { rateColour } from "../components/figures";
import { TrendChart, type TrendSeries } from "../components/trend-chart";
import { getTrends } from "../scorecard-queries";
import { FILTER_KEYS, monthHeading, type Params, type ViewProps, withParams } from "./shared";

/* Trends */

const ORGANIZATION_COLOUR = "#17211d";
const REGION_COLOURS = ["#0f5c4d", "#1d4ea3", "#b3261e", "#a15c00", "#6b3fa0", "#0e7490"];
const CHART_REGIONS = 6;

export function TrendsView(props: ViewProps) {
  const data = createAsync(() => getTrends(props.filter));
  return (
    <Show when={data()}>
      {(d) => {
        const months = () => d().period.months;
        const regionsByAudits = () =>
          [...d().regions]
            .map((r) => ({ ...r, total: r.points.reduce((sum, p) => sum + p.n, 0) }))
            .sort((a, b) => b.total - a.total);
        const series = (): TrendSeries[] => [
          {
            label: tx("trends.organization"),
            values: d().organization.map((p) => p.mean),
            colour: ORGANIZATION_COLOUR,
            dashed: true,
          },
          ...regionsByAudits()
            .slice(0, CHART_REGIONS)
            .map((r, i) => ({
              label: localName(r.region.name),
              values: r.points.map((p) => p.mean),
              colour: REGION_COLOURS[i % REGION_COLOURS.length] as string,
            })),
        ];
        return (
          <section class="scorecards__view" aria-label={tx("trends.title")}>
            <TrendChart
              title={tx("trends.title")}
              months={months()}
              partial={{ month: d().period.partialMonth, asOf: d().period.asOf }}
              series={series()}
              unit="points"
              format={formatScore}
            />
            <Show when={d().regions.length > CHART_REGIONS}>
              <p class="scorecards__hint">{tx("trends.topRegions")}</p>
              <details class="trend-chart__numbers">
                <summary>{tx("trends.allRegions")}</summary>
                <div class="table-scroll">
                  <table class="table table--compact">
                    <thead>
                      <tr>
                        <th scope="col">{tx("regions.region")}</th>
                        <For each={months()}>
                          {(m) => (
                            <th scope="col" class="num">
                              {monthHeading(m, d().period.partialMonth)}
                            </th>
                          )}
                        </For>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={regionsByAudits()}>
                        {(r) => (
                          <tr>
                            <th scope="row">{localName(r.region.name)}</th>
                            <For each={r.points}>{(p) => <td class="num">{formatScore(p.mean)}</td>}</For>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </details>
            </Show>
            <WeakestItems
              items={d().weakestItems}
              months={months()}
              partial={d().period.partialMonth}
              params={props.params}
            />
          </section>
        );
      }}
    </Show>
  );
}

function WeakestItems(props: {
  items: Awaited<ReturnType<typeof getTrends>>["weakestItems"];
  months: readonly string[];
  partial: string | null;
  params: Params;
}) {
  return (
    <section class="scorecards__weakest" aria-labelledby="weakest-title">
      <h2 class="section-title" id="weakest-title">
        {tx("trends.weakest")}
      </h2>
      <p class="scorecards__hint">{tx("trends.weakestHint")}</p>
      <Show when={props.items.length} fallback={<Empty>{tx("trends.noWeakest")}</Empty>}>
        <div class="table-scroll">
          <table class="table table--compact heatmap weakest">
            <thead>
              <tr>
                <th scope="col" class="heatmap__item">
                  {tx("heatmap.item")}
                </th>
                <th scope="col" class="num">
                  {tx("trends.overall")}
                </th>
                <For each={props.months}>
                  {(m) => (
                    <th scope="col" class="num">
                      {monthHeading(m, props.partial)}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(item) => (
                  <tr>
                    <th scope="row" class="heatmap__item">
                      <A
                        href={withParams("/scorecards/audits", props.params, FILTER_KEYS, {
                          checklistId: item.checklistId,
                          itemKey: item.key,
                          outcome: "fail",
                        })}
                      >
                        {localName(item.prompt)}
                      </A>
                    </th>
                    <td
                      class="num heatmap__cell"
                      style={{
                        "background-color": rateColour(item.overall.rate, item.overall.passes + item.overall.fails),
                      }}
                      title={`${item.overall.passes}/${item.overall.passes + item.overall.fails}`}
                    >
                      <span class="heatmap__value">{formatPercent(item.overall.rate, 0)}</span>
                    </td>
                    <For each={item.points}>
                      {(p) => (
                        <td
                          class="num heatmap__cell"
                          style={{ "background-color": rateColour(p.rate, p.passes + p.fails) }}
                          title={`${p.passes}/${p.passes + p.fails}`}
                        >
                          <span class="heatmap__value">{formatPercent(p.rate, 0)}</span>
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
