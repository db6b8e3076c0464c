// The first script to run (index.html, before the app; plain JS, copied as it is): preloads the
// app's strings in the saved language and, on a shopper's page, the visits' code and strings,
// from the list the build wrote into <meta name="courtesy-preload"> (vite.config.ts, bootHints).
// Without it they come one after another: the app's code, its strings, the page's code, its
// strings. Vite bundles every module script of index.html into the app's entry, which runs only
// after the app's code: this classic async script runs as soon as it arrives, while that code
// still downloads (the list is at the top of <head>, parsed before this script is even fetched).
(() => {
  try {
    const meta = document.querySelector('meta[name="courtesy-preload"]');
    if (!meta) return;
    let language = "";
    try {
      language = localStorage.getItem("courtesy.locale") ?? "";
    } catch {
      // Storage blocked: the browser's language, as the app does (web/lib/i18n.ts).
    }
    if (language !== "en" && language !== "zh")
      language = navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
    const hints = JSON.parse(meta.content)[language];
    const files = [...hints.app, ...(location.pathname.startsWith("/visits") ? hints.visits : [])];
    for (const file of files) {
      const link = document.createElement("link");
      if (file.endsWith(".css")) {
        link.rel = "preload";
        link.as = "style";
      } else link.rel = "modulepreload";
      link.href = `/${file}`;
      document.head.append(link);
    }
  } catch {
    // Only a head start: the app fetches everything itself anyway.
  }
})();
