import { type JSX, Show } from "solid-js";
import { useDocumentTitle } from "../lib/document-title";
import { Icon } from "./icon";
import { A } from "./link";

interface PageHeaderProps {
  title: string;
  /** A link back up the hierarchy ("← Branches"). */
  back?: { href: string; label: string } | undefined;
  subtitle?: string | undefined;
  actions?: JSX.Element;
}

/** The page's h1 (also the document title), with an optional back link and actions. */
export function PageHeader(props: PageHeaderProps) {
  useDocumentTitle(() => props.title);
  return (
    <header class="page-header">
      <Show when={props.back}>
        {(back) => (
          <A class="back-link" href={back().href}>
            <Icon name="back" />
            {back().label}
          </A>
        )}
      </Show>
      <div class="page-header__row">
        <div class="page-header__text">
          <h1 class="page-title">{props.title}</h1>
          <Show when={props.subtitle}>
            <p class="page-subtitle">{props.subtitle}</p>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="page-header__actions">{props.actions}</div>
        </Show>
      </div>
    </header>
  );
}
