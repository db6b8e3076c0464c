/**
 * The planning area's views, as tabs under the page header: single visits, audit rounds and the
 * shoppers' reliability (who a round's rating floor keeps off).
 * Labels come from the page's own dictionary (each page loads only its own strings).
 */
interface PlanningTabsProps {
  current: "visits" | "rounds" | "reliability";
  labels: { nav: string; visits: string; rounds: string; reliability: string };
}

export function PlanningTabs(props: PlanningTabsProps) {
  return (
    <nav class="planning-tabs" aria-label={props.labels.nav}>
      {/* Plain links (the router still handles them): <A> would add its own aria-current. */}
      <a class="planning-tabs__tab" href="/assignments" aria-current={props.current === "visits" ? "page" : undefined}>
        {props.labels.visits}
      </a>
      <a class="planning-tabs__tab" href="/rounds" aria-current={props.current === "rounds" ? "page" : undefined}>
        {props.labels.rounds}
      </a>
      <a
        class="planning-tabs__tab"
        href="/shoppers/reliability"
        aria-current={props.current === "reliability" ? "page" : undefined}
      >
        {props.labels.reliability}
      </a>
    </nav>
  );
}
