import "./checklists.css";
import { createAsync, revalidate, useLocation, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/badge";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormError, FormSuccess } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { SubmitButton } from "../../components/submit-button";
import { api, call } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { localName } from "../../lib/formats";
import { t } from "../../lib/i18n";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { type ChecklistDocument, downloadText, exportFileName, exportJson } from "./checklist-document";
import { tc } from "./checklist-i18n";
import { type ChecklistDetail, checklistKeys, getChecklist, type VersionSummary } from "./checklist-queries";
import { ChecklistDiffView } from "./components/checklist-diff";
import { clearBackup } from "./editor/autosave";

/** Published versions never change: their documents are fetched once per visit to the app. */
const publishedDocuments = new Map<string, Promise<ChecklistDocument>>();

function loadDocument(version: VersionSummary): Promise<ChecklistDocument> {
  const cached = publishedDocuments.get(version.id);
  if (cached) return cached;
  const loading = call(api["checklist-versions"][":id"].$get({ param: { id: version.id } })).then((v) => v.document);
  if (version.status === "published") {
    publishedDocuments.set(version.id, loading);
    loading.catch(() => publishedDocuments.delete(version.id));
  }
  return loading;
}

/** The changes a version made to the one published before it, loaded when shown. */
function VersionDiff(props: { before: VersionSummary; after: VersionSummary; open: boolean }) {
  const [open, setOpen] = createSignal(props.open);
  const [documents] = createResource(
    () => open() && { before: props.before, after: props.after, updatedAt: props.after.updatedAt },
    (pair) => Promise.all([loadDocument(pair.before), loadDocument(pair.after)]),
  );
  return (
    <details class="version__diff" open={props.open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="version__diff-summary">{tc("detail.changesFrom", { number: props.before.number })}</summary>
      <Show when={documents.latest} fallback={<p class="diff__none">{tc("diff.loading")}</p>}>
        {(docs) => <ChecklistDiffView before={docs()[0]} after={docs()[1]} />}
      </Show>
    </details>
  );
}

function ExportButton(props: { checklist: ChecklistDetail; version: VersionSummary }) {
  const form = createFormState();
  async function download() {
    await form.run(async () => {
      const doc = await loadDocument(props.version);
      downloadText(exportJson(doc), exportFileName(doc.name.en || props.checklist.name.en, props.version.number));
    });
  }
  return (
    <>
      <button
        type="button"
        class="button button--secondary button--small"
        aria-label={tc("detail.exportLabel", { number: props.version.number })}
        disabled={form.pending()}
        onClick={download}
      >
        {tc("detail.export")}
      </button>
      <FormError problem={form.problem()} fields={[]} />
    </>
  );
}

function VersionCard(props: {
  checklist: ChecklistDetail;
  version: VersionSummary;
  previous: VersionSummary | undefined;
  newest: boolean;
  onDiscard: () => void;
}) {
  const can = useAbilities();
  const draft = () => props.version.status === "draft";
  return (
    <li class="version" classList={{ "version--draft": draft() }}>
      <div class="version__head">
        <h3 class="version__title">{tc("detail.version", { number: props.version.number })}</h3>
        <Badge tone={draft() ? "warning" : "success"}>{tc(`versionStatus.${props.version.status}`)}</Badge>
      </div>
      <p class="version__dates">
        <Show
          when={props.version.publishedAt}
          fallback={tc("detail.savedOn", { date: formatDateTime(props.version.updatedAt) })}
        >
          {(date) => tc("detail.publishedOn", { date: formatDateTime(date()) })}
        </Show>
        <span class="version__created">
          {tc("detail.createdOn", { date: formatDateTime(props.version.createdAt) })}
        </span>
      </p>
      <div class="version__actions">
        <Show when={draft() && can().manage}>
          <A class="button button--primary button--small" href={`/checklist-versions/${props.version.id}/edit`}>
            {tc("detail.openDraft")}
          </A>
        </Show>
        <A
          class="button button--secondary button--small"
          href={`/checklist-versions/${props.version.id}`}
          aria-label={tc("detail.previewLabel", { number: props.version.number })}
        >
          {tc("detail.preview")}
        </A>
        <ExportButton checklist={props.checklist} version={props.version} />
        <Show when={draft() && can().manage}>
          <button type="button" class="button button--danger-ghost button--small" onClick={() => props.onDiscard()}>
            {tc("detail.discardDraft")}
          </button>
        </Show>
      </div>
      <Show when={props.previous} fallback={<p class="version__first">{tc("detail.firstVersion")}</p>}>
        {(previous) => <VersionDiff before={previous()} after={props.version} open={props.newest} />}
      </Show>
    </li>
  );
}

export default function ChecklistPage() {
  const params = useParams<{ id: string }>();
  const can = useAbilities();
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const checklist = createAsync(() => (can().checklists ? getChecklist(params.id) : Promise.resolve(undefined)));
  const [notice, setNotice] = createSignal<string | undefined>(location.state?.notice);
  const editForm = createFormState();
  const statusForm = createFormState();
  const discardForm = createFormState();
  const [discarding, setDiscarding] = createSignal(false);

  const draft = () => checklist()?.versions.find((v) => v.status === "draft");

  async function edit() {
    const id = checklist()?.id;
    if (!id) return;
    const version = await editForm.run(() => call(api.checklists[":id"].drafts.$post({ param: { id }, json: {} })));
    if (version) {
      await revalidate(checklistKeys);
      navigate(`/checklist-versions/${version.id}/edit`);
    }
  }

  async function setStatus(status: "active" | "archived") {
    const id = checklist()?.id;
    if (!id) return;
    setNotice(undefined);
    const ok = await statusForm.run(async () => {
      await call(api.checklists[":id"].$patch({ param: { id }, json: { status } }));
      await revalidate(checklistKeys);
      return true;
    });
    if (ok) setNotice(status === "archived" ? tc("detail.archivedDone") : tc("detail.activeDone"));
  }

  async function discard() {
    const version = draft();
    if (!version) return;
    const ok = await discardForm.run(async () => {
      await call(api["checklist-versions"][":id"].$delete({ param: { id: version.id } }));
      clearBackup(version.id);
      await revalidate(checklistKeys);
      return true;
    });
    if (ok) {
      setDiscarding(false);
      setNotice(tc("detail.discarded"));
    }
  }

  /** The published version before `index` in the newest-first list. */
  const previousPublished = (versions: VersionSummary[], index: number) =>
    versions.slice(index + 1).find((v) => v.status === "published");

  return (
    <Show when={can().checklists} fallback={<NoAccess />}>
      <Show when={checklist()}>
        {(c) => (
          <>
            <PageHeader
              title={localName(c().name)}
              back={{ href: "/checklists", label: tc("list.title") }}
              actions={
                <Show when={can().manage}>
                  <Show
                    when={draft()}
                    fallback={
                      <SubmitButton
                        type="button"
                        pending={editForm.pending()}
                        label={tc("detail.edit")}
                        pendingLabel={tc("detail.starting")}
                        onClick={edit}
                      />
                    }
                  >
                    {(d) => (
                      <A class="button button--primary" href={`/checklist-versions/${d().id}/edit`}>
                        {tc("detail.openDraft")}
                      </A>
                    )}
                  </Show>
                </Show>
              }
            />
            <FormSuccess message={notice()} />
            <FormError problem={editForm.problem()} fields={[]} />

            <section class="card">
              <div class="badges">
                <Badge tone={c().channel === "store" ? "neutral" : "accent"}>{t(`channels.${c().channel}`)}</Badge>
                <Badge tone={c().status === "active" ? "success" : "neutral"}>{tc(`status.${c().status}`)}</Badge>
              </div>
              <Show when={c().status === "archived"}>
                <p class="field__hint">{tc("detail.archivedNote")}</p>
              </Show>
              <Show when={can().manage} fallback={<p class="field__hint">{tc("detail.readOnlyNote")}</p>}>
                <div class="form__actions checklist-status">
                  <SubmitButton
                    type="button"
                    variant="secondary"
                    pending={statusForm.pending()}
                    label={c().status === "active" ? tc("detail.archive") : tc("detail.unarchive")}
                    pendingLabel={tc("detail.archiving")}
                    onClick={() => setStatus(c().status === "active" ? "archived" : "active")}
                  />
                </div>
                <FormError problem={statusForm.problem()} fields={[]} />
              </Show>
            </section>

            <section aria-labelledby="versions-title">
              <h2 class="section-title" id="versions-title">
                {tc("detail.versions")}
              </h2>
              <ol class="versions">
                <For each={c().versions}>
                  {(version, i) => (
                    <VersionCard
                      checklist={c()}
                      version={version}
                      previous={previousPublished(c().versions, i())}
                      newest={
                        i() === c().versions.findIndex((v) => v.status === "published") || version.status === "draft"
                      }
                      onDiscard={() => {
                        discardForm.clear();
                        setDiscarding(true);
                      }}
                    />
                  )}
                </For>
              </ol>
            </section>

            <ConfirmDialog
              open={discarding()}
              title={tc("detail.discardTitle")}
              confirmLabel={tc("detail.discardConfirm")}
              pendingLabel={tc("detail.discarding")}
              pending={discardForm.pending()}
              tone="danger"
              onConfirm={discard}
              onClose={() => setDiscarding(false)}
            >
              <p>{tc("detail.discardBody", { number: draft()?.number ?? 0 })}</p>
              <FormError problem={discardForm.problem()} fields={[]} />
            </ConfirmDialog>
          </>
        )}
      </Show>
    </Show>
  );
}
