/**
 * Home: what this role should do next, with the figures behind it (docs/ARCHITECTURE.md).
 * A branch manager sees, worst first, the items failing most this period, their open (overdue
 * first) corrective actions, disputes in progress, the latest reports, then the period's score;
 * head office and regional managers the branches below target (home-figures.ts `TARGET_SCORE`),
 * the biggest drops, done actions waiting for their check (those who verify), open actions and
 * disputes (with how many they may decide, for admins), and the visits due this week; a reviewer
 * the review queue's figures (waiting, overdue, claimed by them), each a link to the filtered
 * queue, and how many open disputes they may decide. Shortcuts follow.
 */
import { createAsync } from "@solidjs/router";
import { ErrorBoundary, For, type JSX, Match, Show, Suspense, Switch } from "solid-js";
import { Badge } from "../../components/badge";
import { Icon, type IconName } from "../../components/icon";
import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { tOffice } from "../../lib/office-i18n";
import { roleOf, useAbilities, useMe } from "../../lib/session";
import { actionTitle, getActions } from "../actions/action-queries";
import { tx } from "../actions/actions-i18n";
import { formatDay } from "../actions/components/action-parts";
import { formatWindow } from "../planning/assignment-i18n";
import { getAssignments } from "../planning/assignment-queries";
import { getReviewQueue } from "../review/review-queries";
import { formatChange } from "../scorecards/components/figures";
import { worstFirst } from "../scorecards/scales";
import { getAuditsBehind, getBranchScorecard, getLeague, type League } from "../scorecards/scorecard-queries";
import {
  belowTarget,
  biggestDrops,
  decideFigure,
  doneOldestFirst,
  dueThisWeek,
  HOME_LIST_LENGTH,
  isOverdue,
  localToday,
  TARGET_SCORE,
} from "./home-figures";
import { th } from "./home-i18n";
import { getOpenDisputes, type OpenDisputePage } from "./home-queries";
import "./home.css";
import { localName } from "../../lib/formats";
import { formatDateTime, formatPercent, formatScore, monthLabel } from "../../lib/office-formats";
import { tr } from "../../lib/roles-i18n";

interface Card {
  href: string;
  title: string;
  text: string;
  icon: IconName;
}

type LeagueRow = League["ranked"][number] | League["insufficient"][number];

function greeting(name: string): string {
  const hour = new Date().getHours();
  const key = hour < 12 ? "intro.morning" : hour < 18 ? "intro.afternoon" : "intro.evening";
  return th(key, { name });
}

export default function Home() {
  const me = useMe();
  const can = useAbilities();
  const role = () => roleOf(me());

  const cards = (): Card[] => {
    const list: Card[] = [];
    const manage = can().manage;
    if (can().regions) {
      list.push({
        href: "/regions",
        title: tOffice("nav.regions"),
        text: manage ? th("intro.regionsManage") : th("intro.regionsView"),
        icon: "regions",
      });
    }
    if (can().branches) {
      const mine = can().ownBranches;
      const single = mine && me().scope.branchIds.length === 1 ? me().scope.branchIds[0] : undefined;
      list.push({
        href: single ? `/branches/${single}` : "/branches",
        title: mine ? (single ? tOffice("nav.myBranch") : tOffice("nav.myBranches")) : tOffice("nav.branches"),
        text: mine ? th("intro.branchesMine") : manage ? th("intro.branchesManage") : th("intro.branchesView"),
        icon: "branches",
      });
    }
    if (can().users) {
      list.push({
        href: "/users",
        title: tOffice("nav.users"),
        text: manage ? th("intro.usersManage") : th("intro.usersView"),
        icon: "users",
      });
    }
    return list;
  };

  return (
    <>
      <PageHeader
        title={greeting(me().user.displayName)}
        subtitle={th("intro.signedInAs", {
          org: localName(me().organization.name),
          role: tr(role()),
        })}
      />
      <Switch>
        <Match when={can().ownBranches}>
          <ManagerHome branchIds={me().scope.branchIds} />
        </Match>
        <Match when={can().review}>
          <ReviewerHome />
        </Match>
        <Match when={can().analytics}>
          <OfficeHome visits={can().assignments} />
        </Match>
      </Switch>
      <Show
        when={cards().length}
        fallback={
          <section class="card note" aria-labelledby="visits-title">
            <Icon name="visits" class="note__icon" />
            <div>
              <h2 class="section-title" id="visits-title">
                {th("intro.shopperTitle")}
              </h2>
              <p>{th("intro.shopperNote")}</p>
            </div>
          </section>
        }
      >
        <section aria-labelledby="can-do-title" class="home__shortcuts">
          <h2 class="section-title" id="can-do-title">
            {th("shortcuts")}
          </h2>
          <ul class="tiles">
            <For each={cards()}>
              {(card) => (
                <li>
                  <A class="tile" href={card.href}>
                    <span class="tile__icon">
                      <Icon name={card.icon} />
                    </span>
                    <span class="tile__body">
                      <span class="tile__title">{card.title}</span>
                      <span class="tile__text">{card.text}</span>
                    </span>
                    <Icon name="chevron" class="tile__chevron" />
                  </A>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}

/** One block of the home: a titled card with its own loading and failure states. */
function Block(props: { id: string; title: string; hint?: string; children: JSX.Element; more?: JSX.Element }) {
  return (
    <section class="card home-block" aria-labelledby={props.id}>
      <div class="home-block__head">
        <h2 class="section-title" id={props.id}>
          {props.title}
        </h2>
        {props.more}
      </div>
      <Show when={props.hint}>
        <p class="home-block__hint">{props.hint}</p>
      </Show>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </ErrorBoundary>
    </section>
  );
}

/** A list row: a link with its figure on the right. */
function Row(props: { href: string; title: string; meta?: JSX.Element; figure: JSX.Element }) {
  return (
    <li>
      <A class="home-row" href={props.href}>
        <span class="home-row__main">
          <span class="home-row__title">{props.title}</span>
          <Show when={props.meta}>
            <span class="home-row__meta">{props.meta}</span>
          </Show>
        </span>
        <span class="home-row__figure">{props.figure}</span>
      </A>
    </li>
  );
}

const branchTitle = (branch: { code: string; name: { en: string; zh: string } }) =>
  `${localName(branch.name)} · ${branch.code}`;

/* Branch manager */

function ManagerHome(props: { branchIds: readonly string[] }) {
  return (
    <Switch>
      <Match when={props.branchIds.length === 1 ? props.branchIds[0] : undefined}>
        {(id) => <BranchFigures branchId={id()} />}
      </Match>
      <Match when={props.branchIds.length > 1}>
        <ManagerBranches />
      </Match>
    </Switch>
  );
}

function BranchFigures(props: { branchId: string }) {
  const card = createAsync(() => getBranchScorecard(props.branchId, {}));
  const href = () => `/scorecards/branches/${props.branchId}`;
  return (
    <div class="home-grid">
      <Block id="home-worst" title={th("manager.worst")} hint={th("manager.worstHint")}>
        <Show when={card()}>
          {(c) => {
            const worst = () => worstFirst(c().items.filter((i) => i.branch.rate !== null)).slice(0, HOME_LIST_LENGTH);
            return (
              <Show when={worst().length} fallback={<p>{th("manager.noItems")}</p>}>
                <ol class="home-list" aria-labelledby="home-worst">
                  <For each={worst()}>
                    {(item) => (
                      <Row
                        href={href()}
                        title={localName(item.prompt)}
                        meta={th("manager.passed", {
                          passes: item.branch.passes,
                          judged: item.branch.passes + item.branch.fails,
                        })}
                        figure={formatPercent(item.branch.rate, 0)}
                      />
                    )}
                  </For>
                </ol>
              </Show>
            );
          }}
        </Show>
      </Block>
      <ManagerWork />
      <Block id="home-reports" title={th("manager.reports")}>
        <LatestReports branchId={props.branchId} empty={th("manager.noReports")} labelledBy="home-reports" />
      </Block>
      <Block id="home-score" title={th("manager.score")}>
        <Show when={card()}>
          {(c) => (
            <div class="home-score">
              <p class="home-score__value" data-testid="home-score">
                {formatScore(c().score.mean)}
              </p>
              <p class="home-score__line">
                {c().change === null
                  ? th("manager.noChange")
                  : th("manager.change", { change: formatChange(c().change) })}
              </p>
              <p class="home-score__line">{th("manager.organization", { mean: formatScore(c().organization.mean) })}</p>
              <p class="home-score__line home-block__hint">
                {th("period", {
                  from: monthLabel(c().period.fromMonth, "short"),
                  to: monthLabel(c().period.toMonth, "short"),
                })}
              </p>
              <A class="button button--secondary home-score__link" href={href()}>
                {th("openScorecard")}
              </A>
            </div>
          )}
        </Show>
      </Block>
    </div>
  );
}

/** A manager of several branches: each one's score and change, then the latest reports of all. */
function ManagerBranches() {
  const league = createAsync(() => getLeague({}));
  return (
    <div class="home-grid">
      <Block id="home-branches" title={th("manager.branches")}>
        <Show when={league()}>
          {(l) => (
            <ul class="home-list" aria-labelledby="home-branches">
              <For each={[...l().ranked, ...l().insufficient]}>
                {(row) => (
                  <Row
                    href={`/scorecards/branches/${row.branch.id}`}
                    title={branchTitle(row.branch)}
                    meta={formatChange(row.change)}
                    figure={formatScore(row.score.mean)}
                  />
                )}
              </For>
            </ul>
          )}
        </Show>
      </Block>
      <ManagerWork />
      <Block id="home-reports" title={th("manager.reports")}>
        <LatestReports empty={th("manager.noReports")} labelledBy="home-reports" />
      </Block>
    </div>
  );
}

/** What the branches are working on: open corrective actions and disputes in progress, each for those who may read them. */
function ManagerWork() {
  const can = useAbilities();
  return (
    <>
      <Show when={can().verifyActions}>
        <ActionsToCheck />
      </Show>
      <Show when={can().actions}>
        <OpenActions />
      </Show>
      <Show when={can().disputes}>
        <OpenDisputes />
      </Show>
    </>
  );
}

/** Open actions, overdue first (the API's order), each with its due date and branch. */
function OpenActions() {
  const me = useMe();
  const page = createAsync(() => getActions({ status: "open" }));
  const several = () => me().scope.branchIds.length !== 1;
  const overdue = () => page()?.items.filter((a) => a.overdue).length ?? 0;
  return (
    <Block
      id="home-actions"
      title={tx("home.title")}
      hint={tx("home.hint")}
      more={
        <A class="home-block__more" href="/actions?status=open">
          {tx("home.seeAll")}
        </A>
      }
    >
      <Show when={page()}>
        {(p) => (
          <Show when={p().items.length} fallback={<p>{tx("home.none")}</p>}>
            <Show when={overdue()}>
              <p class="home-block__count" data-testid="home-actions-overdue">
                <Badge tone="danger">{tx("home.overdueCount", overdue())}</Badge>
              </p>
            </Show>
            <ul class="home-list" aria-labelledby="home-actions">
              <For each={p().items.slice(0, HOME_LIST_LENGTH)}>
                {(action) => (
                  <Row
                    href={`/actions/${action.id}`}
                    title={actionTitle(action)}
                    meta={
                      <>
                        {several() ? `${branchTitle(action.branch)} · ` : ""}
                        {tx("due", { date: formatDay(action.dueDate) })}
                        <Show when={action.overdue}>
                          {" "}
                          <Badge tone="danger">{tx("overdue")}</Badge>
                        </Show>
                      </>
                    }
                    figure={<Icon name="chevron" class="home-row__chevron" />}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Block>
  );
}

/** Done actions of the verifier's branches, the oldest done first, each opening the action to verify or return. */
function ActionsToCheck() {
  const me = useMe();
  const page = createAsync(() => getActions({ status: "done" }));
  const waiting = () => doneOldestFirst(page()?.items ?? []);
  const several = () => me().scope.branchIds.length !== 1;
  return (
    <Block
      id="home-check"
      title={tx("home.check")}
      hint={tx("home.checkHint")}
      more={
        <A class="home-block__more" href="/actions?status=done">
          {tx("home.seeAll")}
        </A>
      }
    >
      <Show when={page()}>
        {(p) => (
          <Show when={waiting().length} fallback={<p>{tx("home.checkNone")}</p>}>
            <p class="home-block__count" data-testid="home-check-count">
              {p().nextCursor ? tx("home.checkMore", { n: waiting().length }) : tx("home.checkCount", waiting().length)}
            </p>
            <ol class="home-list" aria-labelledby="home-check">
              <For each={waiting().slice(0, HOME_LIST_LENGTH)}>
                {(action) => (
                  <Row
                    href={`/actions/${action.id}`}
                    title={actionTitle(action)}
                    meta={
                      <>
                        {several() ? `${branchTitle(action.branch)} · ` : ""}
                        {action.doneAt ? tx("home.doneOn", { when: formatDateTime(action.doneAt) }) : ""}
                      </>
                    }
                    figure={<Icon name="chevron" class="home-row__chevron" />}
                  />
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </Block>
  );
}

/** How many open disputes the reader may decide (arbiters only), a link to the list. */
function DecideFigure(props: { page: OpenDisputePage }) {
  return (
    <A class="home-queue__figure home-decide" href="/disputes" data-figure="decide">
      <span class="home-queue__value" data-testid="home-decide-count">
        {decideFigure(props.page)}
      </span>
      <span class="home-queue__label">{th("disputes.toDecide")}</span>
    </A>
  );
}

/** Disputes waiting for head office's decision, oldest first; each opens its report. An arbiter sees first how many they may decide. */
function OpenDisputes() {
  const can = useAbilities();
  const disputes = createAsync(() => getOpenDisputes());
  return (
    <Block id="home-disputes" title={th("disputes.title")} hint={th("disputes.hint")}>
      <Show when={disputes()}>
        {(page) => (
          <Show when={page().items.length} fallback={<p>{th("disputes.none")}</p>}>
            <Show when={can().decideDisputes}>
              <DecideFigure page={page()} />
            </Show>
            <ul class="home-list" aria-labelledby="home-disputes">
              <For each={page().items.slice(0, HOME_LIST_LENGTH)}>
                {(dispute) => (
                  <Row
                    href={`/reports/${dispute.auditId}`}
                    title={branchTitle(dispute.branch)}
                    meta={`${th("disputes.items", dispute.items.length)} · ${th("disputes.raised", {
                      when: formatDateTime(dispute.raisedAt),
                    })}`}
                    figure={<Icon name="chevron" class="home-row__chevron" />}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </Block>
  );
}

/** The newest published reports (of one branch, or of everything the role may read). */
function LatestReports(props: { branchId?: string; empty: string; labelledBy: string }) {
  const behind = createAsync(() => getAuditsBehind({}, { branchId: props.branchId }));
  return (
    <Show when={behind()}>
      {(b) => (
        <Show when={b().audits.length} fallback={<p>{props.empty}</p>}>
          <ul class="home-list" aria-labelledby={props.labelledBy}>
            <For each={b().audits.slice(0, HOME_LIST_LENGTH)}>
              {(audit) => (
                <Row
                  href={`/reports/${audit.id}`}
                  title={props.branchId ? formatDateTime(audit.visitStartedAt) : branchTitle(audit.branch)}
                  meta={
                    <>
                      {props.branchId ? null : formatDateTime(audit.visitStartedAt)}
                      <Show when={audit.criticalFailed}>
                        {" "}
                        <Badge tone="danger">{th("criticalFailed")}</Badge>
                      </Show>
                    </>
                  }
                  figure={formatScore(audit.score)}
                />
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  );
}

/* Head office and regional managers */

function OfficeHome(props: { visits: boolean }) {
  const league = createAsync(() => getLeague({}));
  const rows = (): LeagueRow[] => {
    const l = league();
    return l ? [...l.ranked, ...l.insufficient] : [];
  };
  return (
    <div class="home-grid">
      <Block
        id="home-below"
        title={th("office.below")}
        hint={th("office.belowHint", { target: TARGET_SCORE })}
        more={
          <A class="home-block__more" href="/scorecards">
            {th("seeAll")}
          </A>
        }
      >
        <Show when={league()}>
          <Show when={belowTarget(rows()).length} fallback={<p>{th("office.noneBelow", { target: TARGET_SCORE })}</p>}>
            <ol class="home-list" aria-labelledby="home-below">
              <For each={belowTarget(rows()).slice(0, HOME_LIST_LENGTH)}>
                {(row) => (
                  <Row
                    href={`/scorecards/branches/${row.branch.id}`}
                    title={branchTitle(row.branch)}
                    meta={row.branch.region ? localName(row.branch.region.name) : undefined}
                    figure={formatScore(row.score.mean)}
                  />
                )}
              </For>
            </ol>
          </Show>
        </Show>
      </Block>
      <Block id="home-drops" title={th("office.drops")} hint={th("office.dropsHint")}>
        <Show when={league()}>
          <Show when={biggestDrops(rows()).length} fallback={<p>{th("office.noDrops")}</p>}>
            <ol class="home-list" aria-labelledby="home-drops">
              <For each={biggestDrops(rows()).slice(0, HOME_LIST_LENGTH)}>
                {(row) => (
                  <Row
                    href={`/scorecards/branches/${row.branch.id}`}
                    title={branchTitle(row.branch)}
                    meta={formatScore(row.score.mean)}
                    figure={<span class="home-row__drop">{formatChange(row.change)}</span>}
                  />
                )}
              </For>
            </ol>
          </Show>
        </Show>
      </Block>
      <ManagerWork />
      <Show when={props.visits}>
        <DueVisits />
      </Show>
    </div>
  );
}

function DueVisits() {
  const open = createAsync(() => getAssignments({ status: "open" }));
  const today = localToday();
  const due = () => dueThisWeek(open() ?? [], today);
  return (
    <Block
      id="home-due"
      title={th("office.due")}
      hint={th("office.dueHint")}
      more={
        <A class="home-block__more" href="/assignments?status=open">
          {th("seeAll")}
        </A>
      }
    >
      <Show when={open()}>
        <Show when={due().length} fallback={<p>{th("office.noDue")}</p>}>
          <p class="home-block__count">{th("office.dueCount", due().length)}</p>
          <ul class="home-list" aria-labelledby="home-due">
            <For each={due().slice(0, HOME_LIST_LENGTH)}>
              {(visit) => (
                <Row
                  href={`/assignments/${visit.id}`}
                  title={branchTitle(visit.branch)}
                  meta={
                    <>
                      {formatWindow(visit.windowStart, visit.windowEnd)}
                      <Show when={isOverdue(visit, today)}>
                        {" "}
                        <Badge tone="danger">{th("office.overdue")}</Badge>
                      </Show>
                    </>
                  }
                  figure={<Icon name="chevron" class="home-row__chevron" />}
                />
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </Block>
  );
}

/* Reviewer */

/** The queue's figures, each a link to the queue filtered to it. */
function QueueFigures() {
  const queue = createAsync(() => getReviewQueue({}));
  const figures = () => {
    const counts = queue()?.counts;
    return [
      { key: "waiting", value: counts?.waiting, href: "/review?status=waiting" },
      { key: "overdue", value: counts?.overdue, href: "/review" },
      { key: "claimedByMe", value: counts?.claimedByMe, href: "/review?mine=1" },
    ] as const;
  };
  return (
    <>
      <ul class="home-queue">
        <For each={figures()}>
          {(figure) => (
            <li>
              <A class="home-queue__figure" href={figure.href} data-figure={figure.key}>
                <span class="home-queue__value">{figure.value ?? "–"}</span>
                <span class="home-queue__label">{th(`reviewer.${figure.key}`)}</span>
              </A>
            </li>
          )}
        </For>
      </ul>
      <p class="home-block__note">{th("reviewer.queueHint")}</p>
      <A class="button button--secondary" href="/review">
        {th("reviewer.openQueue")}
      </A>
    </>
  );
}

function ReviewerHome() {
  return (
    <div class="home-grid">
      <Block id="home-queue" title={th("reviewer.queue")}>
        <QueueFigures />
      </Block>
      <DisputesToDecide />
      <Block id="home-latest" title={th("reviewer.latest")}>
        <LatestReports empty={th("reviewer.noReports")} labelledBy="home-latest" />
      </Block>
    </div>
  );
}

/** The reviewer's disputes: how many they may decide (never those of reports they reviewed), a link to the list. */
function DisputesToDecide() {
  const disputes = createAsync(() => getOpenDisputes());
  return (
    <Block id="home-decide" title={th("disputes.decideTitle")} hint={th("disputes.decideHint")}>
      <Show when={disputes()}>
        {(page) => (
          <>
            <DecideFigure page={page()} />
            <A class="button button--secondary home-decide__open" href="/disputes">
              {th("disputes.openList")}
            </A>
          </>
        )}
      </Show>
    </Block>
  );
}
