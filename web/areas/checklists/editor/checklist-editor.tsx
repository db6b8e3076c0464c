/**
 * The checklist builder for one draft: name, sections and items on one side, the shopper's
 * preview on the other (side by side on wide screens, "Edit | Preview" tabs on phones).
 * Problems show at their fields as the user types; changes save themselves; publishing asks
 * for confirmation first.
 */
import { revalidate, useNavigate } from "@solidjs/router";
import { createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { Icon } from "../../../components/icon";
import { PageHeader } from "../../../components/page-header";
import { api, call } from "../../../lib/api";
import { createFormState } from "../../../lib/form";
import { localName } from "../../../lib/formats";
import { problemMessage, t } from "../../../lib/i18n";
import { formatDateTime } from "../../../lib/office-formats";
import {
  type ChecklistDocument,
  cloneDocument,
  documentFingerprint,
  downloadText,
  exportFileName,
  exportJson,
  fieldId,
  freshKey,
  LIMITS,
  newSection,
} from "../checklist-document";
import { checklistProblemMessage, describePath, tc } from "../checklist-i18n";
import { type ChecklistVersion, checklistKeys } from "../checklist-queries";
import { ChecklistDiffView } from "../components/checklist-diff";
import { ChecklistPreview } from "../components/checklist-preview";
import { type Backup, clearBackup, createAutosave, readBackup, type SaveStatus } from "./autosave";
import { createEditorState, EditorContext, type EditorState } from "./editor-state";
import { GroupProblem, TextInput } from "./fields";
import { SectionCard } from "./section-card";

/** Whether the screen is wide enough for the editor and the preview side by side. */
function createWide() {
  const media = window.matchMedia("(min-width: 960px)");
  const [wide, setWide] = createSignal(media.matches);
  const listener = (event: MediaQueryListEvent) => setWide(event.matches);
  media.addEventListener("change", listener);
  onCleanup(() => media.removeEventListener("change", listener));
  return wide;
}

/** What the status line says: "saved" only once the server holds exactly what is on screen. */
function statusText(status: SaveStatus): string {
  switch (status) {
    case "saved":
      return tc("save.saved");
    case "saving":
      return tc("save.saving");
    case "pending":
      return tc("save.pending");
    default:
      return tc(`save.status.${status}`);
  }
}

function SaveState(props: { status: SaveStatus; retry: () => void }) {
  return (
    <div class="save-state" classList={{ [`save-state--${props.status}`]: true }}>
      <span class="save-state__dot" aria-hidden="true" />
      <span role="status" class="save-state__text">
        {statusText(props.status)}
      </span>
      <Show when={props.status === "offline" || props.status === "error" || props.status === "refused"}>
        <button type="button" class="button button--ghost save-state__retry" onClick={() => props.retry()}>
          {tc("save.retry")}
        </button>
      </Show>
    </div>
  );
}

function ProblemList(props: { editor: EditorState }) {
  const problems = () => props.editor.problems();
  return (
    <section class="card problems" id="problems" tabindex="-1" aria-labelledby="problems-title">
      <Show
        when={problems().length > 0}
        fallback={
          <p class="problems__none" id="problems-title">
            {tc("editor.noProblems")}
          </p>
        }
      >
        <h2 class="section-title problems__title" id="problems-title">
          {tc("editor.problemsTitle", problems().length)}
        </h2>
        <ul class="problems__list">
          <For each={problems()}>
            {(problem) => (
              <li>
                <a
                  class="problems__link"
                  href={`#${fieldId(problem.path)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.editor.jumpTo(problem.path);
                  }}
                >
                  <span class="problems__where">{describePath(problem.path, props.editor.doc)}</span>
                  <span class="problems__message">{checklistProblemMessage(problem, props.editor.doc)}</span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/**
 * Someone else saved the draft: nothing more is sent. The user's version stays on this device
 * (the restore offer brings it back after reloading); it can also be copied or downloaded.
 */
function ConflictNotice(props: { doc: ChecklistDocument; number: number; onReload: () => void }) {
  const [copied, setCopied] = createSignal<"copied" | "copyFailed">();
  const text = () => exportJson(cloneDocument(props.doc));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setCopied("copied");
    } catch {
      setCopied("copyFailed");
    }
  };
  const download = () => {
    const name = exportFileName(props.doc.name.en || props.doc.name.zh, props.number);
    downloadText(text(), name.replace(/\.json$/, "-mine.json"));
  };
  return (
    <section class="card conflict" role="alert" aria-labelledby="conflict-title">
      <h2 class="section-title" id="conflict-title">
        {tc("conflict.title")}
      </h2>
      <p>{tc("conflict.body")}</p>
      <p>{tc("conflict.kept")}</p>
      <div class="form__actions">
        <button type="button" class="button button--primary" onClick={() => props.onReload()}>
          {tc("conflict.reload")}
        </button>
        <button type="button" class="button button--secondary" onClick={() => void copy()}>
          {tc("conflict.copy")}
        </button>
        <button type="button" class="button button--secondary" onClick={download}>
          {tc("conflict.download")}
        </button>
      </div>
      <Show when={copied()}>{(key) => <p role="status">{tc(`conflict.${key()}`)}</p>}</Show>
    </section>
  );
}

function RestoreOffer(props: {
  backup: Backup;
  server: ChecklistDocument;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <section class="card restore" aria-labelledby="restore-title">
      <h2 class="section-title" id="restore-title">
        {tc("editor.restoreTitle")}
      </h2>
      <p class="restore__body">{tc("editor.restoreBody", { date: formatDateTime(props.backup.savedAt) })}</p>
      <h3 class="restore__subtitle">{tc("editor.restoreDiff")}</h3>
      <ChecklistDiffView before={props.server} after={props.backup.document} />
      <div class="form__actions">
        <button type="button" class="button button--primary" onClick={() => props.onRestore()}>
          {tc("editor.restore")}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onDiscard()}>
          {tc("editor.discardBackup")}
        </button>
      </div>
    </section>
  );
}

export function ChecklistEditor(props: { version: ChecklistVersion; onReload: () => void }) {
  const navigate = useNavigate();
  // The props never change for one editor (the page keys it by version id).
  const versionId = props.version.id;
  const checklistId = props.version.checklistId;
  const number = props.version.number;
  const serverDocument = props.version.document;

  const backup = readBackup(versionId);
  const differs = !!backup && documentFingerprint(backup.document) !== documentFingerprint(serverDocument);
  if (backup && !differs) clearBackup(versionId);
  const [offer, setOffer] = createSignal<Backup | undefined>(differs ? backup : undefined);

  const editor = createEditorState(serverDocument, documentFingerprint);
  const doc = editor.doc;
  editor.setServerProblems(props.version.problems, documentFingerprint(serverDocument));

  // The draft's revision as last loaded or saved here: every save names it (409 if it moved on).
  let revision = props.version.revision;
  const autosave = createAutosave({
    versionId,
    initial: serverDocument,
    current: () => doc,
    save: async (document) => {
      const saved = await call(
        api["checklist-versions"][":id"].$put({ param: { id: versionId }, json: { revision, document } }),
      );
      revision = saved.revision;
      const stored = saved.document;
      editor.setServerProblems(saved.problems, documentFingerprint(stored));
      return stored;
    },
    onResult: (result) => {
      if ("problem" in result && result.problem.status === 400) {
        // The API names fields inside the body (`document.sections[0]…`); the builder, inside the document.
        const errors = result.problem.errors.map((e) => ({ ...e, path: e.path.replace(/^document\./, "") }));
        editor.setServerProblems(errors, documentFingerprint(doc));
      }
    },
  });

  const wide = createWide();
  const [tab, setTab] = createSignal<"edit" | "preview">("edit");
  editor.onReveal(() => setTab("edit"));

  const firstNumbers = createMemo(() => {
    let n = 1;
    return doc.sections.map((section) => {
      const first = n;
      n += section.items.length;
      return first;
    });
  });

  function addSection() {
    const section = newSection(freshKey(doc, "section"));
    let index = 0;
    editor.update((d) => {
      index = d.sections.push(section) - 1;
    });
    requestAnimationFrame(() => document.getElementById(fieldId(`sections[${index}].title.en`))?.focus());
  }

  // Publishing.
  const [confirming, setConfirming] = createSignal(false);
  const publishForm = createFormState();
  const canPublish = () => editor.problems().length === 0 && autosave.status() === "saved";
  const publishBlocked = () =>
    editor.problems().length > 0
      ? tc("editor.publishBlockedProblems")
      : autosave.status() !== "saved"
        ? tc("editor.publishBlockedSaving")
        : "";

  async function publish() {
    const ok = await publishForm.run(async () => {
      await call(api["checklist-versions"][":id"].publish.$post({ param: { id: versionId } }));
      clearBackup(versionId);
      await revalidate(checklistKeys);
      return true;
    });
    if (ok) {
      setConfirming(false);
      navigate(`/checklists/${checklistId}`, { state: { notice: tc("detail.published", { number }) } });
    } else {
      const problem = publishForm.problem();
      if (problem?.status === 400) editor.setServerProblems(problem.errors, documentFingerprint(doc));
    }
  }

  const saveNote = () => {
    switch (autosave.status()) {
      case "offline":
        return tc("save.offline");
      case "error":
        return tc("save.error");
      case "refused":
        return tc("save.refused");
      case "gone":
        return tc("save.gone");
      default:
        return "";
    }
  };

  const editPanel = () => (
    <>
      <ProblemList editor={editor} />

      <section class="card" aria-labelledby="details-title">
        <h2 class="section-title" id="details-title">
          {tc("editor.details")}
        </h2>
        <div class="form__pair">
          <TextInput
            path="name.en"
            label={tc("fields.nameEn")}
            value={doc.name.en}
            lang="en"
            maxLength={LIMITS.name}
            onInput={(v) => editor.update((d) => (d.name.en = v))}
          />
          <TextInput
            path="name.zh"
            label={tc("fields.nameZh")}
            value={doc.name.zh}
            lang="zh-CN"
            maxLength={LIMITS.name}
            onInput={(v) => editor.update((d) => (d.name.zh = v))}
          />
        </div>
        <dl class="facts builder__channel">
          <div>
            <dt>{tc("fields.channel")}</dt>
            <dd>
              {t(`channels.${doc.channel}`)}
              <span class="facts__note">{tc("create.channelHint")}</span>
            </dd>
          </div>
        </dl>
      </section>

      <div class="builder__sections" id="f-sections" tabindex="-1">
        <div class="builder__sections-head">
          <h2 class="section-title">{tc("editor.sections")}</h2>
          <div class="builder__sections-tools">
            <button type="button" class="button button--ghost" onClick={() => editor.setAllOpen(true)}>
              {tc("editor.expandAll")}
            </button>
            <button type="button" class="button button--ghost" onClick={() => editor.setAllOpen(false)}>
              {tc("editor.collapseAll")}
            </button>
          </div>
        </div>
        <GroupProblem path="sections" />
        <For each={doc.sections}>
          {(section, s) => (
            <SectionCard
              section={section}
              index={s()}
              count={doc.sections.length}
              firstNumber={firstNumbers()[s()] ?? 1}
            />
          )}
        </For>
        <button
          type="button"
          class="button button--secondary button--block"
          id="f-sections-add"
          disabled={doc.sections.length >= LIMITS.sections}
          onClick={addSection}
        >
          <Icon name="plus" />
          {tc("editor.addSection")}
        </button>
      </div>
    </>
  );

  const previewPanel = () => (
    <>
      <h2 class="section-title" id="preview-title">
        {tc("preview.title")}
      </h2>
      <ChecklistPreview document={doc} />
    </>
  );

  const title = () => tc("editor.title", { name: localName(doc.name) || tc("editor.untitled") });

  return (
    <EditorContext.Provider value={editor}>
      <PageHeader
        title={title()}
        subtitle={tc("editor.subtitle", { number, channel: t(`channels.${doc.channel}`) })}
        back={{ href: `/checklists/${checklistId}`, label: localName(doc.name) || tc("list.title") }}
      />
      <Show
        when={!offer()}
        fallback={
          <RestoreOffer
            backup={offer() as Backup}
            server={serverDocument}
            onRestore={() => {
              const restored = offer();
              setOffer(undefined);
              if (restored) editor.setDoc(cloneDocument(restored.document));
            }}
            onDiscard={() => {
              clearBackup(versionId);
              setOffer(undefined);
            }}
          />
        }
      >
        <div class="builder-bar">
          <SaveState status={autosave.status()} retry={autosave.retry} />
          <Show when={editor.problems().length > 0}>
            <button
              type="button"
              class="builder-bar__problems"
              onClick={() => {
                setTab("edit");
                requestAnimationFrame(() => {
                  const list = document.getElementById("problems");
                  list?.scrollIntoView({ block: "start", behavior: "auto" });
                  list?.focus({ preventScroll: true });
                });
              }}
            >
              {tc("editor.problemCount", editor.problems().length)}
            </button>
          </Show>
          <button
            type="button"
            class="button button--primary builder-bar__publish"
            aria-disabled={canPublish() ? undefined : "true"}
            aria-describedby="publish-why"
            onClick={() => {
              if (!canPublish()) return;
              publishForm.clear();
              setConfirming(true);
            }}
          >
            {tc("editor.publish")}
          </button>
          <span class="visually-hidden" id="publish-why">
            {publishBlocked()}
          </span>
        </div>
        <Show when={saveNote()}>
          <p class="notice notice--warning builder-note" role="alert">
            {saveNote()}
          </p>
        </Show>
        <Show when={autosave.status() === "conflict"}>
          <ConflictNotice doc={doc} number={number} onReload={() => props.onReload()} />
        </Show>

        <Show
          when={wide()}
          fallback={
            <>
              <div class="segmented builder-tabs" role="tablist" aria-label={tc("editor.views")}>
                <button
                  type="button"
                  role="tab"
                  class="segmented__option"
                  id="tab-edit"
                  aria-selected={tab() === "edit"}
                  aria-controls="panel-edit"
                  onClick={() => setTab("edit")}
                >
                  {tc("editor.edit")}
                </button>
                <button
                  type="button"
                  role="tab"
                  class="segmented__option"
                  id="tab-preview"
                  aria-selected={tab() === "preview"}
                  aria-controls="panel-preview"
                  onClick={() => setTab("preview")}
                >
                  {tc("editor.preview")}
                </button>
              </div>
              <div class="builder">
                <div
                  class="builder__edit"
                  id="panel-edit"
                  role="tabpanel"
                  aria-labelledby="tab-edit"
                  hidden={tab() !== "edit"}
                >
                  {editPanel()}
                </div>
                <div
                  class="builder__preview"
                  id="panel-preview"
                  role="tabpanel"
                  aria-labelledby="tab-preview"
                  hidden={tab() !== "preview"}
                >
                  {previewPanel()}
                </div>
              </div>
            </>
          }
        >
          <div class="builder">
            <div class="builder__edit">{editPanel()}</div>
            <aside class="builder__preview" aria-labelledby="preview-title">
              {previewPanel()}
            </aside>
          </div>
        </Show>

        <ConfirmDialog
          open={confirming()}
          title={tc("editor.publishTitle", { number })}
          confirmLabel={tc("editor.publishConfirm", { number })}
          pendingLabel={tc("editor.publishing")}
          pending={publishForm.pending()}
          onConfirm={publish}
          onClose={() => setConfirming(false)}
        >
          <p>{tc("editor.publishBody", { number })}</p>
          <div role="alert" class="form-error-region">
            <Show when={publishForm.problem()}>
              {(problem) => (
                <div class="notice notice--error">
                  <p>{problemMessage(problem())}</p>
                  <Show when={problem().errors.length > 0}>
                    <ul>
                      <For each={problem().errors}>
                        {(error) => (
                          <li>{`${describePath(error.path, doc)}: ${checklistProblemMessage(error, doc)}`}</li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </div>
              )}
            </Show>
          </div>
        </ConfirmDialog>
      </Show>
    </EditorContext.Provider>
  );
}
