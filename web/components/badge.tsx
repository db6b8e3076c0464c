import type { JSX } from "solid-js";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

/** A small status label. Color is never the only signal: the text says it. */
export function Badge(props: { tone?: BadgeTone; children: JSX.Element }) {
  return <span class={`badge badge--${props.tone ?? "neutral"}`}>{props.children}</span>;
}
