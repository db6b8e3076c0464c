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
  account: lazy(() => import("./areas/account/account")),
  notFound: lazy(() => import("./areas/home/not-found")),
};

/**
 * Every area's route preloads (areas/preloads.ts, from areas/<area>/preload.ts): on navigation and
 * link hover, a page's strings and data start with its chunk. The shopper's visits read the phone's own copy first (offline),
 * not router queries: their pages fetch the next one's chunk and strings once on screen.
 */
const preloads = () => import("./areas/preloads");

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
      <Route path="/invite/:token" component={page.invite} preload={preloadFrom(preloads, "invite")} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={HomeRoute} preload={preloadFrom(preloads, "home")} />
        <Route path="/regions" component={page.regions} preload={preloadFrom(preloads, "regions")} />
        <Route path="/regions/:id" component={page.region} preload={preloadFrom(preloads, "region")} />
        <Route path="/branches" component={page.branches} preload={preloadFrom(preloads, "branches")} />
        <Route path="/branches/new" component={page.branchNew} preload={preloadFrom(preloads, "form")} />
        <Route path="/branches/:id" component={page.branch} preload={preloadFrom(preloads, "branch")} />
        <Route path="/users" component={page.users} preload={preloadFrom(preloads, "users")} />
        <Route path="/users/invite" component={page.userInvite} preload={preloadFrom(preloads, "form")} />
        <Route path="/users/:id" component={page.user} preload={preloadFrom(preloads, "user")} />
        <Route path="/checklists" component={page.checklists} preload={preloadFrom(preloads, "checklists")} />
        <Route path="/checklists/new" component={page.checklistNew} preload={preloadFrom(preloads, "checklistNew")} />
        <Route path="/checklists/:id" component={page.checklist} preload={preloadFrom(preloads, "checklist")} />
        <Route
          path="/checklist-versions/:id"
          component={page.checklistVersion}
          preload={preloadFrom(preloads, "version")}
        />
        <Route
          path="/checklist-versions/:id/edit"
          component={page.checklistVersionEdit}
          preload={preloadFrom(preloads, "builder")}
        />
        <Route path="/assignments" component={page.assignments} preload={preloadFrom(preloads, "assignments")} />
        <Route
          path="/assignments/new"
          component={page.assignmentNew}
          preload={preloadFrom(preloads, "assignmentNew")}
        />
        <Route path="/assignments/:id" component={page.assignment} preload={preloadFrom(preloads, "assignment")} />
        <Route path="/visits" component={page.visits} />
        <Route path="/visits/:assignmentId" component={page.visit} />
        <Route path="/visits/:assignmentId/form" component={page.visitForm} />
        <Route path="/visits/:assignmentId/review" component={page.visitReview} />
        <Route path="/visits/:assignmentId/report" component={page.visitReport} />
        <Route path="/outbox" component={page.outbox} />
        <Route path="/scorecards" component={page.scorecards} preload={preloadFrom(preloads, "scorecards")} />
        <Route
          path="/scorecards/branches/:id"
          component={page.branchScorecard}
          preload={preloadFrom(preloads, "branchScorecard")}
        />
        <Route path="/scorecards/audits" component={page.scorecardAudits} preload={preloadFrom(preloads, "audits")} />
        <Route path="/reports/:id" component={page.report} preload={preloadFrom(preloads, "report")} />
        <Route path="/account" component={page.account} preload={preloadFrom(preloads, "account")} />
        <Route path="/home" component={() => <Navigate href="/" />} />
        <Route path="*404" component={page.notFound} />
      </Route>
    </Router>
  ),
  root,
);
