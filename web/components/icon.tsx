import { createSignal } from "solid-js";

export type IconName =
  | "home"
  | "regions"
  | "branches"
  | "users"
  | "back"
  | "chevron"
  | "plus"
  | "search"
  | "copy"
  | "logout"
  | "globe"
  | "visits"
  | "outbox"
  | "checklists"
  | "scorecards";

/**
 * The shapes the shopper's phone shows (its tabs and the back link) as SVG markup: one string per
 * icon instead of a compiled template and a `<Match>` each. The office's icons (office-icons.ts)
 * are not in the shopper's first download: the first one asked for loads them, and it appears a
 * moment later (icons are decorative).
 */
const shapes: Partial<Record<IconName, string>> = {
  back: `<path d="m14.5 5-7 7 7 7"/>`,
  visits: `<rect x="4" y="5" width="16" height="15" rx="2"/><path d="M8 3v4M16 3v4M4 10h16M9 15l2 2 4-4"/>`,
  outbox: `<path d="M4 13.5 6.5 5h11l2.5 8.5V19a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1Z"/><path d="M4 13.5h4.5l1 2h5l1-2H20M12 8v4.5M9.8 10.3 12 12.5l2.2-2.2"/>`,
  checklists: `<path d="M9 4.5H6.5a1.5 1.5 0 0 0-1.5 1.5v13.5A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V6a1.5 1.5 0 0 0-1.5-1.5H15"/><rect x="9" y="3" width="6" height="3" rx="1"/><path d="m8.5 11 1.5 1.5 2.5-2.5M8.5 16.5l1.5 1.5 2.5-2.5M14.5 11.5H16M14.5 17H16"/>`,
};

const [more, setMore] = createSignal<Partial<Record<IconName, string>>>({});
let loading = false;

function shapeOf(name: IconName): string {
  const own = shapes[name];
  if (own) return own;
  if (!loading) {
    loading = true;
    void import("./office-icons").then(
      (m) => setMore(m.officeShapes),
      () => {
        loading = false; // Offline before the service worker had it: the next render asks again.
      },
    );
  }
  return more()[name] ?? "";
}

/** Line icons (24×24, currentColor). Decorative: the text next to them carries the meaning. */
export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon ${props.class ?? ""}`}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      innerHTML={shapeOf(props.name)}
    />
  );
}
