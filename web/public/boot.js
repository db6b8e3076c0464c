// Preloads what the app and the shopper's form need, from index.html's list (vite.config.ts, bootHints).
(() => {
  try {
    const hints = JSON.parse(document.querySelector('meta[name="courtesy-preload"]').content);
    let language = "";
    try {
      language = localStorage.getItem("courtesy.locale");
    } catch {}
    if (language !== "en" && language !== "zh") language = /^zh/i.test(navigator.language) ? "zh" : "en";
    const files = hints[language].concat(location.pathname.startsWith("/visits") ? hints[`visits-${language}`] : []);
    for (const file of files) {
      const link = document.createElement("link");
      if (file.endsWith(".css")) {
        link.rel = "preload";
        link.as = "style";
      } else link.rel = "modulepreload";
      link.href = `/assets/${file}`;
      document.head.append(link);
    }
  } catch {}
})();
