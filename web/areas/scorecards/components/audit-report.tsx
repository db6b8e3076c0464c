/**
 * A submitted report, for head office: the score (one decimal) and any critical failure
 * (ScoreSummary, as the builder's preview shows it), when and how the visit happened, then
 * every section's result with each answer, the rule that scored it, the shopper's comment
 * and the photos taken as evidence. The staff member's name shows only when the report has one
 * (the organisation's policy, docs/PRIVACY.md); what retention erased is said in short notices.
 */
import { For, type JSX, Show } from "solid-js";
import type { ChecklistDocument, ChecklistItem } from "../../../../worker/domain/checklists";
import type { Answer, ItemResult, ScoreResult, SectionResult } from "../../../../worker/domain/scoring";
import { Badge } from "../../../components/badge";
import { OutcomeBadge, ScoreSummary } from "../../../components/score-explanation";
import { formatNumber, localName } from "../../../lib/formats";
import { formatDate, formatPercent } from "../../../lib/office-formats";
import { ruleText, tc } from "../../checklists/checklist-i18n";
import { RulingNote } from "../../disputes/components/dispute-outcomes";
import { answerValue } from "../../disputes/components/item-text";
import { formatInstantIn, formatVisitTimes, minutesBetween, ta } from "../../planning/assignment-i18n";
import type { Audit } from "../../planning/assignment-queries";

type ReportAnswer = Audit["answers"][number];

interface AuditReportProps {
  audit: Audit;
  document: ChecklistDocument;
  /** The branch's time zone: visit times are shown as the branch's clock read them. */
  timeZone: string;
  /** False shows the answers without any score (a shopper's report before it is published to them). */
  scored?: boolean;
  /** Something to show under one item (the review screen's Edit action and form). */
  itemExtra?: ((key: string) => JSX.Element) | undefined;
}

function answerText(item: ChecklistItem | undefined, result: ItemResult, answer: ReportAnswer | undefined): string {
  if (result.outcome === "na" && !result.ruling) return ta("report.na");
  if (!answer || !("value" in answer) || answer.value === null || answer.value === undefined) {
    return item?.kind === "photo" ? "" : ta("report.noAnswer");
  }
  if (item?.kind === "text") return `“${String(answer.value)}”`;
  if (!item || result.outcome === "unscored") return String(answer.value);
  const scored: Answer = { item: result.key, value: answer.value };
  // A dispute ruled on the item: the shopper's answer stands as given, the ruling says what it counts as.
  if (result.ruling) return answerValue(item, scored);
  return ruleText(item, result, scored);
}

function ReportItem(props: {
  result: ItemResult;
  item: ChecklistItem | undefined;
  answer: ReportAnswer | undefined;
  scored: boolean;
  extra?: ((key: string) => JSX.Element) | undefined;
}) {
  const prompt = () => (props.item ? localName(props.item.prompt) || props.result.key : props.result.key);
  const text = () => answerText(props.item, props.result, props.answer);
  const photos = () => props.answer?.evidence ?? [];
  return (
    <li class="report-item">
      <Show when={props.scored}>
        <OutcomeBadge outcome={props.result.outcome} />
      </Show>
      <div class="report-item__body">
        <p class="report-item__prompt">{prompt()}</p>
        <Show when={text()}>
          <p class="report-item__answer">
            {text()}
            <Show
              when={props.scored && props.result.counted}
            >{` · ${tc("score.itemWeight", { weight: formatNumber(props.result.weight) })}`}</Show>
          </p>
        </Show>
        <Show when={props.scored && props.result.ruling}>{(ruling) => <RulingNote ruling={ruling()} />}</Show>
        <Show when={props.answer?.comment}>
          <p class="report-item__comment">
            <span class="report-item__label">{ta("report.comment")}</span>
            {props.answer?.comment}
          </p>
        </Show>
        <Show when={photos().length > 0}>
          <ul class="report-item__photos" aria-label={ta("report.photos", photos().length)}>
            <For each={photos()}>
              {(photo, i) => (
                <li>
                  <a
                    class="report-item__photo"
                    href={photo.url}
                    target="_blank"
                    rel="noopener"
                    aria-label={ta("report.openPhoto", { number: i() + 1 })}
                  >
                    <img
                      src={photo.url}
                      alt={ta("report.photoAlt", { number: i() + 1, item: prompt() })}
                      loading="lazy"
                      decoding="async"
                      width="96"
                      height="96"
                    />
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
        {props.extra?.(props.result.key)}
      </div>
    </li>
  );
}

function ReportSection(props: {
  section: SectionResult;
  number: number;
  document: ChecklistDocument;
  answers: readonly ReportAnswer[];
  scored: boolean;
  itemExtra?: ((key: string) => JSX.Element) | undefined;
}) {
  const docSection = () => props.document.sections.find((s) => s.key === props.section.key);
  const itemOf = (key: string) => docSection()?.items.find((i) => i.key === key);
  const title = () => localName(docSection()?.title) || props.section.key;
  const zeroedPrompt = () => {
    const key = props.section.zeroedBy;
    const item = key ? itemOf(key) : undefined;
    return item ? localName(item.prompt) || key : key;
  };
  return (
    <li class="report-section" classList={{ "report-section--out": !props.section.included }}>
      <div class="report-section__head">
        <h4 class="report-section__title">{`${props.number}. ${title()}`}</h4>
        <Show when={props.scored && props.section.included && props.section.ratio !== null}>
          <span class="report-section__ratio">{formatPercent(props.section.ratio ?? 0)}</span>
        </Show>
      </div>
      <p class="report-section__line" hidden={!props.scored}>
        <Show
          when={props.section.included}
          fallback={props.section.weight === 0 ? ta("report.sectionWeightZero") : ta("report.sectionLeftOut")}
        >
          {ta("report.sectionScore", {
            earned: formatNumber(props.section.earned),
            possible: formatNumber(props.section.possible),
            weight: formatNumber(props.section.weight),
          })}
        </Show>
      </p>
      <Show when={props.scored && props.section.zeroedBy}>
        <p class="report-section__zeroed">{tc("score.zeroedBy", { item: zeroedPrompt() ?? "" })}</p>
      </Show>
      <ul class="report-section__items">
        <For each={props.section.items}>
          {(result) => (
            <ReportItem
              result={result}
              item={itemOf(result.key)}
              answer={props.answers.find((a) => a.item === result.key)}
              scored={props.scored}
              extra={props.itemExtra}
            />
          )}
        </For>
      </ul>
    </li>
  );
}

const DAY_MS = 86_400_000;

/** "Location fixes erased after 90 days (5 Mar 2027)": counted from the visit, for each erasure done. */
function ErasureNotices(props: { audit: Audit }) {
  const notices = () =>
    (
      [
        ["fixesErased", props.audit.fixesErasedAt],
        ["photosErased", props.audit.photosErasedAt],
        ["deidentified", props.audit.deidentifiedAt],
      ] as const
    ).flatMap(([key, at]) =>
      at
        ? [
            ta(`report.${key}`, {
              // Grouped like every other figure ("1,825 days", not "1825").
              days: formatNumber(Math.floor((Date.parse(at) - Date.parse(props.audit.visitStartedAt)) / DAY_MS), 0),
              date: formatDate(at),
            }),
          ]
        : [],
    );
  return (
    <Show when={notices().length > 0}>
      <ul class="report__erased" aria-label={ta("report.erased")}>
        <For each={notices()}>{(text) => <li class="notice">{text}</li>}</For>
      </ul>
    </Show>
  );
}

export function AuditReport(props: AuditReportProps) {
  const result = () => props.audit.result as ScoreResult;
  // Flags come only to readers who may see them (head office); managers get none.
  const shortVisit = () => {
    const flag = props.audit.flags?.find((f) => f.code === "too_fast" && f.basis === "visit");
    return flag?.code === "too_fast" && flag.basis === "visit" ? flag : undefined;
  };
  return (
    <div class="report">
      <Show when={props.scored !== false}>
        <ScoreSummary result={result()} document={props.document} />
      </Show>
      <ErasureNotices audit={props.audit} />
      <dl class="facts report__facts">
        <div>
          <dt>{ta("report.submitted")}</dt>
          <dd>
            {formatInstantIn(props.audit.submittedAt, props.timeZone)}{" "}
            <Badge tone={props.audit.late ? "warning" : "success"}>
              {props.audit.late ? ta("flags.late") : ta("flags.onTime")}
            </Badge>
            <span class="facts__note">{props.audit.late ? ta("report.late") : ta("report.onTime")}</span>
          </dd>
        </div>
        <div>
          <dt>{ta("report.visit")}</dt>
          <dd>
            {ta("report.visitTimes", {
              range: formatVisitTimes(props.audit.visitStartedAt, props.audit.visitEndedAt, props.timeZone),
              minutes: minutesBetween(props.audit.visitStartedAt, props.audit.visitEndedAt),
            })}
            <span class="facts__note">{props.timeZone}</span>
            <Show when={shortVisit()}>
              {(flag) => (
                <>
                  {" "}
                  <Badge tone="warning">{ta("flags.shortVisit")}</Badge>
                  <span class="facts__note">{ta("report.shortVisit", { minimum: String(flag().minimumMinutes) })}</span>
                </>
              )}
            </Show>
          </dd>
        </div>
        <div>
          <dt>{ta("report.contact")}</dt>
          <dd>{ta(`report.contactKinds.${props.audit.contact}`)}</dd>
        </div>
        <Show when={props.audit.staffName}>
          <div>
            <dt>{ta("report.staffName")}</dt>
            <dd class="report__text">{props.audit.staffName}</dd>
          </div>
        </Show>
        <Show when={props.audit.staffDescription}>
          <div>
            <dt>{ta("report.staff")}</dt>
            <dd class="report__text">{props.audit.staffDescription}</dd>
          </div>
        </Show>
        <Show when={props.audit.overallComment}>
          <div>
            <dt>{ta("report.overall")}</dt>
            <dd class="report__text">{props.audit.overallComment}</dd>
          </div>
        </Show>
      </dl>
      <h3 class="report__subtitle">{ta("report.sections")}</h3>
      <ol class="report__sections">
        <For each={result().sections}>
          {(section, i) => (
            <ReportSection
              section={section}
              number={i() + 1}
              document={props.document}
              answers={props.audit.answers}
              scored={props.scored !== false}
              itemExtra={props.itemExtra}
            />
          )}
        </For>
      </ol>
    </div>
  );
}
