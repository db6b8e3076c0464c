/**
 * The profile menu's panel: who you are, the language, the organisations you belong to, and
 * signing out. Loaded the first time the menu opens (profile-menu.tsx).
 */
import "../styles/later.css";
import { query, revalidate, useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { api, call } from "../lib/api";
import { localName } from "../lib/formats";
import { locale, setLocale } from "../lib/i18n";
import { tOffice } from "../lib/office-i18n";
import { forgetMe, getMe } from "../lib/queries";
import { tr } from "../lib/roles-i18n";
import { roleOf, useMe } from "../lib/session";
import type { Locale } from "../lib/types";
import { LanguageSwitch } from "./language-switch";
import { A } from "./link";

export default function ProfilePanel(props: { id: string; open: boolean; onClose: (refocus?: boolean) => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [signingOut, setSigningOut] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const close = () => props.onClose();

  async function changeLanguage(next: Locale) {
    const previous = locale();
    setLocale(next);
    setNotice(undefined);
    try {
      await call(api.me.$patch({ json: { locale: next } }));
      await revalidate(getMe.key);
    } catch {
      if (locale() === next && previous !== next) setNotice(tOffice("profile.languageFailed"));
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
    <div class="profile__panel" id={props.id} hidden={!props.open}>
      <div class="profile__who">
        <p class="profile__name">{me().user.displayName}</p>
        <p class="profile__email">{me().user.email}</p>
        <p class="profile__role">
          {tr(roleOf(me()))} · {localName(me().organization.name)}
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
          <h2 class="profile__heading">{tOffice("profile.switchOrganization")}</h2>
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
                        ? tOffice("profile.current")
                        : tr(org.role as ReturnType<typeof roleOf>)}
                    </span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <div class="profile__section">
        <A class="button button--secondary button--block" href="/account" onClick={() => close()}>
          {tOffice("profile.profile")}
        </A>
        <button type="button" class="button button--secondary button--block" disabled={busy()} onClick={signOut}>
          {signingOut() ? tOffice("profile.signingOut") : tOffice("profile.signOut")}
        </button>
      </div>
    </div>
  );
}
