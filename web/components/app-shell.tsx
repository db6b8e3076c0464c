import { createAsync, Navigate, type RouteSectionProps, useLocation } from "@solidjs/router";
import {
  type Component,
  createEffect,
  createMemo,
  createSignal,
  ErrorBoundary,
  For,
  lazy,
  on,
  Show,
  Suspense,
} from "solid-js";
import { localName } from "../lib/formats";
import { locale, setLocale, t } from "../lib/i18n";
import { online } from "../lib/network";
import { unsentCount } from "../lib/outbox-status";
import { getMe, keptMe } from "../lib/queries";
import { MeContext } from "../lib/session";
import type { Me } from "../lib/types";
import { Icon, type IconName } from "./icon";
import { A } from "./link";
import { ProfileMenu } from "./profile-menu";
import { ErrorState, Loading } from "./states";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  end?: boolean;
  /** Shows the number of reports still on the phone. */
  unsent?: boolean;
}

/** The shopper's navigation: their visits, the outbox (with the number of reports still on the phone), calibration. */
function shopperNav(me: Me): NavItem[] {
  return [
    { href: "/visits", label: t("nav.visits"), icon: "visits" },
    { href: "/outbox", label: t("nav.outbox"), icon: "outbox", unsent: true },
    ...(me.abilities.calibrations
      ? [{ href: "/calibrations", label: t("nav.calibrations"), icon: "checklists" as const }]
      : []),
  ];
}

/** Every other role's navigation (office-nav.tsx): a lazy chunk, not in the shopper's first download. */
const OfficeNav = lazy(() => import("./office-nav"));

/** A page that failed to load; moving to another page clears it. */
function RouteError(props: { error: unknown; reset: () => void }) {
  const location = useLocation();
  createEffect(
    on(
      () => location.pathname,
      () => props.reset(),
      { defer: true },
    ),
  );
  return <ErrorState error={props.error} retry={props.reset} />;
}

/**
 * Signed-in layout: top bar, role-aware navigation (bottom tabs on phones, side bar on wide screens).
 * A half-signed-in session (`pending`: a code or the two-step set-up still due) gets `pending`
 * alone: no page, no bell, no outbox, so nothing calls what the session may not yet.
 */
export function AppShell(props: RouteSectionProps & { bell?: Component; pending?: Component }) {
  const location = useLocation();
  // The shopper's pages open from the copy of /me kept on the phone (a full session's only), so the
  // form does not wait for the network; the live answer follows at once and wins (a 401 sends to
  // sign-in, a half-signed-in session gets the pending screen, a changed role re-renders).
  const kept = /^\/(visits|outbox)?(\/|$)/.test(location.pathname) ? keptMe() : undefined;
  const live = createAsync(() => getMe(), kept?.abilities.visits ? { initialValue: kept } : undefined);
  // With a kept copy, `latest` never suspends: the shell shows it while the live one loads.
  const me = () => (kept?.abilities.visits ? live.latest : live());
  // Opened on an office page (not the shopper's, nor Home with a shopper's kept /me), the office's
  // navigation starts with /me (one round trip, not two).
  if (!kept && !/^\/(visits|outbox)(\/|$)/.test(location.pathname)) void OfficeNav.preload();
  // The bell (a lazy chunk) comes after the first screen, never holding it up, and only once the
  // server can be reached (a phone opened offline must not try to fetch the chunk); once shown it stays.
  const [later, setLater] = createSignal(false);
  setTimeout(setLater, 800, true);
  const bellWanted = createMemo<boolean>((shown) => shown || (later() && online()), false);
  let main: HTMLElement | undefined;

  // After moving to another page, start keyboard and screen-reader users at its content.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: true }),
      { defer: true },
    ),
  );

  // A shopper's outbox runs whenever they are signed in: reports go out as soon as there is a network.
  createEffect(
    on(me, (current) => {
      if (current?.abilities.visits && !current.pending)
        void import("../lib/outbox-runner").then((m) => m.startOutbox());
    }),
  );

  // The user's saved language wins whenever their profile (re)loads (half signed in, the one
  // picked on the sign-in page stays: it is saved once the session may).
  createEffect(
    on(me, (current) => {
      const saved = current?.pending ? 0 : current?.user.locale;
      if ((saved === "en" || saved === "zh") && saved !== locale()) setLocale(saved);
    }),
  );

  return (
    <Suspense fallback={<Loading />}>
      <Show when={me() === null}>
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Show>
      <Show when={me()}>
        {(current) => (
          <MeContext.Provider value={current}>
            <Show when={!current().pending} fallback={props.pending && <props.pending />}>
              <div class="shell">
                <a class="skip-link" href="#main">
                  {t("app.skipToContent")}
                </a>
                <header class="topbar">
                  <A href="/" class="brand" end>
                    <span class="brand__mark" aria-hidden="true">
                      C
                    </span>
                    <span class="brand__text">
                      <span class="brand__name">{t("app.name")}</span>
                      <span class="brand__org">{localName(current().organization.name)}</span>
                    </span>
                  </A>
                  <Show when={bellWanted() && props.bell}>
                    {(bell) => {
                      const Bell = bell();
                      return (
                        <Suspense>
                          <Bell />
                        </Suspense>
                      );
                    }}
                  </Show>
                  <ProfileMenu />
                </header>
                <nav class="nav" aria-label={t("nav.label")}>
                  <ul class="nav__list">
                    <For each={current().abilities.visits ? shopperNav(current()) : []}>
                      {(item) => (
                        <li class="nav__item">
                          <A href={item.href} end={item.end} class="nav__link" activeClass="nav__link--active">
                            <Icon name={item.icon} />
                            <span class="nav__label">{item.label}</span>
                            <Show when={item.unsent && unsentCount() > 0}>
                              <span class="nav__badge">
                                <span aria-hidden="true">{unsentCount()}</span>
                                <span class="visually-hidden">{t("nav.unsent", unsentCount())}</span>
                              </span>
                            </Show>
                          </A>
                        </li>
                      )}
                    </For>
                    <Show when={!current().abilities.visits}>
                      <OfficeNav me={current()} />
                    </Show>
                  </ul>
                </nav>
                <main class="main" id="main" tabindex="-1" ref={main}>
                  <ErrorBoundary fallback={(error, reset) => <RouteError error={error} reset={reset} />}>
                    <Suspense fallback={<Loading />}>{props.children}</Suspense>
                  </ErrorBoundary>
                </main>
              </div>
            </Show>
          </MeContext.Provider>
        )}
      </Show>
    </Suspense>
  );
}
