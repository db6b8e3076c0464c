/**
 * The app's in-app link, in place of the router's `<A>`: the same active state (`activeClass`,
 * else `active`; `inactive` otherwise; `aria-current="page"` on the exact page, `end` for
 * exact-only) with the attributes the app uses named one by one. The router's `<A>` spreads
 * its props onto the `<a>`, which keeps Solid's whole attribute-spreading machinery (its
 * property tables, `mergeProps`, `splitProps`) in the shopper's first download; this does not.
 * Clicks are the router's as for any same-origin `<a href>` (its delegated link handling).
 */
import { useHref, useLocation, useResolvedPath } from "@solidjs/router";
import { createMemo, type JSX } from "solid-js";

export interface LinkProps {
  href: string;
  class?: string;
  /** Added while the link's page (or one below it, unless `end`) is on screen; `active` by default. */
  activeClass?: string;
  /** Active on this exact path only. */
  end?: boolean;
  title?: string;
  tabIndex?: number;
  "aria-label"?: string;
  "aria-hidden"?: boolean | "true" | "false";
  "data-figure"?: string;
  onClick?: JSX.EventHandler<HTMLAnchorElement, MouseEvent>;
  children?: JSX.Element;
}

/** Lower case, no trailing slash, no query or hash: how the router compares paths. */
const comparable = (path: string) => path.split(/[?#]/, 1)[0]?.replace(/\/+$/, "").toLowerCase() ?? "";

export function A(props: LinkProps) {
  const to = useResolvedPath(() => props.href);
  const href = useHref(to);
  const location = useLocation();
  const active = createMemo(() => {
    const target = to();
    if (target === undefined) return [false, false] as const;
    const path = comparable(target);
    const here = comparable(decodeURI(location.pathname));
    return [props.end ? path === here : here === path || here.startsWith(`${path}/`), path === here] as const;
  });
  // biome-ignore-start lint/a11y/useAnchorContent: the caller's children are the content (aria-hidden passes through).
  return (
    <a
      href={href() || props.href}
      class={`${props.class ?? ""} ${active()[0] ? (props.activeClass ?? "active") : "inactive"}`.trim()}
      aria-current={active()[1] ? "page" : undefined}
      title={props.title}
      tabIndex={props.tabIndex}
      aria-label={props["aria-label"]}
      aria-hidden={props["aria-hidden"]}
      data-figure={props["data-figure"]}
      onClick={(event) => props.onClick?.(event)}
    >
      {props.children}
    </a>
  );
  // biome-ignore-end lint/a11y/useAnchorContent: see above.
}
