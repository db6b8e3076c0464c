/**
 * The fields an action's forms share: the owner (me, a member when the reader may list members,
 * or a free-text name: staff need not have accounts), the due date (a list of days in the app's
 * language, as the planning form does), a text area, and an optional photo prepared like the
 * shopper's evidence (downscaled, addressed by its SHA-256) and uploaded before the change.
 */
import { createAsync } from "@solidjs/router";
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { describedBy, FieldFrame, SelectField, TextField } from "../../../components/field";
import { api, call, type FieldProblem } from "../../../lib/api";
import { fieldErrorMessage } from "../../../lib/field-errors";
import { preparePhoto } from "../../../lib/photos";
import { useAbilities, useMe } from "../../../lib/session";
import { getUsers } from "../../organisation/queries";
import { windowDayChoices } from "../../planning/window-days";
import { tx } from "../actions-i18n";
import { formatDay } from "./action-parts";

export type OwnerChoice = { kind: "me" } | { kind: "member"; userId: string } | { kind: "name"; name: string };

/** The owner as the API takes it (`{userId}` or `{name}`). */
export function ownerBody(choice: OwnerChoice, myId: string): { userId: string } | { name: string } {
  if (choice.kind === "me") return { userId: myId };
  if (choice.kind === "member") return { userId: choice.userId };
  return { name: choice.name.trim() };
}

/** The choice that shows an action's current owner. */
export function ownerChoice(owner: { userId: string | null; name: string }, myId: string): OwnerChoice {
  if (owner.userId === myId) return { kind: "me" };
  return owner.userId ? { kind: "member", userId: owner.userId } : { kind: "name", name: owner.name };
}

export function OwnerField(props: {
  value: OwnerChoice;
  onChange: (choice: OwnerChoice) => void;
  error?: FieldProblem | undefined;
  /** The owner's name when they are a member the reader cannot list. */
  current?: { userId: string | null; name: string } | undefined;
}) {
  const id = createUniqueId();
  const me = useMe();
  const can = useAbilities();
  // Only head office may list members (GET /users); everyone else names the owner.
  const members = createAsync(() => (can().users ? getUsers({ status: "active" }) : Promise.resolve([])));
  const memberOptions = () => {
    const list = (members() ?? [])
      .filter((m) => m.role !== "shopper" && m.id !== me().user.id)
      .map((m) => ({ value: m.id, label: m.displayName }));
    const current = props.current;
    if (current?.userId && current.userId !== me().user.id && !list.some((o) => o.value === current.userId)) {
      list.unshift({ value: current.userId, label: current.name });
    }
    return list;
  };
  const kinds = () => (memberOptions().length ? (["me", "member", "name"] as const) : (["me", "name"] as const));
  const pick = (kind: OwnerChoice["kind"]) => {
    if (kind === "me") props.onChange({ kind: "me" });
    else if (kind === "member") props.onChange({ kind: "member", userId: memberOptions()[0]?.value ?? "" });
    else props.onChange({ kind: "name", name: "" });
  };
  return (
    <fieldset class="field action-owner">
      <legend class="field__label">{tx("form.owner")}</legend>
      <div class="action-owner__kinds">
        <For each={kinds()}>
          {(kind) => (
            <label class="check">
              <input
                class="check__box"
                type="radio"
                name={`${id}-owner`}
                value={kind}
                checked={props.value.kind === kind}
                onChange={() => pick(kind)}
              />
              <span class="check__label">
                {tx(kind === "me" ? "form.ownerMe" : kind === "member" ? "form.ownerMember" : "form.ownerName")}
              </span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.value.kind === "member" && props.value}>
        {(choice) => (
          <SelectField
            name="ownerUserId"
            label={tx("form.member")}
            value={(choice() as { userId: string }).userId}
            options={memberOptions()}
            onChange={(userId) => props.onChange({ kind: "member", userId })}
            error={props.error}
          />
        )}
      </Show>
      <Show when={props.value.kind === "name" && props.value}>
        {(choice) => (
          <TextField
            name="ownerName"
            label={tx("form.name")}
            hint={tx("form.nameHint")}
            value={(choice() as { name: string }).name}
            maxLength={120}
            autocomplete="off"
            onInput={(name) => props.onChange({ kind: "name", name })}
            error={props.error}
          />
        )}
      </Show>
      <Show when={props.value.kind === "me" && props.error}>
        <p class="field__error">{fieldErrorMessage(props.error as FieldProblem)}</p>
      </Show>
    </fieldset>
  );
}

/** Today in the browser's calendar (YYYY-MM-DD). */
export function today(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function DueDateField(props: {
  value: string;
  onChange: (day: string) => void;
  error?: FieldProblem | undefined;
}) {
  return (
    <SelectField
      name="dueDate"
      label={tx("form.dueDate")}
      value={props.value}
      options={windowDayChoices(today(), props.value).map((day) => ({ value: day, label: formatDay(day, true) }))}
      onChange={props.onChange}
      error={props.error}
    />
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  onInput: (value: string) => void;
  error?: FieldProblem | undefined;
  maxLength: number;
}) {
  const id = createUniqueId();
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        class="input textarea"
        id={id}
        name={props.name}
        rows="3"
        maxLength={props.maxLength}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  );
}

export interface PreparedPhoto {
  blob: Blob;
  sha256: string;
  contentType: string;
  preview: string;
}

/** Uploads a prepared photo (`PUT /evidence/:sha256`; the same bytes twice are harmless) and gives its hash. */
export async function uploadPhoto(photo: PreparedPhoto): Promise<string> {
  await call(
    api.evidence[":sha256"].$put(
      { param: { sha256: photo.sha256 } },
      { init: { method: "PUT", body: photo.blob, headers: { "Content-Type": photo.contentType } } },
    ),
  );
  return photo.sha256;
}

export function PhotoField(props: {
  value: PreparedPhoto | undefined;
  onChange: (photo: PreparedPhoto | undefined) => void;
  error?: FieldProblem | undefined;
}) {
  const id = createUniqueId();
  const [failed, setFailed] = createSignal(false);
  const [preparing, setPreparing] = createSignal(false);
  async function choose(file: File | undefined) {
    setFailed(false);
    if (!file) return;
    setPreparing(true);
    try {
      const prepared = await preparePhoto(file);
      props.onChange({ ...prepared, preview: URL.createObjectURL(prepared.blob) });
    } catch {
      setFailed(true);
    } finally {
      setPreparing(false);
    }
  }
  return (
    <FieldFrame id={id} label={tx("steps.photo")} hint={tx("steps.photoHint")} error={props.error} optional>
      <Show
        when={props.value}
        fallback={
          // A button in the app's language: the browser's own file input speaks the browser's.
          <label class="button button--secondary action-photo__add">
            <input
              class="visually-hidden"
              id={id}
              name="photo"
              type="file"
              accept="image/*"
              capture="environment"
              disabled={preparing()}
              aria-describedby={describedBy(id, true, props.error)}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = "";
                void choose(file);
              }}
            />
            {preparing() ? tx("steps.preparingPhoto") : tx("steps.addPhoto")}
          </label>
        }
      >
        {(photo) => (
          <div class="action-photo">
            <img src={photo().preview} alt={tx("steps.photoChosen")} width="96" height="96" />
            <button
              type="button"
              class="button button--secondary button--small"
              onClick={() => props.onChange(undefined)}
            >
              {tx("steps.removePhoto")}
            </button>
          </div>
        )}
      </Show>
      <Show when={failed()}>
        <p class="notice notice--error">{tx("steps.photoFailed")}</p>
      </Show>
    </FieldFrame>
  );
}
