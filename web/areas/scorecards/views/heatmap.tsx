/**
 * The heatmap: item pass rates by region or branch, each cell a link to the audits behind it.
 */
import "../scorecards.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { A } from "../../../components/link";
import { Empty } from "../../../components/office-states";
import { isProblem } from "../../../lib/api";
import { localName } from "../../../lib/formats";
import { formatPercent } from "../../../lib/office-formats";
import { tx } from "../analytics-i18n";
import { rateColour } from "../components/figures";
import { ts } from "../scorecard-i18n";
import { getHeatmap, type Heatmap } from "../scorecard-queries";
import { FILTER_KEYS, heatmapBy, type Params, type ViewProps, withParams } from "./shared";

/* Heatmap */

type HeatItem = Heatmap["items"][number];
type HeatCell = Heatmap["cells"][number];
type Rate = HeatItem["organization"];

interface HeatGroup {
  key: string;
  title: string;
  items: HeatItem[];
}

function groupBySection(items: readonly HeatItem[]): HeatGroup[] {
  const groups: HeatGroup[] = [];
  for (const item of items) {
    const key = `${item.checklistId}:${item.section?.key ?? ""}`;
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else
      groups.push({
        key,
        title: item.section ? localName(item.section.title) : tx("heatmap.noSection"),
        items: [item],
      });
  }
  return groups;
}

export function HeatmapView(props: ViewProps) {
  const [, setParams] = useSearchParams();
  const by = () => heatmapBy(props.params);
  const result = createAsync(() => {
    const which = by();
    return getHeatmap(props.filter, which).then(
      (data) => ({ data, tooMany: false }),
      (error: unknown) => {
        const tooMany =
          which === "branch" &&
          isProblem(error) &&
          error.status === 400 &&
          error.errors.some((e) => e.path === "regionId");
        if (tooMany) return { data: undefined, tooMany: true };
        throw error;
      },
    );
  });

  return (
    <section class="scorecards__view" aria-labelledby="heatmap-title">
      <div class="scorecards__view-head">
        <h2 class="section-title" id="heatmap-title">
          {tx("heatmap.title")}
        </h2>
        <fieldset class="segmented scorecards__by no-print">
          <legend class="visually-hidden">{tx("heatmap.by")}</legend>
          <For each={["region", "branch"] as const}>
            {(which) => (
              <button
                type="button"
                class="segmented__option"
                aria-pressed={by() === which ? "true" : "false"}
                onClick={() => setParams({ by: which === "region" ? undefined : which }, { replace: true })}
              >
                {which === "region" ? tx("heatmap.byRegion") : tx("heatmap.byBranch")}
              </button>
            )}
          </For>
        </fieldset>
      </div>
      <Show when={result()}>
        {(r) => (
          <Show
            when={r().data}
            fallback={
              <section class="state" role="status">
                <h3 class="state__title">{tx("heatmap.tooMany")}</h3>
                <p>{tx("heatmap.pickRegion")}</p>
              </section>
            }
          >
            {(data) => <HeatmapTable data={data()} params={props.params} />}
          </Show>
        )}
      </Show>
    </section>
  );
}

function HeatmapTable(props: { data: Heatmap; params: Params }) {
  const cells = createMemo(() => new Map<string, HeatCell>(props.data.cells.map((c) => [`${c.item}|${c.column}`, c])));
  const groups = createMemo(() => groupBySection(props.data.items));
  const columnName = (column: Heatmap["columns"][number]) => `${column.code} · ${localName(column.name)}`;
  const auditsHref = (item: HeatItem, columnId: string | undefined) =>
    withParams("/scorecards/audits", props.params, FILTER_KEYS, {
      checklistId: item.checklistId,
      itemKey: item.key,
      outcome: "fail",
      ...(columnId === undefined ? {} : props.data.by === "region" ? { regionId: columnId } : { branchId: columnId }),
    });
  return (
    <Show when={props.data.items.length} fallback={<Empty>{tx("heatmap.empty")}</Empty>}>
      <HeatLegend />
      <div class="table-scroll heatmap-scroll">
        <table class="table table--compact heatmap">
          <caption class="visually-hidden">{tx("heatmap.title")}</caption>
          <thead>
            <tr>
              <th scope="col" class="heatmap__item">
                {tx("heatmap.item")}
              </th>
              <th scope="col" class="heatmap__org" title={ts("figures.organization")}>
                {tx("heatmap.organization")}
              </th>
              <For each={props.data.columns}>
                {(column) => (
                  // Regions are few and their names short: the name. Branches are many: the code, named on hover.
                  <th scope="col" title={columnName(column)}>
                    <Show
                      when={props.data.by === "branch"}
                      fallback={<span class="heatmap__column-name">{localName(column.name)}</span>}
                    >
                      <abbr title={columnName(column)}>{column.code}</abbr>
                    </Show>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <For each={groups()}>
            {(group) => (
              <tbody>
                <tr class="heatmap__section">
                  <th scope="rowgroup" class="heatmap__item">
                    {group.title}
                  </th>
                  <td colSpan={props.data.columns.length + 1} />
                </tr>
                <For each={group.items}>
                  {(item) => (
                    <tr>
                      <th scope="row" class="heatmap__item">
                        {localName(item.prompt)}
                        <Show when={item.critical}>
                          {" "}
                          <span class="badge badge--danger heatmap__critical">{tx("heatmap.critical")}</span>
                        </Show>
                      </th>
                      <HeatCellView
                        rate={item.organization}
                        item={localName(item.prompt)}
                        column={ts("figures.organization")}
                        href={auditsHref(item, undefined)}
                        org
                      />
                      <For each={props.data.columns}>
                        {(column) => {
                          const cell = () => cells().get(`${item.id}|${column.id}`);
                          return (
                            <HeatCellView
                              rate={cell()}
                              item={localName(item.prompt)}
                              column={columnName(column)}
                              href={auditsHref(item, column.id)}
                            />
                          );
                        }}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            )}
          </For>
        </table>
      </div>
    </Show>
  );
}

function HeatCellView(props: { rate: Rate | undefined; item: string; column: string; href: string; org?: boolean }) {
  const judged = () => (props.rate ? props.rate.passes + props.rate.fails : 0);
  const description = () =>
    props.rate
      ? tx("heatmap.cell", {
          item: props.item,
          column: props.column,
          rate: props.rate.rate === null ? ts("figures.notJudged") : formatPercent(props.rate.rate, 0),
          passes: props.rate.passes,
          fails: props.rate.fails,
          nas: props.rate.nas,
        })
      : `${props.item}, ${props.column}: ${tx("heatmap.noCell")}`;
  return (
    <td
      class={`heatmap__cell${props.org ? " heatmap__org" : ""}`}
      style={{ "background-color": rateColour(props.rate?.rate ?? null, judged()) }}
    >
      <Show
        when={props.rate}
        fallback={<span class="heatmap__empty" role="img" aria-label={description()} title={description()} />}
      >
        {(rate) => (
          <A class="heatmap__link" href={props.href} title={description()} aria-label={description()}>
            <span class="heatmap__value">{rate().rate === null ? "–" : formatPercent(rate().rate, 0)}</span>
          </A>
        )}
      </Show>
    </td>
  );
}

function HeatLegend() {
  const swatches = () => [
    { colour: rateColour(0.4, 20), label: tx("heatmap.legend.low") },
    { colour: rateColour(0.7, 20), label: tx("heatmap.legend.mid") },
    { colour: rateColour(0.95, 20), label: tx("heatmap.legend.high") },
    { colour: rateColour(null, 0), label: tx("heatmap.legend.none") },
  ];
  return (
    <div class="heat-legend">
      <span class="heat-legend__title">{tx("heatmap.legend.title")}</span>
      <ul class="heat-legend__list">
        <For each={swatches()}>
          {(swatch) => (
            <li>
              <span class="heat-legend__swatch" style={{ "background-color": swatch.colour }} aria-hidden="true" />
              {swatch.label}
            </li>
          )}
        </For>
        <li>
          <span class="heat-legend__swatch heat-legend__swatch--pair" aria-hidden="true">
            <span style={{ "background-color": rateColour(0.95, 1) }} />
            <span style={{ "background-color": rateColour(0.95, 20) }} />
          </span>
          {tx("heatmap.legend.faint")}
        </li>
      </ul>
      <p class="scorecards__hint no-print">{tx("heatmap.legend.click")}</p>
    </div>
  );
}
