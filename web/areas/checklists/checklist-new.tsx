import "./checklists.css";
import { createAsync, revalidate, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { SelectField, TextField } from "../../components/field";
import { FormError } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call, type FieldProblem, Problem } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { problemMessage, t } from "../../lib/i18n";
import { useAbilities } from "../../lib/session";
import { CHANNELS, type Channel } from "../../lib/types";
import { type ChecklistDocument, importedDocument, starterDocument } from "./checklist-document";
import { checklistProblemMessage, describePath, tc } from "./checklist-i18n";
import { checklistKeys, getChecklistTemplates } from "./checklist-queries";

type Start = "blank" | "template" | "import";

/** Creates the checklist (its first version is a draft) and opens it in the builder. */
async function create(document: ChecklistDocument): Promise<string> {
  const created = await call(api.checklists.$post({ json: document }));
  await revalidate(checklistKeys);
  return created.version.id;
}

const nameError = (problem: Problem | undefined, path: string) => problem?.errors.find((e) => e.path === path);

function BlankForm(props: { onCreated: (versionId: string) => void }) {
  const form = createFormState();
  const [nameEn, setNameEn] = createSignal("");
  const [nameZh, setNameZh] = createSignal("");
  const [channel, setChannel] = createSignal("");

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const versionId = await form.run(
      () => create(starterDocument({ en: nameEn(), zh: nameZh() }, channel() as Channel)),
      event.currentTarget as HTMLFormElement,
    );
    if (versionId) props.onCreated(versionId);
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <div class="form__pair">
        <TextField
          name="nameEn"
          label={tc("create.nameEn")}
          value={nameEn()}
          onInput={setNameEn}
          error={nameError(form.problem(), "name.en")}
          maxLength={120}
          required
        />
        <TextField
          name="nameZh"
          label={tc("create.nameZh")}
          value={nameZh()}
          onInput={setNameZh}
          error={nameError(form.problem(), "name.zh")}
          maxLength={120}
          required
        />
      </div>
      <SelectField
        name="channel"
        label={tc("create.channel")}
        value={channel()}
        placeholder={tc("create.chooseChannel")}
        options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
        onChange={setChannel}
        hint={tc("create.channelHint")}
        error={nameError(form.problem(), "channel")}
        required
      />
      <FormError problem={form.problem()} fields={["name", "channel"]} />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={tc("create.submit")} pendingLabel={tc("create.submitting")} />
      </div>
    </form>
  );
}

function TemplateForm(props: { onCreated: (versionId: string) => void }) {
  const form = createFormState();
  const templates = createAsync(() => getChecklistTemplates());
  const [chosen, setChosen] = createSignal(-1);
  const [nameEn, setNameEn] = createSignal("");
  const [nameZh, setNameZh] = createSignal("");
  const name = createUniqueId();
  // The first template is chosen to begin with: one click fewer for the usual case.
  createEffect(() => {
    if (chosen() < 0 && (templates()?.length ?? 0) > 0) choose(0);
  });

  function choose(index: number) {
    const template = templates()?.[index];
    if (!template) return;
    setChosen(index);
    setNameEn(template.name.en);
    setNameZh(template.name.zh);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const template = templates()?.[chosen()];
    const versionId = await form.run(async () => {
      if (!template) {
        throw new Problem({
          status: 400,
          code: "validation_failed",
          title: "Choose a template",
          errors: [{ path: "template", code: "required", message: "Choose a template" }],
        });
      }
      return create({ ...template.document, name: { en: nameEn(), zh: nameZh() } });
    }, event.currentTarget as HTMLFormElement);
    if (versionId) props.onCreated(versionId);
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset class="fieldset">
        <legend class="fieldset__legend">{tc("create.chooseTemplate")}</legend>
        <div class="choice-cards">
          <For each={templates() ?? []}>
            {(template, i) => (
              <label class="choice-card">
                <input
                  class="choice-card__input"
                  type="radio"
                  name={name}
                  value={i()}
                  checked={chosen() === i()}
                  onChange={() => choose(i())}
                />
                <span class="choice-card__body">
                  <span class="choice-card__title">{localName(template.name)}</span>
                  <span class="choice-card__hint">
                    {tc("create.templateSummary", {
                      channel: t(`channels.${template.channel}`),
                      sections: template.document.sections.length,
                      items: template.document.sections.reduce((n, s) => n + s.items.length, 0),
                    })}
                  </span>
                </span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={chosen() >= 0}>
        <div class="form__pair">
          <TextField
            name="nameEn"
            label={tc("create.nameEn")}
            value={nameEn()}
            onInput={setNameEn}
            error={nameError(form.problem(), "name.en")}
            maxLength={120}
            required
          />
          <TextField
            name="nameZh"
            label={tc("create.nameZh")}
            value={nameZh()}
            onInput={setNameZh}
            error={nameError(form.problem(), "name.zh")}
            maxLength={120}
            required
          />
        </div>
      </Show>
      <FormError problem={form.problem()} fields={["name"]} />
      <div class="form__actions">
        <SubmitButton pending={form.pending()} label={tc("create.submit")} pendingLabel={tc("create.submitting")} />
      </div>
    </form>
  );
}

const MAX_FILE = 1024 * 1024;

function ImportForm(props: { onCreated: (versionId: string) => void }) {
  const id = createUniqueId();
  const [parsed, setParsed] = createSignal<{ document: ChecklistDocument; fileName: string }>();
  const [fileError, setFileError] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const [problem, setProblem] = createSignal<Problem>();

  async function read(file: File | undefined) {
    setParsed(undefined);
    setFileError(undefined);
    setProblem(undefined);
    if (!file) return;
    if (file.size > MAX_FILE) return setFileError(tc("create.tooLarge"));
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setFileError(tc("create.notJson"));
    }
    const document = importedDocument(json);
    if (!document) return setFileError(tc("create.notDocument"));
    setParsed({ document, fileName: file.name });
  }

  const summary = () => {
    const doc = parsed()?.document;
    if (!doc) return "";
    return tc("create.fileSummary", {
      name: localName(doc.name) || parsed()?.fileName || "",
      sections: doc.sections.length,
      items: doc.sections.reduce((n, s) => n + (Array.isArray(s?.items) ? s.items.length : 0), 0),
    });
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const file = parsed();
    if (!file || pending()) return;
    setPending(true);
    setProblem(undefined);
    try {
      props.onCreated(await create(file.document));
    } catch (error) {
      setProblem(error instanceof Problem ? error : new Problem({ status: 0, code: "client_error", title: "Error" }));
    } finally {
      setPending(false);
    }
  }

  const errors = (): FieldProblem[] => problem()?.errors ?? [];

  return (
    <form class="form" onSubmit={submit} noValidate>
      <div class="field" classList={{ "field--invalid": !!fileError() }}>
        <label class="field__label" for={id}>
          {tc("create.file")}
        </label>
        <input
          class="input file-input"
          id={id}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${id}-hint ${id}-error`}
          aria-invalid={fileError() ? "true" : undefined}
          onChange={(e) => read(e.currentTarget.files?.[0])}
        />
        <p class="field__hint" id={`${id}-hint`}>
          {tc("create.fileHint")}
        </p>
        <div class="field__error" id={`${id}-error`} aria-live="polite">
          <Show when={fileError()}>
            <p>{fileError()}</p>
          </Show>
        </div>
      </div>
      <Show when={summary()}>
        <p class="import-summary">{summary()}</p>
      </Show>
      <div class="form-error-region" role="alert">
        <Show when={problem()}>
          {(p) => (
            <div class="notice notice--error import-errors">
              <Show when={errors().length > 0} fallback={<p>{problemMessage(p())}</p>}>
                <p>{tc("create.refused", errors().length)}</p>
                <ul>
                  <For each={errors()}>
                    {(error) => (
                      <li>
                        <span class="import-errors__where">{describePath(error.path, parsed()?.document)}</span>
                        {": "}
                        {checklistProblemMessage(error, parsed()?.document)}
                        <span class="import-errors__path code">{error.path}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
      </div>
      <div class="form__actions">
        <button
          class="button button--primary"
          type="submit"
          disabled={!parsed() || pending()}
          aria-busy={pending() ? "true" : undefined}
        >
          {pending() ? tc("create.importing") : tc("create.importSubmit")}
        </button>
      </div>
    </form>
  );
}

export default function ChecklistNew() {
  const can = useAbilities();
  const navigate = useNavigate();
  const [start, setStart] = createSignal<Start>("blank");
  const name = createUniqueId();
  const created = (versionId: string) => navigate(`/checklist-versions/${versionId}/edit`);
  const starts: Array<{ value: Start; title: () => string; hint: () => string }> = [
    { value: "blank", title: () => tc("create.blank"), hint: () => tc("create.blankHint") },
    { value: "template", title: () => tc("create.template"), hint: () => tc("create.templateHint") },
    { value: "import", title: () => tc("create.import"), hint: () => tc("create.importHint") },
  ];

  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <PageHeader title={tc("create.title")} back={{ href: "/checklists", label: tc("list.title") }} />
      <section class="card">
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{tc("create.how")}</legend>
          <div class="choice-cards choice-cards--three">
            <For each={starts}>
              {(option) => (
                <label class="choice-card">
                  <input
                    class="choice-card__input"
                    type="radio"
                    name={name}
                    value={option.value}
                    checked={start() === option.value}
                    onChange={() => setStart(option.value)}
                  />
                  <span class="choice-card__body">
                    <span class="choice-card__title">{option.title()}</span>
                    <span class="choice-card__hint">{option.hint()}</span>
                  </span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </section>
      <section class="card">
        <Switch>
          <Match when={start() === "blank"}>
            <BlankForm onCreated={created} />
          </Match>
          <Match when={start() === "template"}>
            <TemplateForm onCreated={created} />
          </Match>
          <Match when={start() === "import"}>
            <ImportForm onCreated={created} />
          </Match>
        </Switch>
      </section>
    </Show>
  );
}
