/**
 * `/disputes/figures`: disputes per branch for head office (a manager gets their own branches):
 * disputes per report, the share of items upheld and overturned, the median days to decide.
 */
import "./disputes.css";
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { useAbilities } from "../../lib/session";
import { DisputeFiguresTable } from "./components/dispute-figures";
import { td } from "./disputes-i18n";
import { getDisputeFigures } from "./disputes-queries";

export default function DisputeFiguresPage() {
  const can = useAbilities();
  const rows = createAsync(() => (can().disputes ? getDisputeFigures({}) : Promise.resolve([])));
  return (
    <Show when={can().disputes} fallback={<NoAccess />}>
      <PageHeader
        title={td("figures.title")}
        subtitle={td("figures.subtitle")}
        back={{ href: "/disputes", label: td("figures.back") }}
      />
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={rows()}>{(r) => <section class="card">{<DisputeFiguresTable rows={r()} />}</section>}</Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
