import { createEffect } from "solid-js";
import { t } from "./i18n";

/**
 * Keeps the tab's title on a page's title, `<title> · Courtesy` in the current language, as
 * the title or the language changes.
 *
 * @example useDocumentTitle(() => props.title);
 */
export function useDocumentTitle(title: () => string): void {
  createEffect(() => {
    document.title = t("app.title", title());
  });
}
