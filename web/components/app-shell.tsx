import { A, createAsync, Navigate, type RouteSectionProps, useLocation } from "@solidjs/router";
import {
  type Component,
  createEffect,
  createMemo,
  createSignal,
  ErrorBoundary,
  For,
  on,
  Show,
  Suspense,
} from "solid-js";
import { localName } from "../lib/formats";
import { locale, setLocale, t } from "../lib/i18n";
import { online } from "../lib/network";
import { unsentCount } from "../lib/outbox-status";
import { getMe } from "../lib/queries";
import { MeContext } from "../lib/session";
import type { Me } from "../lib/types";
import { Icon, type IconName } from "./icon";
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

function navItems(me: Me): NavItem[] {
  const can = me.abilities;
  // A shopper's app is their visits and the outbox; Home leads straight to the visits.
  if (can.visits) {
    return [
      { href: "/visits", label: t("nav.visits"), icon: "visits" },
      { href: "/outbox", label: t("nav.outbox"), icon: "outbox", unsent: true },
    ];
  }
  const items: NavItem[] = [{ href: "/", label: t("nav.home"), icon: "home", end: true }];
  if (can.reviewQueue) items.push({ href: "/review", label: t("nav.review"), icon: "checklists" });
  if (can.disputes) items.push({ href: "/disputes", label: t("nav.disputes"), icon: "checklists" });
  if (can.regions) items.push({ href: "/regions", label: t("nav.regions"), icon: "regions" });
  if (can.branches) {
    const label = can.ownBranches
      ? me.scope.branchIds.length === 1
        ? t("nav.myBranch")
        : t("nav.myBranches")
      : t("nav.branches");
    items.push({ href: "/branches", label, icon: "branches" });
  }
  if (can.scorecards) items.push({ href: "/scorecards", label: t("nav.scorecards"), icon: "scorecards" });
  if (can.actions) items.push({ href: "/actions", label: t("nav.actions"), icon: "checklists" });
  if (can.complaints) items.push({ href: "/complaints", label: t("nav.complaints"), icon: "checklists" });
  if (can.checklists) items.push({ href: "/checklists", label: t("nav.checklists"), icon: "checklists" });
  if (can.assignments) items.push({ href: "/assignments", label: t("nav.assignments"), icon: "visits" });
  if (can.users) items.push({ href: "/users", label: t("nav.users"), icon: "users" });
  if (can.payouts) items.push({ href: "/payouts", label: t("nav.payouts"), icon: "checklists" });
  if (can.manage) items.push({ href: "/settings", label: t("nav.settings"), icon: "globe" });
  return items;
}

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

/** Signed-in layout: top bar, role-aware navigation (bottom tabs on phones, side bar on wide screens). */
export function AppShell(props: RouteSectionProps & { bell?: Component }) {
  const me = createAsync(() => getMe());
  // The bell (a lazy chunk) comes after the first screen, never holding it up, and only once the
  // server can be reached (a phone opened offline must not try to fetch the chunk); once shown it stays.
  const [later, setLater] = createSignal(false);
  setTimeout(setLater, 800, true);
  const bellWanted = createMemo<boolean>((shown) => shown || (later() && online()), false);
  const location = useLocation();
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
      if (current?.abilities.visits) void import("../lib/outbox-runner").then((m) => m.startOutbox());
    }),
  );

  // The user's saved language wins whenever their profile (re)loads.
  createEffect(
    on(me, (current) => {
      const saved = current?.user.locale;
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
                  <For each={navItems(current())}>
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
                </ul>
              </nav>
              <main class="main" id="main" tabindex="-1" ref={main}>
                <ErrorBoundary fallback={(error, reset) => <RouteError error={error} reset={reset} />}>
                  <Suspense fallback={<Loading />}>{props.children}</Suspense>
                </ErrorBoundary>
              </main>
            </div>
          </MeContext.Provider>
        )}
      </Show>
    </Suspense>
  );
}
