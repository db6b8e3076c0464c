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
const visitPages = () => import("./routes/visits/pages");

const page = {
  login: lazy(() => import("./routes/login")),
  invite: lazy(() => import("./routes/invite")),
  home: lazy(() => import("./routes/home")),
  regions: lazy(() => import("./routes/regions")),
  region: lazy(() => import("./routes/region")),
  branches: lazy(() => import("./routes/branches")),
  branchNew: lazy(() => import("./routes/branch-new")),
  branch: lazy(() => import("./routes/branch")),
  users: lazy(() => import("./routes/users")),
  userInvite: lazy(() => import("./routes/user-invite")),
  user: lazy(() => import("./routes/user")),
  checklists: lazy(() => import("./routes/checklists")),
  checklistNew: lazy(() => import("./routes/checklist-new")),
  checklist: lazy(() => import("./routes/checklist")),
  checklistVersion: lazy(() => import("./routes/checklist-version")),
  checklistVersionEdit: lazy(() => import("./routes/checklist-version-edit")),
  assignments: lazy(() => import("./routes/assignments")),
  assignmentNew: lazy(() => import("./routes/assignment-new")),
  assignment: lazy(() => import("./routes/assignment")),
  visits: lazy(() => visitPages().then((m) => ({ default: m.VisitsList }))),
  visit: lazy(() => visitPages().then((m) => ({ default: m.VisitBriefing }))),
  outbox: lazy(() => import("./routes/visits/outbox")),
  visitForm: lazy(() => import("./routes/visits/form")),
  visitReview: lazy(() => import("./routes/visits/review")),
  scorecards: lazy(() => import("./routes/scorecards")),
  branchScorecard: lazy(() => import("./routes/scorecard-branch")),
  scorecardAudits: lazy(() => import("./routes/scorecard-audits")),
  report: lazy(() => import("./routes/report")),
  account: lazy(() => import("./routes/account")),
  notFound: lazy(() => import("./routes/not-found")),
};

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
      <Route path="/invite/:token" component={page.invite} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={HomeRoute} />
        <Route path="/regions" component={page.regions} />
        <Route path="/regions/:id" component={page.region} />
        <Route path="/branches" component={page.branches} />
        <Route path="/branches/new" component={page.branchNew} />
        <Route path="/branches/:id" component={page.branch} />
        <Route path="/users" component={page.users} />
        <Route path="/users/invite" component={page.userInvite} />
        <Route path="/users/:id" component={page.user} />
        <Route path="/checklists" component={page.checklists} />
        <Route path="/checklists/new" component={page.checklistNew} />
        <Route path="/checklists/:id" component={page.checklist} />
        <Route path="/checklist-versions/:id" component={page.checklistVersion} />
        <Route path="/checklist-versions/:id/edit" component={page.checklistVersionEdit} />
        <Route path="/assignments" component={page.assignments} />
        <Route path="/assignments/new" component={page.assignmentNew} />
        <Route path="/assignments/:id" component={page.assignment} />
        <Route path="/visits" component={page.visits} />
        <Route path="/visits/:assignmentId" component={page.visit} />
        <Route path="/visits/:assignmentId/form" component={page.visitForm} />
        <Route path="/visits/:assignmentId/review" component={page.visitReview} />
        <Route path="/outbox" component={page.outbox} />
        <Route path="/scorecards" component={page.scorecards} />
        <Route path="/scorecards/branches/:id" component={page.branchScorecard} />
        <Route path="/scorecards/audits" component={page.scorecardAudits} />
        <Route path="/reports/:id" component={page.report} />
        <Route path="/account" component={page.account} />
        <Route path="/home" component={() => <Navigate href="/" />} />
        <Route path="*404" component={page.notFound} />
      </Route>
    </Router>
  ),
  root,
);
