import { Show } from "solid-js";
import { isProblem } from "../lib/api";
import { problemMessage, t } from "../lib/i18n";
import { A } from "./link";

/** Placeholder while a page's data loads. */
export function Loading() {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("common.loading")}
    </div>
  );
}

/** A load that failed: what happened, and a way to try again. */
export function ErrorState(props: { error: unknown; retry?: () => void }) {
  const message = () => (isProblem(props.error) ? problemMessage(props.error) : t("problems.other"));
  const title = () =>
    isProblem(props.error) && props.error.code === "not_found"
      ? t("states.notFoundTitle")
      : isProblem(props.error) && props.error.code === "forbidden"
        ? t("states.noAccessTitle")
        : t("states.errorTitle");
  return (
    <section class="state" role="alert">
      <h2 class="state__title">{title()}</h2>
      <p>{message()}</p>
      <div class="state__actions">
        <Show when={props.retry && !(isProblem(props.error) && [403, 404].includes(props.error.status))}>
          <button class="button button--secondary" type="button" onClick={() => props.retry?.()}>
            {t("common.retry")}
          </button>
        </Show>
        <A class="button button--secondary" href="/">
          {t("states.goHome")}
        </A>
      </div>
    </section>
  );
}
