// Preloads the app's strings and the shopper's form (index.html's list: vite.config.ts, bootHints).
try {
  const hints = JSON.parse(document.querySelector("meta[name=courtesy-preload]").content);
  let language = localStorage.getItem("courtesy.locale");
  if (!hints[language]) language = /^zh/i.test(navigator.language) ? "zh" : "en";
  const files = hints[language].concat(location.pathname.startsWith("/visits") ? hints[`visits-${language}`] : []);
  for (const file of files) {
    const link = document.createElement("link");
    link.rel = /css$/.test(file) ? "preload" : "modulepreload";
    if (link.rel === "preload") link.as = "style";
    link.href = `/assets/${file}`;
    document.head.append(link);
  }
} catch {}
