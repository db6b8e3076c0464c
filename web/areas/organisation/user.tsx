import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { Badge } from "../../components/badge";
import { EditButton } from "../../components/edit-button";
import { TextField } from "../../components/field";
import { FormSuccess } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { statusTone } from "../../lib/labels";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities, useMe } from "../../lib/session";
import type { InvitationLink, Locale, Member, MembershipStatus, Role } from "../../lib/types";
import { CopyLink } from "./components/copy-link";
import { RoleScopeFields, scopeFor } from "./components/role-scope-fields";
import { ShopperCoverage } from "./components/shopper-coverage";
import { reopenOnCurrent, VersionedFormError } from "./components/stale-notice";
import { tm } from "./organisation-i18n";
import "./people.css";
import { localName } from "../../lib/formats";
import { formatDate, formatDateTime } from "../../lib/office-formats";
import { personName } from "../../lib/person-name";
import { tr } from "../../lib/roles-i18n";
import { getBranches, getRegions, getUser, getUsers } from "./queries";

/** Names of the regions or branches a member's scope lists. */
function ScopeNames(props: { member: Member }) {
  const role = () => props.member.role as Role;
  const regions = createAsync(() => (role() === "regional_manager" ? getRegions() : Promise.resolve([])));
  const branches = createAsync(() =>
    role() === "branch_manager" ? getBranches({ limit: 200 }) : Promise.resolve(undefined),
  );
  const names = () => {
    if (role() === "regional_manager")
      return (regions() ?? []).filter((r) => props.member.regionIds.includes(r.id)).map((r) => localName(r.name));
    if (role() === "branch_manager")
      return (branches()?.items ?? [])
        .filter((b) => props.member.branchIds.includes(b.id))
        .map((b) => `${localName(b.name)} (${b.code})`);
    return [];
  };
  return (
    <Show
      when={role() === "regional_manager" || role() === "branch_manager"}
      fallback={["admin", "analyst", "reviewer"].includes(role()) ? tm("users.wholeOrganization") : tm("users.noScope")}
    >
      <ul class="plain-list">
        <For each={names()}>{(name) => <li>{name}</li>}</For>
      </ul>
    </Show>
  );
}

function EditMember(props: { member: Member; self: boolean; onDone: (saved: boolean) => void; onReload: () => void }) {
  const [values, setValues] = createStore({
    displayName: props.member.displayName,
    role: props.member.role as Role,
    regionIds: [...props.member.regionIds],
    branchIds: [...props.member.branchIds],
  });
  const form = createFormState();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const ok = await form.run(async () => {
      await call(
        api.users[":id"].$patch({
          param: { id: props.member.id },
          json: props.self
            ? { displayName: values.displayName, version: props.member.version }
            : {
                version: props.member.version,
                displayName: values.displayName,
                role: values.role,
                ...scopeFor(values.role, values.regionIds, values.branchIds),
              },
        }),
      );
      await revalidate([getUser.key, getUsers.key]);
      return true;
    }, event.currentTarget as HTMLFormElement);
    if (ok) props.onDone(true);
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <TextField
        name="displayName"
        label={tm("users.displayName")}
        hint={tm("users.displayNameHint")}
        value={values.displayName}
        onInput={(v) => setValues("displayName", v)}
        error={form.errorFor("displayName")}
        maxLength={100}
        required
      />
      <RoleScopeFields
        role={values.role}
        regionIds={values.regionIds}
        branchIds={values.branchIds}
        onRole={(role) => setValues("role", role)}
        onRegions={(ids) => setValues("regionIds", ids)}
        onBranches={(ids) => setValues("branchIds", ids)}
        errorFor={form.errorFor}
        disabled={props.self}
        hint={props.self ? tm("users.selfNote") : undefined}
      />
      <VersionedFormError
        problem={form.problem()}
        fields={["displayName", "role", "regionIds", "branchIds"]}
        onReload={() => props.onReload()}
      />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={tOffice("common.save")} pendingLabel={tOffice("common.saving")} />
        <button type="button" class="button button--ghost" onClick={() => props.onDone(false)}>
          {tOffice("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function StatusActions(props: { member: Member; onNotice: (message: string) => void }) {
  const form = createFormState();
  const [confirming, setConfirming] = createSignal(false);
  const [link, setLink] = createSignal<InvitationLink>();

  async function setStatus(status: "active" | "deactivated") {
    const ok = await form.run(async () => {
      await call(
        api.users[":id"].$patch({ param: { id: props.member.id }, json: { status, version: props.member.version } }),
      );
      await revalidate([getUser.key, getUsers.key]);
      return true;
    });
    if (ok) {
      setConfirming(false);
      props.onNotice(status === "active" ? tm("users.reactivated") : tm("users.deactivated"));
    }
  }

  async function reissue() {
    const created = await form.run(() => call(api.users[":id"].invitation.$post({ param: { id: props.member.id } })));
    if (created) setLink(created);
  }

  const status = () => props.member.status as MembershipStatus;

  return (
    <section class="card" aria-labelledby="status-title">
      <h2 class="section-title" id="status-title">
        {tm("users.statusTitle")}
      </h2>
      <p>
        {status() === "active"
          ? tm("users.activeNote")
          : status() === "invited"
            ? tm("users.invitedNote")
            : tm("users.deactivatedNote")}
      </p>
      <Show when={status() === "invited"}>
        <Show when={link()}>
          {(l) => (
            <CopyLink
              url={l().url}
              label={tm("users.linkLabel")}
              hint={tm("users.linkHint", { email: props.member.email, date: formatDateTime(l().expiresAt) })}
            />
          )}
        </Show>
        <div class="form__actions">
          <SubmitButton
            type="button"
            variant="secondary"
            pending={form.pending()}
            label={tm("users.reissue")}
            pendingLabel={tm("users.reissuing")}
            onClick={reissue}
          />
        </div>
        <p class="field__hint">{tm("users.reissueNote")}</p>
      </Show>
      <Show when={status() === "deactivated"}>
        <div class="form__actions">
          <SubmitButton
            type="button"
            variant="secondary"
            pending={form.pending()}
            label={tm("users.reactivate")}
            pendingLabel={tOffice("common.saving")}
            onClick={() => setStatus("active")}
          />
        </div>
      </Show>
      <Show when={status() !== "deactivated"}>
        <Show
          when={confirming()}
          fallback={
            <div class="form__actions">
              <button type="button" class="button button--danger-ghost" onClick={() => setConfirming(true)}>
                {tm("users.deactivate")}
              </button>
            </div>
          }
        >
          <div class="confirm">
            <p>{tm("users.deactivateConfirm", { name: personName(props.member.displayName) })}</p>
            <div class="form__actions">
              <SubmitButton
                type="button"
                variant="danger"
                pending={form.pending()}
                label={tm("users.confirmDeactivate")}
                pendingLabel={tOffice("common.saving")}
                onClick={() => setStatus("deactivated")}
              />
              <button type="button" class="button button--ghost" onClick={() => setConfirming(false)}>
                {tOffice("common.cancel")}
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <VersionedFormError
        problem={form.problem()}
        fields={[]}
        onReload={async () => {
          await revalidate([getUser.key, getUsers.key]);
          form.clear();
        }}
      />
    </section>
  );
}

/** How often a shopper declined a visit they were given or had claimed (admins read it from the shopper's profile). */
function ShopperDeclines(props: { userId: string }) {
  const profile = createAsync(() =>
    call(api.shoppers[":membershipId"].profile.$get({ param: { membershipId: props.userId } })),
  );
  return (
    <div>
      <dt>{tm("users.declines")}</dt>
      <dd>
        <Show when={profile()?.declines} fallback="…">
          {(d) => tm("users.declinesValue", { total: d().total, late: d().late, recent: d().last90Days })}
        </Show>
      </dd>
    </div>
  );
}

export default function UserPage() {
  const params = useParams<{ id: string }>();
  const me = useMe();
  const can = useAbilities();
  const member = createAsync(() => (can().users ? getUser(params.id) : Promise.resolve(undefined)));
  const [editing, setEditing] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const self = () => member()?.id === me().user.id;

  return (
    <Show when={can().users} fallback={<NoAccess />}>
      <Show when={member()}>
        {(m) => (
          <>
            <PageHeader
              title={personName(m().displayName)}
              subtitle={m().email}
              back={{ href: "/users", label: tm("users.title") }}
              actions={
                <EditButton
                  when={can().manage && !editing()}
                  label={tOffice("common.edit")}
                  onEdit={() => {
                    setNotice(undefined);
                    setEditing(true);
                  }}
                />
              }
            />
            <FormSuccess message={notice()} />
            <Show
              when={editing()}
              fallback={
                <section class="card">
                  <div class="badges">
                    <Badge tone="neutral">{tr(m().role as Role)}</Badge>
                    <Badge tone={statusTone(m().status)}>{tm(`statuses.${m().status as MembershipStatus}`)}</Badge>
                    <Show when={self()}>
                      <Badge tone="accent">{tm("users.you")}</Badge>
                    </Show>
                  </div>
                  <dl class="facts">
                    <div>
                      <dt>{tm("users.email")}</dt>
                      <dd>{m().email}</dd>
                    </div>
                    <div>
                      <dt>{tm("users.role")}</dt>
                      <dd>
                        {tr(m().role as Role)}
                        <span class="facts__note">{tm(`roleHints.${m().role as Role}`)}</span>
                      </dd>
                    </div>
                    <div>
                      <dt>{tm("users.scope")}</dt>
                      <dd>
                        <ScopeNames member={m()} />
                      </dd>
                    </div>
                    <div>
                      <dt>{tm("users.language")}</dt>
                      <dd>{tOffice(`locales.${m().locale as Locale}`)}</dd>
                    </div>
                    <div>
                      <dt>{tm("users.added")}</dt>
                      <dd>{formatDate(m().createdAt)}</dd>
                    </div>
                    <Show when={can().manage && m().role === "shopper"}>
                      <ShopperDeclines userId={m().id} />
                    </Show>
                  </dl>
                </section>
              }
            >
              <section class="card" aria-labelledby="edit-user-title">
                <h2 class="section-title" id="edit-user-title">
                  {tOffice("common.edit")}
                </h2>
                <EditMember
                  member={m()}
                  self={self()}
                  onDone={(saved) => {
                    setEditing(false);
                    if (saved) setNotice(tOffice("common.saved"));
                  }}
                  onReload={reopenOnCurrent(setEditing, [getUser.key, getUsers.key])}
                />
              </section>
            </Show>
            <Show when={can().manage && m().role === "shopper"}>
              <ShopperCoverage userId={m().id} canEdit={can().manage} />
            </Show>
            <Show when={can().manage}>
              <Show
                when={!self()}
                fallback={
                  <section class="card">
                    <p class="field__hint">{tm("users.selfNote")}</p>
                  </section>
                }
              >
                <StatusActions member={m()} onNotice={setNotice} />
              </Show>
            </Show>
          </>
        )}
      </Show>
    </Show>
  );
}
