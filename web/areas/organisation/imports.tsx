/**
 * Bulk import of branches or members from a CSV file (`/import/branches`, `/import/members`;
 * docs/IMPORTS.md): choose a file → the dry run's rows (filter to errors or changes) and the
 * error file to download → choose the fixed file again → import, with a progress bar read from
 * `GET /imports/:id` while the commit runs → the summary. Admins only (`can().manage`).
 */
import { revalidate, useParams } from "@solidjs/router";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Badge, type BadgeTone } from "../../components/badge";
import { FormError } from "../../components/form-error";
import { A } from "../../components/link";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import type { Problem } from "../../lib/api";
import { createFormState } from "../../lib/form";
import { locale } from "../../lib/i18n";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { tm } from "./organisation-i18n";
import "../../styles/lists.css";
import "./imports.css";
import {
  commitImport,
  dryRunImport,
  getBranches,
  getImportProgress,
  getUsers,
  IMPORT_COLUMNS,
  type ImportAction,
  type ImportBody,
  type ImportCellError,
  type ImportItem,
  type ImportKind,
  type ImportReport,
} from "./queries";

/** How many rows the list shows at once (10,000 rows in the DOM would drag on a phone). */
const SHOWN = 200;
const TONES: Record<ImportAction, BadgeTone> = {
  add: "success",
  update: "accent",
  unchanged: "neutral",
  error: "danger",
};

type Filter = "errors" | "changes" | "all";

/** An error cell as the reader's language says it: the API's English message, or the code's Chinese. */
function cellError(e: ImportCellError): string {
  const codes = "imports.codes" as const;
  if (locale() === "en") return `${e.column}: ${e.message}`;
  const known = e.code in (tm(codes) as unknown as Record<string, string>);
  return `${e.column}：${known ? tm(`${codes}.${e.code}` as "imports.codes.required") : e.code}${e.limit !== undefined ? `（${e.limit}）` : ""}`;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join("; ") || "—";
  return value === null || value === "" ? "—" : String(value);
}

function importProblem(problem: Problem | undefined): string | undefined {
  if (!problem) return undefined;
  const known = [
    "invalid_encoding",
    "import_too_many_rows",
    "payload_too_large",
    "unsupported_media_type",
    "import_has_errors",
    "conflict",
  ];
  return known.includes(problem.code)
    ? tm(`imports.problems.${problem.code}` as "imports.problems.conflict")
    : undefined;
}

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default function ImportPage() {
  const params = useParams();
  const can = useAbilities();
  const kind = (): ImportKind => (params.kind === "members" ? "members" : "branches");
  const [file, setFile] = createSignal<File>();
  const [report, setReport] = createSignal<ImportReport>();
  const [filter, setFilter] = createSignal<Filter>("changes");
  const [progress, setProgress] = createSignal<ImportBody>();
  const [result, setResult] = createSignal<ImportBody>();
  const checking = createFormState();
  const committing = createFormState();

  const title = () => (kind() === "branches" ? tm("imports.branchesTitle") : tm("imports.membersTitle"));
  const listHref = () => (kind() === "branches" ? "/branches" : "/users");

  async function check(chosen: File | undefined) {
    setReport(undefined);
    setResult(undefined);
    setProgress(undefined);
    committing.clear();
    setFile(chosen);
    if (!chosen) return;
    const answer = await checking.run(() => dryRunImport(kind(), chosen, locale()));
    if (!answer) return;
    setReport(answer);
    setFilter(answer.totals.errors > 0 || answer.fileErrors.length ? "errors" : "changes");
  }

  async function commit() {
    const chosen = file();
    if (!chosen) return;
    const id = crypto.randomUUID();
    let finished = false;
    const poll = async () => {
      while (!finished) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        if (finished) return;
        const row = await getImportProgress(id).catch(() => undefined);
        if (row && !finished) setProgress(row);
      }
    };
    void poll();
    const done = await committing.run(() => commitImport(kind(), chosen, id));
    finished = true;
    setProgress(undefined);
    if (done) {
      setResult(done);
      setReport(undefined);
      void revalidate(kind() === "branches" ? getBranches.key : getUsers.key);
    }
  }

  const items = (): ImportItem[] => {
    const all = report()?.items ?? [];
    const f = filter();
    if (f === "all") return all;
    return all.filter((i) => (f === "errors" ? i.action === "error" : i.action === "add" || i.action === "update"));
  };
  const toWrite = () => (report()?.totals.add ?? 0) + (report()?.totals.update ?? 0);
  const clean = () => !!report() && report()?.totals.errors === 0 && report()?.fileErrors.length === 0;

  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <PageHeader
        title={title()}
        back={{
          href: listHref(),
          label: kind() === "branches" ? tm("imports.backBranches") : tm("imports.backMembers"),
        }}
      />
      <section class="import-intro">
        <p>
          {tm("imports.intro", { key: kind() === "branches" ? tm("imports.keyBranches") : tm("imports.keyMembers") })}
        </p>
        <Show when={kind() === "members"}>
          <p>{tm("imports.membersNote")}</p>
        </Show>
        <details>
          <summary>{tm("imports.columns")}</summary>
          <ul class="import-columns">
            <For each={IMPORT_COLUMNS[kind()]}>
              {(c) => (
                <li>
                  <code>{c.name}</code> / <code>{c.zh}</code>
                  <Show when={c.required}> — {tm("imports.required")}</Show>
                </li>
              )}
            </For>
          </ul>
        </details>
      </section>

      <Show
        when={result()}
        fallback={
          <section class="import-file">
            <label class="field">
              <span class="field__label">{tm("imports.file")}</span>
              <input
                type="file"
                name="file"
                accept=".csv,text/csv"
                disabled={checking.pending() || committing.pending()}
                onChange={(e) => {
                  void check(e.currentTarget.files?.[0]);
                }}
              />
            </label>
            <Show when={checking.pending()}>
              <p aria-live="polite">{tm("imports.checking")}</p>
            </Show>
            <Show
              when={importProblem(checking.problem())}
              fallback={<FormError problem={checking.problem()} fields={[]} />}
            >
              {(message) => (
                <p class="notice notice--error" role="alert">
                  {message()}
                </p>
              )}
            </Show>
          </section>
        }
      >
        {(done) => (
          <section class="import-result" aria-live="polite">
            <Switch>
              <Match when={done().status === "finished"}>
                <p class="notice notice--success">
                  {tm("imports.done", {
                    add: done().summary.add,
                    update: done().summary.update,
                    unchanged: done().summary.unchanged,
                  })}
                </p>
              </Match>
              <Match when={done().status !== "finished"}>
                <p class="notice notice--error">{tm("imports.failed")}</p>
              </Match>
            </Switch>
            <div class="import-actions">
              <A class="button button--primary" href={listHref()}>
                {kind() === "branches" ? tm("imports.backBranches") : tm("imports.backMembers")}
              </A>
              <button type="button" class="button button--secondary" onClick={() => void check(undefined)}>
                {tm("imports.another")}
              </button>
            </div>
          </section>
        )}
      </Show>

      <Show when={report()}>
        {(r) => (
          <section class="import-report" aria-label={title()}>
            <dl class="import-totals">
              <div>
                <dt>{tm("imports.add")}</dt>
                <dd>{r().totals.add.toLocaleString()}</dd>
              </div>
              <div>
                <dt>{tm("imports.update")}</dt>
                <dd>{r().totals.update.toLocaleString()}</dd>
              </div>
              <div>
                <dt>{tm("imports.unchanged")}</dt>
                <dd>{r().totals.unchanged.toLocaleString()}</dd>
              </div>
              <div classList={{ "import-totals--bad": r().totals.errors > 0 }}>
                <dt>{tm("imports.errors")}</dt>
                <dd>{r().totals.errors.toLocaleString()}</dd>
              </div>
            </dl>
            <Show when={r().sameFile}>
              {(same) => (
                <p class="import-note">{tm("imports.sameFile", { date: formatDateTime(same().finishedAt ?? "") })}</p>
              )}
            </Show>
            <Show when={r().fileErrors.length}>
              <div class="notice notice--error" role="alert">
                <p>{tm("imports.fileErrors")}</p>
                <ul>
                  <For each={r().fileErrors}>
                    {(e) => (
                      <li>
                        {tm("imports.line", { line: e.line })} · {cellError(e)}
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>
            <Show when={r().errorFile}>
              {(text) => (
                <div class="import-fix">
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => download(text(), `${kind()}-errors.csv`)}
                  >
                    {tm("imports.downloadErrors")}
                  </button>
                  <p class="import-note">{tm("imports.fixHint")}</p>
                </div>
              )}
            </Show>

            <Show when={r().items.length}>
              <fieldset class="import-filter">
                <legend>{tm("imports.show")}</legend>
                <For each={["errors", "changes", "all"] as const}>
                  {(f) => (
                    <label>
                      <input
                        type="radio"
                        name="import-filter"
                        value={f}
                        checked={filter() === f}
                        onChange={() => setFilter(f)}
                      />
                      {f === "errors"
                        ? tm("imports.showErrors")
                        : f === "changes"
                          ? tm("imports.showChanges")
                          : tm("imports.showAll")}
                    </label>
                  )}
                </For>
              </fieldset>
              <Show when={items().length} fallback={<p class="import-note">{tm("imports.noneShown")}</p>}>
                <ul class="list import-rows">
                  <For each={items().slice(0, SHOWN)}>
                    {(item) => (
                      <li class="import-row" data-action={item.action}>
                        <span class="import-row__head">
                          <span class="import-row__line">{tm("imports.line", { line: item.line })}</span>
                          <span class="code">{item.key || "—"}</span>
                          <Badge tone={TONES[item.action]}>
                            {item.action === "error" ? tm("imports.errors") : tm(`imports.${item.action}`)}
                          </Badge>
                        </span>
                        <Show when={item.errors?.length}>
                          <ul class="import-row__details import-row__details--errors">
                            <For each={item.errors}>{(e) => <li>{cellError(e)}</li>}</For>
                          </ul>
                        </Show>
                        <Show when={item.changes}>
                          {(changes) => (
                            <ul class="import-row__details">
                              <For each={Object.entries(changes())}>
                                {([column, change]) => (
                                  <li>
                                    <code>{column}</code>: {show(change.from)} → {show(change.to)}
                                  </li>
                                )}
                              </For>
                            </ul>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <p class="list-footer">
                  {tm("imports.shown", { shown: Math.min(SHOWN, items().length), total: items().length })}
                </p>
              </Show>
            </Show>

            <Show when={clean()}>
              <Show when={toWrite() > 0} fallback={<p class="import-note">{tm("imports.nothingToDo")}</p>}>
                <div class="import-commit">
                  <button
                    type="button"
                    class="button button--primary"
                    onClick={() => void commit()}
                    disabled={committing.pending()}
                    aria-busy={committing.pending() ? "true" : undefined}
                  >
                    {committing.pending() ? tm("imports.committing") : tm("imports.commit", toWrite())}
                  </button>
                  <Show when={committing.pending()}>
                    <div class="import-progress" aria-live="polite">
                      <progress max={progress()?.toWrite || toWrite()} value={progress()?.done ?? 0} />
                      <span>
                        {tm("imports.progress", {
                          done: (progress()?.done ?? 0).toLocaleString(),
                          total: (progress()?.toWrite || toWrite()).toLocaleString(),
                        })}
                      </span>
                    </div>
                  </Show>
                  <Show
                    when={importProblem(committing.problem())}
                    fallback={<FormError problem={committing.problem()} fields={[]} />}
                  >
                    {(message) => (
                      <p class="notice notice--error" role="alert">
                        {message()}
                      </p>
                    )}
                  </Show>
                </div>
              </Show>
            </Show>
          </section>
        )}
      </Show>
    </Show>
  );
}
