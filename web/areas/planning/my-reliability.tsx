/**
 * `/me/reliability`: a shopper's own reliability rating and what it is made of, phone-first.
 * Only their own: the API answers nobody else's.
 */
import "./reliability.css";
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, Show, Suspense } from "solid-js";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { useAbilities } from "../../lib/session";
import { RatingFigure, ReliabilityExplanation } from "./components/reliability-explanation";
import { tl } from "./reliability-i18n";
import { getMyReliability } from "./reliability-queries";

export default function MyReliabilityPage() {
  const can = useAbilities();
  const mine = createAsync(() => (can().visits ? getMyReliability() : Promise.resolve(undefined)));
  return (
    <Show when={can().visits} fallback={<NoAccess />}>
      <PageHeader
        title={tl("me.title")}
        subtitle={tl("me.subtitle")}
        back={{ href: "/account", label: tl("me.back") }}
      />
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={mine()}>
            {(m) => (
              <section class="card my-reliability" data-testid="my-reliability">
                <Show when={m().rating !== null} fallback={<p>{tl("me.nothing")}</p>}>
                  <p class="my-reliability__rating">
                    <RatingFigure rating={m().rating} provisional={m().provisional} />
                  </p>
                  <Show when={m().provisional}>
                    <p class="field__hint">{tl("me.provisional")}</p>
                  </Show>
                  <ReliabilityExplanation lines={m().lines} />
                </Show>
              </section>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}
