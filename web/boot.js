// The page's first script, written inline into index.html by vite.config.ts (bootHints, which puts
// the build's file lists where `{}` stands below and allows exactly this script in the CSP by its
// hash): it runs as soon as the HTML arrives, with no round trip of its own.
// 1. Asks who is signed in (GET /me) while the app's code downloads: web/lib/queries.ts's getMe
//    takes this answer once. Not on sign-in and invitation pages, which may sign someone in first.
// 2. Preloads the saved language's strings and, on a shopper's page, the form's code and CSS
//    (`crossorigin` as Vite's own loader asks for them, so the preload is the file it uses).
try {
  if (!/^\/(login|invite\/)/.test(location.pathname)) {
    const me = fetch("/api/v1/me", { credentials: "same-origin" });
    me.catch(() => {});
    window.courtesyMe = me;
  }
} catch {}
try {
  const hints = /*hints*/ {};
  let language = localStorage.getItem("courtesy.locale");
  if (!hints[language]) language = /^zh/i.test(navigator.language) ? "zh" : "en";
  const files = (hints[language] || []).concat(
    (location.pathname.startsWith("/visits") && hints[`visits-${language}`]) || [],
  );
  for (const file of files) {
    const link = document.createElement("link");
    link.rel = /css$/.test(file) ? "preload" : "modulepreload";
    if (link.rel === "preload") link.as = "style";
    link.crossOrigin = "";
    link.href = `/assets/${file}`;
    document.head.append(link);
  }
} catch {}
