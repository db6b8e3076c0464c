import type { JSX } from "solid-js";
import { t } from "../lib/i18n";
import { tOffice } from "../lib/office-i18n";
import { A } from "./link";

/*
 * States only office pages show (states.tsx has the shell's and the shopper's): kept out of the
 * app chunk, so out of the shopper's first download.
 */

/** For pages the role does not include. */
export function NoAccess() {
  return (
    <section class="state">
      <h1 class="state__title">{t("states.noAccessTitle")}</h1>
      <p>{tOffice("states.noAccessBody")}</p>
      <GoHome />
    </section>
  );
}

/** A state's way out: back to the home page. */
export function GoHome() {
  return (
    <div class="state__actions">
      <A class="button button--secondary" href="/">
        {t("states.goHome")}
      </A>
    </div>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <p class="empty">{props.children}</p>;
}
