import "./styles/base.css";
import "./styles/forms.css";
import "./styles/shell.css";
import "./styles/pages.css";
import { Navigate, Route, Router, type RouteSectionProps, useLocation, useNavigate } from "@solidjs/router";
import { lazy, onCleanup, Show, Suspense } from "solid-js";
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
/** The disputes list, one dispute and the figures: one dynamic import for the three. */
const disputePages = () => import("./areas/disputes/pages");

const page = {
  login: lazy(() => import("./areas/account/login")),
  invite: lazy(() => import("./areas/account/invite")),
  home: lazy(() => import("./areas/home/home")),
  regions: lazy(() => import("./areas/organisation/regions")),
  region: lazy(() => import("./areas/organisation/region")),
  branches: lazy(() => import("./areas/organisation/branches")),
  branchNew: lazy(() => import("./areas/organisation/branch-new")),
  branch: lazy(() => import("./areas/organisation/branch")),
  users: lazy(() => import("./areas/organisation/users")),
  userInvite: lazy(() => import("./areas/organisation/user-invite")),
  user: lazy(() => import("./areas/organisation/user")),
  checklists: lazy(() => import("./areas/checklists/checklists")),
  checklistNew: lazy(() => import("./areas/checklists/checklist-new")),
  checklist: lazy(() => import("./areas/checklists/checklist")),
  checklistVersion: lazy(() => import("./areas/checklists/checklist-version")),
  checklistVersionEdit: lazy(() => import("./areas/checklists/checklist-version-edit")),
  assignments: lazy(() => import("./areas/planning/assignments")),
  assignmentNew: lazy(() => import("./areas/planning/assignment-new")),
  assignment: lazy(() => import("./areas/planning/assignment")),
  visits: lazy(() => visitPages().then((m) => ({ default: m.VisitsList }))),
  visit: lazy(() => visitPages().then((m) => ({ default: m.VisitBriefing }))),
  outbox: lazy(() => import("./areas/visits/outbox")),
  visitForm: lazy(() => import("./areas/visits/form")),
  visitReview: lazy(() => import("./areas/visits/review")),
  visitReport: lazy(() => import("./areas/visits/sent-report")),
  scorecards: lazy(() => import("./areas/scorecards/scorecards")),
  branchScorecard: lazy(() => import("./areas/scorecards/scorecard-branch")),
  scorecardAudits: lazy(() => import("./areas/scorecards/scorecard-audits")),
  report: lazy(() => import("./areas/scorecards/report")),
  reviewQueue: lazy(() => import("./areas/review/queue")),
  reviewReport: lazy(() => import("./areas/review/review")),
  reviewSettings: lazy(() => import("./areas/review/settings")),
  actions: lazy(() => actionPages().then((m) => ({ default: m.ActionBoard }))),
  action: lazy(() => actionPages().then((m) => ({ default: m.ActionPage }))),
  disputes: lazy(() => disputePages().then((m) => ({ default: m.DisputesPage }))),
  dispute: lazy(() => disputePages().then((m) => ({ default: m.DisputePage }))),
  disputeFigures: lazy(() => disputePages().then((m) => ({ default: m.DisputeFiguresPage }))),
  account: lazy(() => import("./areas/account/account")),
  notifications: lazy(notifications),
  notFound: lazy(() => import("./areas/home/not-found")),
};

/** The bell in the top bar: from the notifications chunk, rendered by the shell after its first screen. */
const bell = lazy(() =>
  notifications()
    .then((m) => ({ default: m.NotificationBell }))
    // The network went away while it loaded: no bell until the next start, and no error either.
    .catch(() => ({ default: () => null })),
);

/** The signed-in layout, with the bell (the shell imports no area itself). */
function Shell(props: RouteSectionProps) {
  return <AppShell {...props} bell={bell} />;
}

/**
 * Every area's route preloads (areas/preloads.ts, from areas/<area>/preload.ts): on navigation and
 * link hover, a page's strings and data start with its chunk. The shopper's visits read the phone's own copy first (offline),
 * not router queries: their pages fetch the next one's chunk and strings once on screen.
 */
const preload = preloadFrom(preloads);

/** Home, except for a shopper, whose home is their visits: sent on without fetching the home page. */
function HomeRoute() {
  const can = useAbilities();
  return (
    <Show when={!can().visits} fallback={<Navigate href="/visits" />}>
      <page.home />
    </Show>
  );
}

registerServiceWorker();

const root = document.getElementById("app");
if (!root) throw new Error("#app is missing from index.html");

render(
  () => (
    <Router root={Root}>
      <Route path="/login" component={page.login} />
      <Route path="/invite/:token" component={page.invite} preload={preload("invite")} />
      <Route path="/" component={Shell}>
        <Route path="/" component={HomeRoute} preload={preload("home")} />
        <Route path="/regions" component={page.regions} preload={preload("regions")} />
        <Route path="/regions/:id" component={page.region} preload={preload("region")} />
        <Route path="/branches" component={page.branches} preload={preload("branches")} />
        <Route path="/branches/new" component={page.branchNew} preload={preload("form")} />
        <Route path="/branches/:id" component={page.branch} preload={preload("branch")} />
        <Route path="/users" component={page.users} preload={preload("users")} />
        <Route path="/users/invite" component={page.userInvite} preload={preload("form")} />
        <Route path="/users/:id" component={page.user} preload={preload("user")} />
        <Route path="/checklists" component={page.checklists} preload={preload("checklists")} />
        <Route path="/checklists/new" component={page.checklistNew} preload={preload("checklistNew")} />
        <Route path="/checklists/:id" component={page.checklist} preload={preload("checklist")} />
        <Route path="/checklist-versions/:id" component={page.checklistVersion} preload={preload("version")} />
        <Route path="/checklist-versions/:id/edit" component={page.checklistVersionEdit} preload={preload("builder")} />
        <Route path="/assignments" component={page.assignments} preload={preload("assignments")} />
        <Route path="/assignments/new" component={page.assignmentNew} preload={preload("assignmentNew")} />
        <Route path="/assignments/:id" component={page.assignment} preload={preload("assignment")} />
        <Route path="/visits" component={page.visits} />
        <Route path="/visits/:assignmentId" component={page.visit} />
        <Route path="/visits/:assignmentId/form" component={page.visitForm} />
        <Route path="/visits/:assignmentId/review" component={page.visitReview} />
        <Route path="/visits/:assignmentId/report" component={page.visitReport} />
        <Route path="/outbox" component={page.outbox} />
        <Route path="/scorecards" component={page.scorecards} preload={preload("scorecards")} />
        <Route path="/scorecards/branches/:id" component={page.branchScorecard} preload={preload("branchScorecard")} />
        <Route path="/scorecards/audits" component={page.scorecardAudits} preload={preload("audits")} />
        <Route path="/reports/:id" component={page.report} preload={preload("report")} />
        <Route path="/review" component={page.reviewQueue} preload={preload("reviewQueue")} />
        <Route path="/review/:id" component={page.reviewReport} preload={preload("reviewReport")} />
        <Route path="/settings" component={page.reviewSettings} preload={preload("reviewSettings")} />
        <Route path="/actions" component={page.actions} preload={preload("actions")} />
        <Route path="/actions/:id" component={page.action} preload={preload("action")} />
        <Route path="/disputes" component={page.disputes} preload={preload("disputes")} />
        <Route path="/disputes/figures" component={page.disputeFigures} preload={preload("disputeFigures")} />
        <Route path="/disputes/:id" component={page.dispute} preload={preload("dispute")} />
        <Route path="/account" component={page.account} preload={preload("account")} />
        <Route path="/notifications" component={page.notifications} preload={preload("notifications")} />
        <Route path="/home" component={() => <Navigate href="/" />} />
        <Route path="*404" component={page.notFound} />
      </Route>
    </Router>
  ),
  root,
);
