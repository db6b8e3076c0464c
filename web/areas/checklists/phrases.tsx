/**
 * Head office's forbidden-phrase list (`/checklists/phrases`): what the transcript check looks
 * for, per language, with the checklist question a match fails and a better wording. Admins
 * add and edit phrases (a phrase is switched off, never deleted: the trail keeps its history);
 * analysts, reviewers and managers read the list.
 */
import "../../components/transcript-check.css";
import { createAsync, query, revalidate } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { FormError, FormSuccess } from "../../components/form-error";
import { Icon } from "../../components/icon";
import { Empty, NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { tt } from "../../components/transcript-check-i18n";
import { api, call, isProblem, type Problem } from "../../lib/api";
import { useAbilities } from "../../lib/session";

type PhraseItem = InferResponseType<(typeof api)["phrase-lists"]["$get"], 200>["phrases"][number];
type Locale = "en" | "zh";

export const getPhrases = query(async () => (await call(api["phrase-lists"].$get())).phrases, "phrase-lists");

interface Values {
  locale: Locale;
  pattern: string;
  itemKey: string;
  better: string;
  active: boolean;
}

function PhraseForm(props: {
  initial: Values;
  /** A new phrase picks its language; an existing one keeps it and may be switched off. */
  isNew: boolean;
  itemKeys: readonly string[];
  save: (values: Values) => Promise<void>;
  onCancel?: () => void;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [values, setValues] = createSignal<Values>({ ...props.initial });
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const errorOf = (path: string) => problem()?.errors.find((e) => e.path === path)?.message;
  const listId = `phrase-items-${props.isNew ? "new" : "edit"}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setPending(true);
    setProblem(undefined);
    try {
      await props.save(values());
    } catch (error) {
      if (!isProblem(error)) throw error;
      setProblem(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <form class="phrase-form" onSubmit={submit}>
      <Show when={props.isNew}>
        <label class="field">
          <span class="field__label">{tt("list.locale")}</span>
          <select
            class="input select"
            value={values().locale}
            onChange={(e) => set({ locale: e.currentTarget.value as Locale })}
          >
            <option value="en">{tt("languages.en")}</option>
            <option value="zh">{tt("languages.zh")}</option>
          </select>
        </label>
      </Show>
      <label class="field">
        <span class="field__label">{tt("list.pattern")}</span>
        <input
          class="input"
          name="pattern"
          required
          maxLength={200}
          value={values().pattern}
          aria-invalid={errorOf("pattern") ? "true" : undefined}
          onInput={(e) => set({ pattern: e.currentTarget.value })}
        />
        <Show when={errorOf("pattern")}>{(message) => <span class="field__error">{message()}</span>}</Show>
      </label>
      <label class="field">
        <span class="field__label">{tt("list.itemKey")}</span>
        <input
          class="input"
          name="itemKey"
          list={listId}
          maxLength={64}
          value={values().itemKey}
          onInput={(e) => set({ itemKey: e.currentTarget.value })}
        />
        <datalist id={listId}>
          <For each={props.itemKeys}>{(key) => <option value={key} />}</For>
        </datalist>
      </label>
      <label class="field">
        <span class="field__label">{tt("list.better")}</span>
        <input
          class="input"
          name="better"
          required
          maxLength={500}
          value={values().better}
          onInput={(e) => set({ better: e.currentTarget.value })}
        />
      </label>
      <Show when={!props.isNew}>
        <label class="check">
          <input
            type="checkbox"
            class="check__box"
            checked={values().active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
          <span>{tt("list.active")}</span>
        </label>
      </Show>
      <FormError problem={problem()} fields={["pattern"]} />
      <div class="form__actions">
        <SubmitButton pending={pending()} label={props.submitLabel} pendingLabel={props.pendingLabel} />
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button--ghost" onClick={() => cancel()()}>
              {tt("list.cancel")}
            </button>
          )}
        </Show>
      </div>
    </form>
  );
}

function PhraseRow(props: { phrase: PhraseItem; editable: boolean; itemKeys: readonly string[]; onSaved: () => void }) {
  const [editing, setEditing] = createSignal(false);
  return (
    <li class="phrase-row" data-phrase={props.phrase.pattern}>
      <Show
        when={editing()}
        fallback={
          <div class="phrase-row__view">
            <div class="phrase-row__main">
              <mark class="transcript-check__mark phrase-row__pattern">{props.phrase.pattern}</mark>
              <span class="transcript-check__better">{props.phrase.better}</span>
            </div>
            <div class="phrase-row__meta">
              <span class="code">{props.phrase.itemKey ?? tt("list.noItem")}</span>
              <Badge tone={props.phrase.active ? "success" : "neutral"}>
                {props.phrase.active ? tt("list.active") : tt("list.inactive")}
              </Badge>
              <Show when={props.editable}>
                <button type="button" class="button button--ghost" onClick={() => setEditing(true)}>
                  {tt("list.edit")}
                </button>
              </Show>
            </div>
          </div>
        }
      >
        <PhraseForm
          isNew={false}
          initial={{
            locale: props.phrase.locale,
            pattern: props.phrase.pattern,
            itemKey: props.phrase.itemKey ?? "",
            better: props.phrase.better,
            active: props.phrase.active,
          }}
          itemKeys={props.itemKeys}
          submitLabel={tt("list.save")}
          pendingLabel={tt("list.saving")}
          onCancel={() => setEditing(false)}
          save={async (values) => {
            await call(
              api["phrase-lists"][":id"].$patch({
                param: { id: props.phrase.id },
                json: {
                  version: props.phrase.version,
                  pattern: values.pattern,
                  itemKey: values.itemKey.trim() || null,
                  better: values.better,
                  active: values.active,
                },
              }),
            );
            await revalidate(getPhrases.key);
            setEditing(false);
            props.onSaved();
          }}
        />
      </Show>
    </li>
  );
}

export default function Phrases() {
  const can = useAbilities();
  const phrases = createAsync(() => (can().phrases ? getPhrases() : Promise.resolve(undefined)));
  const [adding, setAdding] = createSignal(false);
  const [notice, setNotice] = createSignal<string>();
  const itemKeys = () => [...new Set((phrases() ?? []).flatMap((p) => (p.itemKey ? [p.itemKey] : [])))].sort();

  return (
    <Show when={can().phrases} fallback={<NoAccess />}>
      <PageHeader
        title={tt("list.title")}
        back={can().checklists ? { href: "/checklists", label: tt("back") } : undefined}
        actions={
          <Show when={can().manage && !adding()}>
            <button
              type="button"
              class="button button--primary"
              onClick={() => {
                setNotice(undefined);
                setAdding(true);
              }}
            >
              <Icon name="plus" />
              {tt("list.add")}
            </button>
          </Show>
        }
      />
      <p class="card__intro">{tt("list.intro")}</p>
      <Show when={!can().manage}>
        <p class="card__intro">{tt("list.readOnly")}</p>
      </Show>
      <Show when={adding()}>
        <section class="card" aria-labelledby="new-phrase-title">
          <h2 class="section-title" id="new-phrase-title">
            {tt("list.add")}
          </h2>
          <PhraseForm
            isNew
            initial={{ locale: "en", pattern: "", itemKey: "", better: "", active: true }}
            itemKeys={itemKeys()}
            submitLabel={tt("list.add")}
            pendingLabel={tt("list.adding")}
            onCancel={() => setAdding(false)}
            save={async (values) => {
              await call(
                api["phrase-lists"].$post({
                  json: {
                    locale: values.locale,
                    pattern: values.pattern,
                    itemKey: values.itemKey.trim() || null,
                    better: values.better,
                  },
                }),
              );
              await revalidate(getPhrases.key);
              setAdding(false);
              setNotice(tt("list.added"));
            }}
          />
        </section>
      </Show>
      <FormSuccess message={notice()} />
      <Show when={phrases()}>
        {(list) => (
          <For each={["en", "zh"] as const}>
            {(locale) => {
              const mine = () => list().filter((p) => p.locale === locale);
              return (
                <section class="phrase-section" aria-labelledby={`phrases-${locale}`}>
                  <h2 class="section-title" id={`phrases-${locale}`}>
                    {`${tt(`languages.${locale}`)} · ${tt("list.count", mine().length)}`}
                  </h2>
                  <Show when={mine().length} fallback={<Empty>{tt("list.empty")}</Empty>}>
                    <ul class="phrase-list">
                      <For each={mine()}>
                        {(phrase) => (
                          <PhraseRow
                            phrase={phrase}
                            editable={can().manage}
                            itemKeys={itemKeys()}
                            onSaved={() => setNotice(tt("list.saved"))}
                          />
                        )}
                      </For>
                    </ul>
                  </Show>
                </section>
              );
            }}
          </For>
        )}
      </Show>
    </Show>
  );
}
