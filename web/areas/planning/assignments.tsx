import "./planning.css";
import { createAsync, useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { SelectField } from "../../components/field";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import { formatWindow, isOverdue, STATUS_TONES, ta } from "./assignment-i18n";
import {
  ASSIGNMENT_LIST_CAP,
  ASSIGNMENT_STATUSES,
  type Assignment,
  assignmentFilter,
  getAssignments,
  statusChoice,
} from "./assignment-queries";
import { BranchPicker } from "./components/branch-picker";
import { PlanningTabs } from "./components/planning-tabs";
import "../../styles/lists.css";
import { localName } from "../../lib/formats";
import { personName } from "../../lib/person-name";
import { getUsers } from "../organisation/queries";

const PAGE = 50;

function AssignmentRow(props: { assignment: Assignment }) {
  const a = () => props.assignment;
  const window = () => formatWindow(a().windowStart, a().windowEnd);
  return (
    <li class="assignment-row">
      <div class="row assignment-row__inner">
        <span class="row__main">
          <A class="row__title assignment-row__link" href={`/assignments/${a().id}`}>
            {localName(a().branch.name)}
          </A>
          <span class="row__meta">
            <span class="code">{a().branch.code}</span>
            <span>
              {ta("detail.checklistVersion", {
                name: localName(a().checklist.name),
                number: a().checklist.versionNumber,
              })}
            </span>
          </span>
          <span class="row__meta">
            <span>{personName(a().shopper?.displayName ?? "") || ta("list.noShopper")}</span>
            <span>{window()}</span>
          </span>
          <span class="row__tags">
            <Badge tone={STATUS_TONES[a().status]}>{ta(`status.${a().status}`)}</Badge>
            <Show when={a().audit?.late}>
              <Badge tone="warning">{ta("flags.late")}</Badge>
            </Show>
            <Show when={isOverdue(a())}>
              <Badge tone="danger">{ta("flags.overdue")}</Badge>
            </Show>
            <Show when={a().audit}>
              <A
                class="assignment-row__report"
                href={`/assignments/${a().id}#report`}
                aria-label={ta("list.reportLabel", { branch: localName(a().branch.name), window: window() })}
              >
                {ta("list.report")}
              </A>
            </Show>
          </span>
        </span>
        <Icon name="chevron" class="row__chevron" />
      </div>
    </li>
  );
}

export default function Assignments() {
  const can = useAbilities();
  const [params, setParams] = useSearchParams();

  const status = () => statusChoice(params);
  const filter = () => assignmentFilter(params);

  const items = createAsync(() => (can().assignments ? getAssignments(filter()) : Promise.resolve(undefined)));
  const shoppers = createAsync(() => (can().users ? getUsers({ role: "shopper" }) : Promise.resolve([])));

  // Open visits as the API orders them (earliest window first); done and cancelled ones newest first.
  const ordered = createMemo(() => {
    const all = items() ?? [];
    const closed = all
      .filter((a) => a.status !== "open")
      .sort((a, b) => b.windowStart.localeCompare(a.windowStart) || b.createdAt.localeCompare(a.createdAt));
    return [...all.filter((a) => a.status === "open"), ...closed];
  });
  // The list comes whole (up to 500); it is shown PAGE rows at a time.
  // "Show more" counts for the list it was pressed on: a new list (filter, revalidation) starts at PAGE again.
  const [more, setMore] = createSignal<{ list: unknown; shown: number }>();
  const shown = () => {
    const pressed = more();
    return pressed && pressed.list === items() ? pressed.shown : PAGE;
  };
  const visible = () => ordered().slice(0, shown());

  return (
    <Show when={can().assignments} fallback={<NoAccess />}>
      <PageHeader
        title={ta("list.title")}
        actions={
          <Show when={can().manage}>
            <A class="button button--primary" href="/assignments/new">
              <Icon name="plus" />
              {ta("list.new")}
            </A>
          </Show>
        }
      />
      <Show when={can().rounds}>
        <PlanningTabs
          current="visits"
          labels={{
            nav: ta("tabs.label"),
            visits: ta("tabs.visits"),
            rounds: ta("tabs.rounds"),
            reliability: ta("tabs.reliability"),
          }}
        />
      </Show>
      <section class="filters assignment-filters" aria-label={tOffice("common.filters")}>
        <BranchPicker
          label={ta("picker.search")}
          mode="filter"
          value={filter().branchId ?? ""}
          onChange={(branch) => setParams({ branchId: branch?.id }, { replace: true })}
        />
        <div class="filters__row">
          <SelectField
            name="status"
            label={ta("list.status")}
            value={status()}
            options={[
              ...ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: ta(`status.${s}`) })),
              { value: "all", label: ta("list.allStatuses") },
            ]}
            onChange={(value) => setParams({ status: value === "open" ? undefined : value }, { replace: true })}
          />
          <Show when={can().users}>
            <SelectField
              name="shopperId"
              label={ta("list.shopper")}
              value={filter().shopperId ?? ""}
              placeholder={ta("list.allShoppers")}
              options={(shoppers() ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
              onChange={(shopperId) => setParams({ shopperId: shopperId || undefined }, { replace: true })}
            />
          </Show>
        </div>
      </section>
      <Show when={items()}>
        {(all) => (
          <Show
            when={all().length > 0}
            fallback={
              <Empty>
                {status() === "open" && !filter().branchId && !filter().shopperId
                  ? ta("list.emptyOpen")
                  : ta("list.empty")}
              </Empty>
            }
          >
            <Show when={all().length >= ASSIGNMENT_LIST_CAP}>
              <p class="assignment-note assignment-note--capped">{ta("list.capped")}</p>
            </Show>
            <ul class="list" aria-label={ta("list.title")}>
              <For each={visible()}>{(assignment) => <AssignmentRow assignment={assignment} />}</For>
            </ul>
            <p class="list-footer" aria-live="polite">
              {ta("list.showing", { shown: visible().length, total: all().length })}
            </p>
            <Show when={shown() < all().length}>
              <button
                type="button"
                class="button button--secondary button--block"
                onClick={() => setMore({ list: items(), shown: shown() + PAGE })}
              >
                {ta("list.showMore")}
              </button>
            </Show>
          </Show>
        )}
      </Show>
    </Show>
  );
}
