/**
 * One complaint (`/complaints/:id`): the facts as logged, the customer's contact details (for the
 * branch and admins only; erased after the retention period), the deadlines, the steps taken
 * (who, when, what) and the next step's form: acknowledge; propose a remedy (kind, amount,
 * note); resolve (with the summary resolution when allowed); follow up (satisfaction 1–5 as big
 * buttons and a comment); close with a reason; edit the facts. Every change sends the version it
 * was based on; a 409 `stale_version` says someone else changed it, with a reload. A phone
 * complaint's transcript can be checked for forbidden phrases (the shared checker, its own
 * chunk; the text as logged, read-only: the check changes nothing).
 */
import "./complaints.css";
import { createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, type JSX, lazy, Match, Show, Suspense, Switch } from "solid-js";
import { SelectField, TextField } from "../../components/field";
import { FormSuccess } from "../../components/form-error";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { ErrorState, Loading } from "../../components/states";
import { SubmitButton } from "../../components/submit-button";
import { createFormState, type FormState } from "../../lib/form";
import { intlLocale } from "../../lib/i18n";
import { useAbilities } from "../../lib/session";
import { TextArea } from "../actions/components/action-fields";
import { VersionedFormError } from "../organisation/components/stale-notice";
import { getBranch } from "../organisation/queries";
import {
  type ComplaintDetail,
  type ComplaintStep,
  type ComplaintStepBody,
  complaintChanges,
  complaintKeys,
  getComplaint,
  getTaxonomy,
  REMEDY_KINDS,
  type RemedyKind,
} from "./complaint-queries";
import { tc } from "./complaints-i18n";
import { categoryLabel } from "./components/category-picker";
import { branchName, branchTime, Deadline, nextDeadline, StatusBadge } from "./components/complaint-parts";

const FIELDS = [
  "step",
  "remedyKind",
  "remedyAmountCents",
  "remedyNote",
  "resolution",
  "summary",
  "closeReason",
  "satisfaction",
  "comment",
  "product",
  "problem",
  "wants",
  "purchasePlace",
] as const;

const refresh = () => revalidate(complaintKeys);

/** The shared transcript checker and its strings: fetched only for a complaint with a transcript. */
const TranscriptCheck = lazy(() =>
  import("../../components/transcript-check").then((m) => ({ default: m.TranscriptCheck })),
);

export default function ComplaintPage() {
  const params = useParams();
  const can = useAbilities();
  const complaint = createAsync(() => (can().complaints ? getComplaint(params.id ?? "") : Promise.resolve(undefined)));
  return (
    <Show when={can().complaints} fallback={<NoAccess />}>
      <ErrorBoundary fallback={(error, reset) => <ErrorState error={error} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={complaint()}>{(c) => <ComplaintView complaint={c()} />}</Show>
        </Suspense>
      </ErrorBoundary>
    </Show>
  );
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** An amount in cents with its two decimals, in the app's language ("25.50"). */
const money = (cents: number) =>
  (cents / 100).toLocaleString(intlLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function ComplaintView(props: { complaint: ComplaintDetail }) {
  const c = () => props.complaint;
  const can = useAbilities();
  const branch = createAsync(() => (can().branches ? getBranch(c().branch.id) : Promise.resolve(undefined)));
  const zone = () => branch()?.timezone;
  const taxonomy = createAsync(() => getTaxonomy());
  const [saved, setSaved] = createSignal<string>();
  return (
    <article class="complaints-page complaint-detail">
      <PageHeader
        title={c().product || tc("list.noProduct")}
        subtitle={branchName(c().branch)}
        back={{ href: "/complaints", label: tc("detail.back") }}
      />
      <span class="badges">
        <StatusBadge status={c().status} />
        <Show when={c().summaryResolution}>
          <span class="badge">{tc("detail.summary")}</span>
        </Show>
      </span>
      <Show when={nextDeadline(c())}>{(next) => <Deadline kind={next().kind} at={next().at} timeZone={zone()} />}</Show>
      <section class="card complaints-block" aria-labelledby="complaint-facts">
        <h2 class="section-title" id="complaint-facts">
          {tc("detail.facts")}
        </h2>
        <dl class="facts">
          <Fact label={tc("detail.received")}>{branchTime(c().receivedAt, zone())}</Fact>
          <Fact label={tc("detail.channel")}>{tc(`channel.${c().channel}`)}</Fact>
          <Fact label={tc("detail.problem")}>
            <span class="complaint-text">{c().problem}</span>
          </Fact>
          <Show when={c().wants}>
            <Fact label={tc("detail.wants")}>
              <span class="complaint-text">{c().wants}</span>
            </Fact>
          </Show>
          <Show when={c().purchaseDate || c().purchasePlace}>
            <Fact label={tc("detail.purchase")}>
              {[c().purchaseDate, c().purchasePlace].filter(Boolean).join(" · ")}
            </Fact>
          </Show>
          <Show when={c().categories.length}>
            <Fact label={tc("detail.categories")}>
              <ul class="complaint-chips complaint-chips--static">
                <For each={c().categories}>
                  {(cat) => <li class="complaint-chip">{categoryLabel(taxonomy(), cat)}</li>}
                </For>
              </ul>
            </Fact>
          </Show>
          <Show when={c().tags.length}>
            <Fact label={tc("detail.tags")}>{c().tags.join(", ")}</Fact>
          </Show>
          <Fact label={tc("detail.customer")}>
            <Switch fallback={<span>{tc("detail.contactHidden")}</span>}>
              <Match when={c().contactErased}>{tc("detail.contactErased")}</Match>
              <Match when={c().contactVisible && c().customer}>
                {(customer) => (
                  <Show when={customer().consent} fallback={tc("detail.noConsent")}>
                    <span class="complaint-contact" data-testid="complaint-contact">
                      {[customer().name, customer().phone, customer().email].filter(Boolean).join(" · ") ||
                        tc("detail.noContact")}
                    </span>
                  </Show>
                )}
              </Match>
              <Match when={c().contactVisible}>{tc("detail.noContact")}</Match>
            </Switch>
          </Fact>
          <Show when={c().remedyKind}>
            {(kind) => (
              <Fact label={tc("detail.remedy")}>
                {tc(`remedy.${kind()}`)}
                <Show when={c().remedyAmountCents != null}>{` · ${money(c().remedyAmountCents ?? 0)}`}</Show>
                <Show when={c().remedyNote}>
                  <span class="facts__note complaint-text">{c().remedyNote}</span>
                </Show>
              </Fact>
            )}
          </Show>
          <Show when={c().resolution}>
            <Fact label={tc("detail.resolution")}>
              <span class="complaint-text">{c().resolution}</span>
            </Fact>
          </Show>
          <Show when={c().satisfaction != null}>
            <Fact label={tc("detail.followUp")}>
              {tc("detail.satisfaction", { n: String(c().satisfaction) })}
              <Show when={c().followUpComment}>
                <span class="facts__note complaint-text">{c().followUpComment}</span>
              </Show>
            </Fact>
          </Show>
          <Show when={c().closeReason}>
            <Fact label={tc("status.closed")}>
              <span class="complaint-text">{c().closeReason}</span>
            </Fact>
          </Show>
        </dl>
      </section>
      <Show when={c().transcript}>{(text) => <TranscriptSection transcript={text()} />}</Show>
      <FormSuccess message={saved()} />
      <Show when={can().writeComplaints} fallback={<p class="complaint-readonly">{tc("detail.readOnly")}</p>}>
        <NextSteps complaint={c()} onSaved={() => setSaved(tc("detail.saved"))} onStart={() => setSaved(undefined)} />
      </Show>
      <Steps steps={c().steps} zone={zone()} />
    </article>
  );
}

/**
 * A phone complaint's transcript, checked on request against the forbidden phrases: the same
 * for everyone who reads the complaint; the text is the one logged and nothing is saved.
 */
function TranscriptSection(props: { transcript: string }) {
  return (
    <section class="card complaints-block complaint-transcript" aria-labelledby="complaint-transcript">
      <h2 class="section-title" id="complaint-transcript">
        {tc("detail.checkPhrases")}
      </h2>
      <p class="complaint-transcript__intro">{tc("detail.checkIntro")}</p>
      <Suspense fallback={<Loading />}>
        <TranscriptCheck initialText={props.transcript} readOnly />
      </Suspense>
    </section>
  );
}

function Steps(props: { steps: readonly ComplaintStep[]; zone: string | undefined }) {
  const label = (type: string) =>
    type.startsWith("complaint.")
      ? tc(`events.${type as "complaint.created"}`) || tc("events.other")
      : tc("events.other");
  const detail = (step: ComplaintStep) => {
    const p = step.payload;
    const parts: string[] = [];
    if (typeof p.remedyKind === "string") parts.push(tc(`remedy.${p.remedyKind as RemedyKind}`));
    if (typeof p.remedyAmountCents === "number") parts.push(money(p.remedyAmountCents));
    if (typeof p.satisfaction === "number") parts.push(tc("detail.satisfaction", { n: String(p.satisfaction) }));
    for (const key of ["remedyNote", "resolution", "comment", "reason"]) {
      const value = p[key];
      if (typeof value === "string" && value) parts.push(value);
    }
    return parts.join(" · ");
  };
  return (
    <section class="card complaints-block" aria-labelledby="complaint-steps">
      <h2 class="section-title" id="complaint-steps">
        {tc("detail.steps")}
      </h2>
      <Show when={props.steps.length} fallback={<p>{tc("detail.noSteps")}</p>}>
        <ol class="complaint-timeline">
          <For each={props.steps}>
            {(step) => (
              <li class="complaint-timeline__step" data-type={step.type}>
                <span class="complaint-timeline__what">{label(step.type)}</span>
                <span class="complaint-timeline__meta">{`${branchTime(step.at, props.zone)} · ${step.actorName ?? tc("detail.someone")}`}</span>
                <Show when={detail(step)}>{(text) => <span class="complaint-timeline__text">{text()}</span>}</Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

type Step = "acknowledge" | "propose_remedy" | "resolve" | "followUp" | "close" | "edit";
type Change =
  | { kind: "step"; body: Omit<ComplaintStepBody, "version"> }
  | { kind: "followUp"; satisfaction: number; comment?: string | undefined }
  | { kind: "edit"; body: { product?: string; problem?: string; wants?: string; purchasePlace?: string } };

const STEPS_BY_STATUS: Record<ComplaintDetail["status"], Step[]> = {
  new: ["acknowledge", "close", "edit"],
  acknowledged: ["propose_remedy", "close", "edit"],
  remedy_proposed: ["resolve", "propose_remedy", "close", "edit"],
  resolved: ["followUp", "close"],
  followed_up: [],
  closed: [],
};

function NextSteps(props: { complaint: ComplaintDetail; onSaved: () => void; onStart: () => void }) {
  const [open, setOpen] = createSignal<Step>();
  const form = createFormState();
  const steps = () => STEPS_BY_STATUS[props.complaint.status];

  async function send(change: Change) {
    props.onStart();
    const id = props.complaint.id;
    const version = props.complaint.version;
    const result = await form.run(() =>
      change.kind === "step"
        ? complaintChanges.step(id, { version, ...change.body })
        : change.kind === "followUp"
          ? complaintChanges.followUp(id, { version, satisfaction: change.satisfaction, comment: change.comment })
          : complaintChanges.edit(id, { version, ...change.body }),
    );
    if (result) {
      setOpen(undefined);
      await refresh();
      props.onSaved();
    }
  }
  const reload = async () => {
    form.clear();
    setOpen(undefined);
    await refresh();
  };
  const begin = (step: Step) => {
    form.clear();
    props.onStart();
    if (step === "acknowledge") {
      void send({ kind: "step", body: { step: "acknowledge" } });
      return;
    }
    setOpen(open() === step ? undefined : step);
  };
  const stepProps = () => ({ form, onSend: send, onCancel: () => setOpen(undefined), onReload: reload });

  return (
    <section class="card complaints-block complaint-steps" aria-labelledby="complaint-next">
      <h2 class="section-title" id="complaint-next">
        {tc("detail.next")}
      </h2>
      <Show when={steps().length} fallback={<p>{tc("detail.nothingNext")}</p>}>
        <div class="complaint-steps__buttons">
          <For each={steps()}>
            {(step, i) => (
              <button
                type="button"
                class="button"
                classList={{ "button--primary": i() === 0, "button--secondary": i() > 0 }}
                aria-expanded={step === "acknowledge" ? undefined : open() === step}
                disabled={form.pending()}
                data-step={step}
                onClick={() => begin(step)}
              >
                {step === "edit" ? tc("detail.edit") : tc(`steps.${step}`)}
              </button>
            )}
          </For>
        </div>
        <Show when={!open()}>
          <VersionedFormError problem={form.formProblem()} fields={FIELDS} onReload={reload} />
        </Show>
        <Switch>
          <Match when={open() === "propose_remedy"}>
            <RemedyForm {...stepProps()} />
          </Match>
          <Match when={open() === "resolve"}>
            <ResolveForm {...stepProps()} />
          </Match>
          <Match when={open() === "followUp"}>
            <FollowUpForm {...stepProps()} />
          </Match>
          <Match when={open() === "close"}>
            <CloseForm {...stepProps()} />
          </Match>
          <Match when={open() === "edit"}>
            <EditForm {...stepProps()} complaint={props.complaint} />
          </Match>
        </Switch>
      </Show>
    </section>
  );
}

interface StepFormProps {
  form: FormState;
  onSend: (change: Change) => Promise<unknown>;
  onCancel: () => void;
  onReload: () => void;
}

function FormButtons(props: { form: FormState; onCancel: () => void }) {
  return (
    <div class="form__actions">
      <SubmitButton pending={props.form.pending()} label={tc("steps.send")} pendingLabel={tc("steps.sending")} />
      <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
        {tc("steps.cancel")}
      </button>
    </div>
  );
}

/** "25", "25.5", "25,50" → 2550 cents; undefined when empty; NaN when not an amount. */
export function parseCents(text: string): number | undefined {
  const value = text.trim().replace(",", ".");
  if (!value) return undefined;
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return Number.NaN;
  return Math.round(Number(value) * 100);
}

function RemedyForm(props: StepFormProps) {
  const [kind, setKind] = createSignal<RemedyKind>("refund");
  const [amount, setAmount] = createSignal("");
  const [note, setNote] = createSignal("");
  const [amountError, setAmountError] = createSignal(false);
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const cents = parseCents(amount());
    if (cents !== undefined && Number.isNaN(cents)) return setAmountError(true);
    setAmountError(false);
    void props.onSend({
      kind: "step",
      body: {
        step: "propose_remedy",
        remedyKind: kind(),
        remedyAmountCents: cents,
        remedyNote: note().trim() || undefined,
      },
    });
  }
  return (
    <form
      class="complaint-form complaint-step-form"
      onSubmit={submit}
      noValidate
      aria-label={tc("steps.propose_remedy")}
    >
      <SelectField
        name="remedyKind"
        label={tc("steps.kind")}
        value={kind()}
        options={REMEDY_KINDS.map((k) => ({ value: k, label: tc(`remedy.${k}`) }))}
        onChange={(value) => setKind(value as RemedyKind)}
        error={props.form.errorFor("remedyKind")}
      />
      <TextField
        name="remedyAmount"
        label={tc("steps.amount")}
        hint={tc("steps.amountHint")}
        inputMode="decimal"
        value={amount()}
        onInput={setAmount}
        maxLength={12}
        optional
        error={props.form.errorFor("remedyAmountCents")}
      />
      <Show when={amountError()}>
        <p class="field__error" role="alert">
          {tc("steps.badAmount")}
        </p>
      </Show>
      <TextArea
        name="remedyNote"
        label={tc("steps.note")}
        value={note()}
        onInput={setNote}
        maxLength={2000}
        error={props.form.errorFor("remedyNote")}
      />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} onCancel={props.onCancel} />
    </form>
  );
}

function ResolveForm(props: StepFormProps) {
  const [resolution, setResolution] = createSignal("");
  const [summary, setSummary] = createSignal(false);
  function submit(event: SubmitEvent) {
    event.preventDefault();
    void props.onSend({
      kind: "step",
      body: { step: "resolve", resolution: resolution().trim(), summary: summary() || undefined },
    });
  }
  return (
    <form class="complaint-form complaint-step-form" onSubmit={submit} noValidate aria-label={tc("steps.resolve")}>
      <TextArea
        name="resolution"
        label={tc("steps.resolution")}
        value={resolution()}
        onInput={setResolution}
        maxLength={4000}
        error={props.form.errorFor("resolution")}
      />
      <label class="check">
        <input
          class="check__box"
          type="checkbox"
          name="summary"
          checked={summary()}
          onChange={(e) => setSummary(e.currentTarget.checked)}
        />
        <span class="check__label">
          {tc("steps.summary")}
          <span class="field__hint">{tc("steps.summaryHint")}</span>
        </span>
      </label>
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} onCancel={props.onCancel} />
    </form>
  );
}

function FollowUpForm(props: StepFormProps) {
  const [score, setScore] = createSignal<number>();
  const [comment, setComment] = createSignal("");
  const [missing, setMissing] = createSignal(false);
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const satisfaction = score();
    if (!satisfaction) return setMissing(true);
    setMissing(false);
    void props.onSend({ kind: "followUp", satisfaction, comment: comment().trim() || undefined });
  }
  return (
    <form class="complaint-form complaint-step-form" onSubmit={submit} noValidate aria-label={tc("steps.followUp")}>
      <fieldset class="field complaint-satisfaction">
        <legend class="field__label">{tc("steps.satisfaction")}</legend>
        <div class="complaint-satisfaction__buttons">
          <For each={[1, 2, 3, 4, 5]}>
            {(n) => (
              <button
                type="button"
                class="complaint-big-button complaint-big-button--score"
                aria-pressed={score() === n}
                aria-label={tc("steps.satisfactionLabel", n)}
                data-score={n}
                onClick={() => setScore(n)}
              >
                {n}
              </button>
            )}
          </For>
        </div>
        <div class="complaint-satisfaction__ends" aria-hidden="true">
          <span>{tc("steps.low")}</span>
          <span>{tc("steps.high")}</span>
        </div>
        <Show when={missing()}>
          <p class="field__error" role="alert">
            {tc("steps.pickSatisfaction")}
          </p>
        </Show>
      </fieldset>
      <TextArea
        name="comment"
        label={tc("steps.comment")}
        value={comment()}
        onInput={setComment}
        maxLength={2000}
        error={props.form.errorFor("comment")}
      />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} onCancel={props.onCancel} />
    </form>
  );
}

function CloseForm(props: StepFormProps) {
  const [reason, setReason] = createSignal("");
  function submit(event: SubmitEvent) {
    event.preventDefault();
    void props.onSend({ kind: "step", body: { step: "close", closeReason: reason().trim() } });
  }
  return (
    <form class="complaint-form complaint-step-form" onSubmit={submit} noValidate aria-label={tc("steps.close")}>
      <TextArea
        name="closeReason"
        label={tc("steps.closeReason")}
        value={reason()}
        onInput={setReason}
        maxLength={2000}
        error={props.form.errorFor("closeReason")}
      />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} onCancel={props.onCancel} />
    </form>
  );
}

function EditForm(props: StepFormProps & { complaint: ComplaintDetail }) {
  const [product, setProduct] = createSignal(props.complaint.product ?? "");
  const [problem, setProblem] = createSignal(props.complaint.problem);
  const [wants, setWants] = createSignal(props.complaint.wants ?? "");
  const [place, setPlace] = createSignal(props.complaint.purchasePlace ?? "");
  function submit(event: SubmitEvent) {
    event.preventDefault();
    const body: { product?: string; problem?: string; wants?: string; purchasePlace?: string } = {};
    if (product().trim() !== (props.complaint.product ?? "")) body.product = product().trim();
    if (problem().trim() !== props.complaint.problem) body.problem = problem().trim();
    if (wants().trim() !== (props.complaint.wants ?? "")) body.wants = wants().trim();
    if (place().trim() !== (props.complaint.purchasePlace ?? "")) body.purchasePlace = place().trim();
    if (Object.keys(body).length === 0) return props.onCancel();
    void props.onSend({ kind: "edit", body });
  }
  return (
    <form class="complaint-form complaint-step-form" onSubmit={submit} noValidate aria-label={tc("detail.editTitle")}>
      <TextField
        name="product"
        label={tc("form.product")}
        value={product()}
        onInput={setProduct}
        maxLength={200}
        error={props.form.errorFor("product")}
      />
      <TextArea
        name="problem"
        label={tc("form.problem")}
        value={problem()}
        onInput={setProblem}
        maxLength={4000}
        error={props.form.errorFor("problem")}
      />
      <TextArea
        name="wants"
        label={tc("form.wants")}
        value={wants()}
        onInput={setWants}
        maxLength={2000}
        error={props.form.errorFor("wants")}
      />
      <TextField
        name="purchasePlace"
        label={tc("form.purchasePlace")}
        value={place()}
        onInput={setPlace}
        maxLength={200}
        error={props.form.errorFor("purchasePlace")}
      />
      <VersionedFormError problem={props.form.formProblem()} fields={FIELDS} onReload={props.onReload} />
      <FormButtons form={props.form} onCancel={props.onCancel} />
    </form>
  );
}
