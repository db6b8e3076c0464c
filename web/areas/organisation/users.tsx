import { createAsync, useSearchParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { SelectField } from "../../components/field";
import { Icon } from "../../components/icon";
import { A } from "../../components/link";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SearchBox } from "../../components/search-box";
import { statusTone } from "../../lib/labels";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import { MEMBERSHIP_STATUSES, type MembershipStatus, ROLES, type Role } from "../../lib/types";
import { tm } from "./organisation-i18n";
import "./people.css";
import "../../styles/lists.css";
import { personName } from "../../lib/person-name";
import { tr } from "../../lib/roles-i18n";
import { getUsers, userFilter } from "./queries";

export default function Users() {
  const me = useMe();
  const can = useAbilities();
  const [params, setParams] = useSearchParams();

  const filter = () => userFilter(params);
  const users = createAsync(() => (can().users ? getUsers(filter()) : Promise.resolve([])));

  return (
    <Show when={can().users} fallback={<NoAccess />}>
      <PageHeader
        title={tm("users.title")}
        actions={
          <Show when={can().manage}>
            <A class="button button--secondary" href="/import/members">
              {tm("imports.open")}
            </A>
            <A class="button button--primary" href="/users/invite">
              <Icon name="plus" />
              {tm("users.invite")}
            </A>
          </Show>
        }
      />
      <section class="filters" aria-label={tOffice("common.filters")}>
        <SearchBox
          label={tm("users.search")}
          placeholder={tm("users.searchPlaceholder")}
          value={filter().q ?? ""}
          onSearch={(q) => setParams({ q: q || undefined }, { replace: true })}
        />
        <div class="filters__row">
          <SelectField
            name="role"
            label={tm("users.role")}
            value={filter().role ?? ""}
            placeholder={tm("users.allRoles")}
            options={ROLES.map((r) => ({ value: r, label: tr(r) }))}
            onChange={(role) => setParams({ role: role || undefined }, { replace: true })}
          />
          <SelectField
            name="status"
            label={tm("users.status")}
            value={filter().status ?? ""}
            placeholder={tm("users.allStatuses")}
            options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: tm(`statuses.${s}`) }))}
            onChange={(status) => setParams({ status: status || undefined }, { replace: true })}
          />
        </div>
      </section>
      <Show when={users()}>
        {(list) => (
          <Show when={list().length} fallback={<Empty>{tm("users.empty")}</Empty>}>
            <ul class="list" aria-label={tm("users.title")}>
              <For each={list()}>
                {(user) => (
                  <li>
                    <A class="row" href={`/users/${user.id}`}>
                      <span class="row__main">
                        <span class="row__title">
                          {personName(user.displayName)}
                          <Show when={user.id === me().user.id}>
                            <span class="row__you"> ({tm("users.you")})</span>
                          </Show>
                        </span>
                        <span class="row__meta">
                          <span class="row__email">{user.email}</span>
                        </span>
                        <span class="row__tags">
                          <Badge tone="neutral">{tr(user.role as Role)}</Badge>
                          <Show when={user.status !== "active"}>
                            <Badge tone={statusTone(user.status)}>
                              {tm(`statuses.${user.status as MembershipStatus}`)}
                            </Badge>
                          </Show>
                        </span>
                      </span>
                      <Icon name="chevron" class="row__chevron" />
                    </A>
                  </li>
                )}
              </For>
            </ul>
            <p class="list-footer" aria-live="polite">
              {tOffice("common.showing", list().length)}
            </p>
          </Show>
        )}
      </Show>
    </Show>
  );
}
