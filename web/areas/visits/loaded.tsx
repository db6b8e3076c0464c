import { type Accessor, type JSX, type Resource, Show } from "solid-js";
import { t } from "../../lib/i18n";

/**
 * A phone page's remote data (the job board, the earnings): `loading` until the first answer,
 * `failed` with a retry when it fails, then `children` with the latest answer (kept while it
 * reloads). The lines are props, so a language switch redraws them.
 *
 * @example
 * <Loaded resource={board} loading={tj("loading")} failed={tj("failed")} retry={refetch}>
 *   {(loaded) => <JobList board={loaded()} />}
 * </Loaded>
 */
export function Loaded<T>(props: {
  resource: Resource<T>;
  loading: string;
  failed: string;
  retry: () => unknown;
  children: (loaded: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <Show when={!props.resource.loading || props.resource.latest} fallback={<p class="empty">{props.loading}</p>}>
      <Show
        when={!props.resource.error}
        fallback={
          <p class="notice notice--error" role="alert">
            {props.failed}{" "}
            <button type="button" class="button button--secondary" onClick={() => void props.retry()}>
              {t("common.retry")}
            </button>
          </p>
        }
      >
        <Show when={props.resource.latest}>{(loaded) => props.children(loaded)}</Show>
      </Show>
    </Show>
  );
}
