import { createEffect, type JSX } from "solid-js";
import { setLocale, t } from "../lib/i18n";
import { LanguageSwitch } from "./language-switch";

/** The frame for signed-out pages (sign-in, invitations): brand, language, a card. */
export function PublicLayout(props: { title: string; children: JSX.Element }) {
  createEffect(() => {
    document.title = t("app.title", props.title);
  });
  return (
    <div class="public">
      <header class="public__top">
        <div class="brand brand--static">
          <span class="brand__mark" aria-hidden="true">
            C
          </span>
          <span class="brand__text">
            <span class="brand__name">{t("app.name")}</span>
            <span class="brand__org">{t("app.tagline")}</span>
          </span>
        </div>
        <LanguageSwitch onChange={setLocale} />
      </header>
      <main class="public__main" id="main">
        <div class="card public__card">{props.children}</div>
      </main>
    </div>
  );
}
