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
/** Every area's route preloads, and the way to the notifications chunk (areas/preloads.ts). */
const preloads = () => import("./areas/preloads");
/** The notification centre and the bell: one chunk, reached through the preloads' (no file of its own here). */
const notifications = () => preloads().then((m) => m.notificationsChunk());
/** The action board and one action load together. */
const actionPages = () => import("./areas/actions/pages");
/** The complaint log, the phone form and one complaint load together. */
const complaintPages = () => import("./areas/complaints/pages");
/** The disputes list, one dispute and the figures: one dynamic import for the three. */
const disputePages = () => import("./areas/disputes/pages");

/** A lazy page's module. */
type PageModule = Promise<{ default: Component<RouteSectionProps> }>;
/** One page of a module holding several (the visits', the actions', the disputes'). */
const named =
  <K extends string>(load: () => Promise<Record<K, Component<RouteSectionProps>>>, name: K) =>
  () =>
    load().then((m) => ({ default: m[name] }));

/**
 * Every area's route preloads (areas/preloads.ts, from areas/<area>/preload.ts): on navigation and
 * link hover, a page's strings and data start with its chunk. The shopper's visits read the phone's own copy first (offline),
 * not router queries: their pages fetch the next one's chunk and strings once on screen.
 */
const preload = preloadFrom(preloads);

/**
 * The shopper's form starts its reads from the phone (the draft, the checklist, the assignment)
 * while the shell asks the server who is signed in. (Its code and strings are already on their
 * way: index.html's boot.js preloads them.)
 */
const formPreload: RoutePreloadFunc = ({ params }) => {
  const id = params.assignmentId;
  if (id)
    visitForm().then(
      (m) => m.preloadForm(id),
      () => undefined,
    );
};
const visitForm = () => import("./areas/visits/form");

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

/** The signed-in layout, with the bell (the shell imports no area itself). */
function Shell(props: RouteSectionProps) {
  return <AppShell {...props} bell={bell} />;
}

const Home = lazy(() => import("./areas/home/home"));

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
      route("/regions", () => import("./areas/organisation/regions"), "regions"),
      route("/regions/:id", () => import("./areas/organisation/region"), "region"),
      route("/branches", () => import("./areas/organisation/branches"), "branches"),
      route("/branches/new", () => import("./areas/organisation/branch-new"), "form"),
      route("/import/:kind", () => import("./areas/organisation/imports"), "form"),
      route("/branches/:id", () => import("./areas/organisation/branch"), "branch"),
      route("/users", () => import("./areas/organisation/users"), "users"),
      route("/users/invite", () => import("./areas/organisation/user-invite"), "form"),
      route("/users/:id", () => import("./areas/organisation/user"), "user"),
      route("/checklists", () => import("./areas/checklists/checklists"), "checklists"),
      route("/checklists/new", () => import("./areas/checklists/checklist-new"), "checklistNew"),
      route("/checklists/phrases", () => import("./areas/checklists/phrases")),
      route("/checklists/:id", () => import("./areas/checklists/checklist"), "checklist"),
      route("/checklist-versions/:id", () => import("./areas/checklists/checklist-version"), "version"),
      route("/checklist-versions/:id/edit", () => import("./areas/checklists/checklist-version-edit"), "builder"),
      route("/assignments", () => import("./areas/planning/assignments"), "assignments"),
      route("/assignments/new", () => import("./areas/planning/assignment-new"), "assignmentNew"),
      route("/assignments/:id", () => import("./areas/planning/assignment"), "assignment"),
      route("/rounds/*page", () => preloads().then((m) => m.roundsChunk()), "rounds"),
      route(
        ["/shoppers/reliability", "/me/reliability"],
        () => preloads().then((m) => m.reliabilityChunk()),
        "reliability",
      ),
      route("/payouts/*page", () => preloads().then((m) => m.payoutsChunk()), "payouts"),
      route("/calibrations/*page", () => preloads().then((m) => m.calibrationChunk()), "calibration"),
      route("/visits", named(visitPages, "VisitsList")),
      route("/visits/:assignmentId", named(visitPages, "VisitBriefing")),
      route("/visits/:assignmentId/form", visitForm, formPreload),
      route("/visits/:assignmentId/review", () => import("./areas/visits/review")),
      route("/visits/:assignmentId/report", () => preloads().then((m) => m.sentReportChunk())),
      route("/outbox", () => import("./areas/visits/outbox")),
      route("/jobs", () => preloads().then((m) => m.jobsChunk())),
      route("/earnings", () => preloads().then((m) => m.earningsChunk())),
      route("/scorecards", () => import("./areas/scorecards/scorecards"), "scorecards"),
      route("/scorecards/branches/:id", () => import("./areas/scorecards/scorecard-branch"), "branchScorecard"),
      route("/scorecards/audits", () => import("./areas/scorecards/scorecard-audits"), "audits"),
      route("/reports/:id", () => import("./areas/scorecards/report"), "report"),
      route("/review", () => import("./areas/review/queue"), "reviewQueue"),
      route("/review/:id", () => import("./areas/review/review"), "reviewReport"),
      route("/settings", () => import("./areas/review/settings"), "reviewSettings"),
      route("/actions", named(actionPages, "ActionBoard"), "actions"),
      route("/actions/:id", named(actionPages, "ActionPage"), "action"),
      route("/complaints", named(complaintPages, "ComplaintList"), "complaints"),
      route("/complaints/new", named(complaintPages, "NewComplaintPage"), "complaintNew"),
      route("/complaints/:id", named(complaintPages, "ComplaintPage"), "complaint"),
      route("/disputes", named(disputePages, "DisputesPage"), "disputes"),
      route("/disputes/figures", named(disputePages, "DisputeFiguresPage"), "disputeFigures"),
      route("/disputes/:id", named(disputePages, "DisputePage"), "dispute"),
      route("/complaints/figures", () => preloads().then((m) => m.complaintFiguresChunk()), "complaintFigures"),
      route("/account", () => import("./areas/account/account"), "account"),
      route("/notifications", notifications, "notifications"),
      { path: "/home", component: () => <Navigate href="/" /> },
      route("*404", () => import("./areas/home/not-found")),
    ],
  },
];

// Trace marks (bench/form-open.ts FORM_OPEN_TRACE=1): the entry ran, with its static imports and the core strings.
performance.mark("courtesy:boot");
registerServiceWorker();

const root = document.getElementById("app");
if (!root) throw new Error("#app is missing from index.html");

render(() => <Router root={Root}>{routes}</Router>, root);
