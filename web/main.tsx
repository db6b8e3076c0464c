import "./styles/base.css";
import "./styles/forms.css";
import "./styles/shell.css";
import "./styles/pages.css";
import {
  Navigate,
  type RouteDefinition,
  type RoutePreloadFunc,
  Router,
  type RouteSectionProps,
  useLocation,
  useNavigate,
} from "@solidjs/router";
import { type Component, lazy, onCleanup, Show, Suspense } from "solid-js";
import { render } from "solid-js/web";
import { AppShell } from "./components/app-shell";
import { Loading } from "./components/states";
import { setUnauthenticatedHandler } from "./lib/api";
import { registerServiceWorker } from "./lib/pwa";
import { preloadFrom } from "./lib/route-preload";
import { useAbilities } from "./lib/session";

/** Outermost layout: sends anyone whose session ends back to sign-in, then returns them. */
function Root(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  setUnauthenticatedHandler(() => {
    const path = location.pathname;
    if (path.startsWith("/login") || path.startsWith("/invite/")) return;
    navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  });
  onCleanup(() => setUnauthenticatedHandler(undefined));
  return <Suspense fallback={<Loading />}>{props.children}</Suspense>;
}

/** The shopper's list and briefing load together; the form, review and outbox load on their own. */
const visitPages = () => import("./areas/visits/pages");
/** Every area's route preloads (areas/preloads.ts). */
const preloads = () => import("./areas/preloads");
/** Every page but sign-in, invitations and the shopper's visit pages (areas/pages.ts). */
const pages = () => import("./areas/pages");
/** The notification centre and the bell: one chunk, reached through the preloads' (no file of its own here). */
const notifications = () => preloads().then((m) => m.notificationsChunk());

/** A lazy page's module. */
type PageModule = Promise<{ default: Component<RouteSectionProps> }>;
/** One page of a module holding several (the visits'). */
const named =
  <K extends string>(load: () => Promise<Record<K, Component<RouteSectionProps>>>, name: K) =>
  () =>
    load().then((m) => ({ default: m[name] }));
/** A page reached through areas/pages.ts: the shopper's first download names no file of it, only its key. */
const page = (name: keyof typeof import("./areas/pages").pages) => () =>
  pages().then((m) => m.pages[name]() as PageModule);

/**
 * Every area's route preloads (areas/preloads.ts, from areas/<area>/preload.ts): on navigation and
 * link hover, a page's strings and data start with its chunk. The shopper's visits read the phone's own copy first (offline),
 * not router queries: their pages fetch the next one's chunk and strings once on screen.
 */
const preload = preloadFrom(preloads);

const visitForm = () => import("./areas/visits/form");
/** The form's page: once preloaded, it renders at once (no Suspense fallback first). */
const FormPage = lazy(visitForm);
/**
 * Starts the shopper's form: its page's chunk and the visit's session, read from the phone (the
 * draft, the checklist, the assignment), together; resolves once both are ready or either failed.
 * The form's route preload (its reads start while the shell asks the server who is signed in) and
 * the app's first screen (below). The form's code and strings are already on their way:
 * index.html's boot script (web/boot.js) preloads them.
 */
const openForm = (id: string) =>
  Promise.all([FormPage.preload(), visitForm().then((m) => m.preloadForm(id))]).catch(() => undefined);

/** A route to a lazy page, with its preload (a key of areas/preloads.ts) when it has one. */
const route = (
  path: string | string[],
  load: () => PageModule,
  key?: Parameters<typeof preload>[0] | RoutePreloadFunc,
): RouteDefinition => ({
  path,
  component: lazy(load),
  preload: typeof key === "function" ? key : key && preload(key),
});

/**
 * The bell in the top bar: from the notifications chunk, rendered by the shell after its first
 * screen, and fetched at the main thread's first quiet moment after that (2 s at most): its chunk
 * brings every area's preloads, which must not land in the middle of a slow phone's first render.
 */
const quiet = () =>
  new Promise((resolve) =>
    "requestIdleCallback" in window ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 200),
  );
const bell = lazy(() =>
  quiet()
    .then(notifications)
    .then((m) => ({ default: m.NotificationBell }))
    // The network went away while it loaded: no bell until the next start, and no error either.
    .catch(() => ({ default: () => null })),
);

/** A half-signed-in session's screen (two-step sign-in still due): reached through the preloads' chunk. */
const pending = lazy(() => preloads().then((m) => m.pendingChunk()));

/** The signed-in layout, with the bell (the shell imports no area itself). */
function Shell(props: RouteSectionProps) {
  return <AppShell {...props} bell={bell} pending={pending} />;
}

const Home = lazy(() => pages().then((m) => m.pages.home()));

/** Home, except for a shopper, whose home is their visits: sent on without fetching the home page. */
function HomeRoute() {
  const can = useAbilities();
  return (
    <Show when={!can().visits} fallback={<Navigate href="/visits" />}>
      <Home />
    </Show>
  );
}

/** The route table: public pages, then the signed-in ones inside the shell. */
const routes: RouteDefinition[] = [
  route("/login", () => import("./areas/account/login")),
  route("/invite/:token", () => import("./areas/account/invite"), "invite"),
  {
    path: "/",
    component: Shell,
    children: [
      { path: "/", component: HomeRoute, preload: preload("home") },
      route("/regions", page("regions"), "regions"),
      route("/regions/:id", page("region"), "region"),
      route("/branches", page("branches"), "branches"),
      route("/branches/new", page("branchNew"), "form"),
      route("/import/:kind", page("imports"), "form"),
      route("/branches/:id", page("branch"), "branch"),
      route("/users", page("users"), "users"),
      route("/users/invite", page("userInvite"), "form"),
      route("/users/:id", page("user"), "user"),
      route("/checklists", page("checklists"), "checklists"),
      route("/checklists/new", page("checklistNew"), "checklistNew"),
      route("/checklists/phrases", page("phrases")),
      route("/checklists/:id", page("checklist"), "checklist"),
      route("/checklist-versions/:id", page("version"), "version"),
      route("/checklist-versions/:id/edit", page("builder"), "builder"),
      route("/assignments", page("assignments"), "assignments"),
      route("/assignments/new", page("assignmentNew"), "assignmentNew"),
      route("/assignments/:id", page("assignment"), "assignment"),
      route("/rounds/*page", page("rounds"), "rounds"),
      route(["/shoppers/reliability", "/me/reliability"], page("reliability"), "reliability"),
      route("/payouts/*page", page("payouts"), "payouts"),
      route("/calibrations/*page", page("calibration"), "calibration"),
      route("/visits", named(visitPages, "VisitsList")),
      route("/visits/:assignmentId", named(visitPages, "VisitBriefing")),
      // The form, with its reads started by the route preload (openForm).
      {
        path: "/visits/:assignmentId/form",
        component: FormPage,
        preload: ({ params }) => openForm(params.assignmentId as string),
      },
      route("/visits/:assignmentId/review", () => import("./areas/visits/review")),
      route("/visits/:assignmentId/report", page("sentReport")),
      route("/outbox", () => import("./areas/visits/outbox")),
      route("/jobs", page("jobs")),
      route("/earnings", page("earnings")),
      route("/scorecards", page("scorecards"), "scorecards"),
      route("/scorecards/branches/:id", page("branchScorecard"), "branchScorecard"),
      route("/scorecards/audits", page("audits"), "audits"),
      route("/reports/:id", page("report"), "report"),
      route("/review", page("reviewQueue"), "reviewQueue"),
      route("/review/:id", page("reviewReport"), "reviewReport"),
      route("/settings", page("reviewSettings"), "reviewSettings"),
      route("/actions", page("actions"), "actions"),
      route("/actions/:id", page("action"), "action"),
      route("/complaints", page("complaints"), "complaints"),
      route("/complaints/new", page("complaintNew"), "complaintNew"),
      route("/complaints/:id", page("complaint"), "complaint"),
      route("/disputes", page("disputes"), "disputes"),
      route("/disputes/figures", page("disputeFigures"), "disputeFigures"),
      route("/disputes/:id", page("dispute"), "dispute"),
      route("/complaints/figures", page("complaintFigures"), "complaintFigures"),
      route("/account", page("account"), "account"),
      route("/notifications", notifications, "notifications"),
      { path: "/home", component: () => <Navigate href="/" /> },
      route("*404", page("notFound")),
    ],
  },
];

// Trace marks (bench/form-open.ts FORM_OPEN_TRACE=1): the entry ran, with its static imports and the core strings.
performance.mark("courtesy:boot");

const start = () => {
  render(() => <Router root={Root}>{routes}</Router>, document.getElementById("app") as HTMLElement);
  // After the first screen (then at the first quiet moment: web/lib/pwa.ts); at boot it came in the middle of the form's reads.
  registerServiceWorker();
};
/**
 * Opened on the shopper's form, the app's first frame is the form: its chunk and its session start
 * here, before anything renders, and the app renders once both are ready, the shell and the form in
 * one pass, one style recalc and one layout. Rendered first, the shell was laid out and painted on
 * its own (with "Loading"), and the form's chunk and reads waited behind that frame on a slow
 * phone's main thread. Never more than 1 s: then the shell comes first, as before.
 */
const form = /^\/visits\/([^/]+)\/form$/.exec(location.pathname)?.[1];
const ready = form ? Promise.race([openForm(form), new Promise((resolve) => setTimeout(resolve, 1000))]) : undefined;
void Promise.resolve(ready).then(start);
