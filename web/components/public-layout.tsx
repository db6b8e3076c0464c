import "../styles/later.css";
import type { JSX } from "solid-js";
import { useDocumentTitle } from "../lib/document-title";
import { setLocale, t } from "../lib/i18n";
import { tOffice } from "../lib/office-i18n";
import type { Locale } from "../lib/types";
import { LanguageSwitch } from "./language-switch";

let chosen: Locale | undefined;

/**
 * The language picked on a signed-out page since the app opened: at sign-in it wins over the
 * account's saved language and is saved to the account (login.tsx).
 */
export const chosenLocale = (): Locale | undefined => chosen;

function choose(next: Locale) {
  chosen = next;
  void setLocale(next);
}

/** The frame for signed-out pages (sign-in, invitations): brand, language, a card. */
export function PublicLayout(props: { title: string; children: JSX.Element }) {
  useDocumentTitle(() => props.title);
  return (
    <div class="public">
      <header class="public__top">
        <div class="brand brand--static">
          <span class="brand__mark" aria-hidden="true">
            C
          </span>
          <span class="brand__text">
            <span class="brand__name">{t("app.name")}</span>
            <span class="brand__org">{tOffice("app.tagline")}</span>
          </span>
        </div>
        <LanguageSwitch onChange={choose} />
      </header>
      <main class="public__main" id="main">
        <div class="card public__card">{props.children}</div>
      </main>
    </div>
  );
}
