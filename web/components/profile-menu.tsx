import { createSignal, createUniqueId, lazy, onCleanup, onMount, Show, Suspense } from "solid-js";
import { t } from "../lib/i18n";
import { useMe } from "../lib/session";

/** The panel (language, organisations, sign out) is fetched the first time it opens. */
const ProfilePanel = lazy(() => import("./profile-panel"));

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts.at(-1)?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toUpperCase();
}

/** The avatar button and its panel: who you are, language, organisation, sign out. */
export function ProfileMenu() {
  const me = useMe();
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [opened, setOpened] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  const close = (refocus = false) => {
    setOpen(false);
    if (refocus) button?.focus();
  };

  onMount(() => {
    const onPointer = (e: PointerEvent) => {
      if (open() && root && !root.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (open() && e.key === "Escape") close(true);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    onCleanup(() => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    });
  });

  return (
    <div class="profile" ref={root}>
      <button
        ref={button}
        type="button"
        class="profile__button"
        aria-expanded={open() ? "true" : "false"}
        aria-controls={panelId}
        aria-label={t("profile.open")}
        onClick={() => {
          setOpen(!open());
          setOpened(true);
        }}
      >
        <span class="avatar" aria-hidden="true">
          {initials(me().user.displayName)}
        </span>
      </button>
      <Show when={opened()}>
        <Suspense>
          <ProfilePanel id={panelId} open={open()} onClose={close} />
        </Suspense>
      </Show>
    </div>
  );
}
