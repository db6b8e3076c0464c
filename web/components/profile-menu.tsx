import { query, revalidate, useNavigate } from "@solidjs/router";
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from "solid-js";
import { api, call } from "../lib/api";
import { locale, localName, setLocale, t } from "../lib/i18n";
import { forgetMe, getMe } from "../lib/queries";
import { roleOf, useMe } from "../lib/session";
import type { Locale } from "../lib/types";
import { LanguageSwitch } from "./language-switch";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ""}${parts.at(-1)?.[0] ?? ""}` : name.slice(0, 2);
  return letters.toUpperCase();
}

/** The avatar button and its panel: who you are, language, organisation, sign out. */
export function ProfileMenu() {
  const me = useMe();
  const navigate = useNavigate();
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [signingOut, setSigningOut] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
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

  async function changeLanguage(next: Locale) {
    const previous = locale();
    setLocale(next);
    setNotice(undefined);
    try {
      await call(api.me.$patch({ json: { locale: next } }));
      await revalidate(getMe.key);
    } catch {
      if (locale() === next && previous !== next) setNotice(t("profile.languageFailed"));
    }
  }

  async function switchOrganization(organizationId: string) {
    setBusy(true);
    try {
      await call(api.me.organization.$put({ json: { organizationId } }));
      close();
      query.clear();
      navigate("/", { replace: true });
      await revalidate();
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    setBusy(true);
    setSigningOut(true);
    try {
      await call(api.auth.logout.$post());
    } catch {
      // Signing out locally still makes sense when the network is down.
    }
    forgetMe();
    query.clear();
    setBusy(false);
    setSigningOut(false);
    close();
    navigate("/login", { replace: true });
  }

  return (
    <div class="profile" ref={root}>
      <button
        ref={button}
        type="button"
        class="profile__button"
        aria-expanded={open() ? "true" : "false"}
        aria-controls={panelId}
        aria-label={t("profile.open")}
        onClick={() => setOpen(!open())}
      >
        <span class="avatar" aria-hidden="true">
          {initials(me().user.displayName)}
        </span>
      </button>
      <div class="profile__panel" id={panelId} hidden={!open()}>
        <div class="profile__who">
          <p class="profile__name">{me().user.displayName}</p>
          <p class="profile__email">{me().user.email}</p>
          <p class="profile__role">
            {t(`roles.${roleOf(me())}`)} · {localName(me().organization.name)}
          </p>
        </div>
        <div class="profile__section">
          <LanguageSwitch onChange={changeLanguage} showLegend />
          <div aria-live="polite">
            <Show when={notice()}>
              <p class="field__hint">{notice()}</p>
            </Show>
          </div>
        </div>
        <Show when={me().organizations.length > 1}>
          <div class="profile__section">
            <h2 class="profile__heading">{t("profile.switchOrganization")}</h2>
            <ul class="profile__orgs">
              <For each={me().organizations}>
                {(org) => (
                  <li>
                    <button
                      type="button"
                      class="profile__org"
                      aria-current={org.id === me().organization.id ? "true" : undefined}
                      disabled={busy() || org.id === me().organization.id}
                      onClick={() => switchOrganization(org.id)}
                    >
                      <span>{localName(org.name)}</span>
                      <span class="profile__org-role">
                        {org.id === me().organization.id
                          ? t("profile.current")
                          : t(`roles.${org.role as ReturnType<typeof roleOf>}`)}
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
        <div class="profile__section">
          <button type="button" class="button button--secondary button--block" disabled={busy()} onClick={signOut}>
            {signingOut() ? t("profile.signingOut") : t("profile.signOut")}
          </button>
        </div>
      </div>
    </div>
  );
}
