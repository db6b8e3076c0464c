/**
 * Shopper-quality flags on the review screens (docs/QUALITY.md): a chip per flag code on a queue
 * row, and on the review screen each flag with its sentence, written from the flag's numbers in
 * the reader's language.
 */

import { For, Show } from "solid-js";
import { QUALITY_FLAG_CODES, type QualityFlag, type QualityFlagCode } from "../../../../worker/domain/quality-flags";
import { Badge } from "../../../components/badge";
import { A } from "../../../components/link";
import { tr } from "../review-i18n";

/** The codes a reviewer filters by, in the order reports list them. */
export const FLAG_CODES: readonly QualityFlagCode[] = QUALITY_FLAG_CODES;

/** How a report is referred to in a sentence: `R-` and the first 8 characters of its id. */
export const reportRef = (id: string) => `R-${id.slice(0, 8)}`;

/** A flag's sentence, from its numbers. */
export function flagSentence(flag: QualityFlag): string {
  switch (flag.code) {
    case "too_fast":
      return flag.basis === "visit"
        ? tr("flags.sentence.tooFastVisit", { minutes: String(flag.minutes), minimum: String(flag.minimumMinutes) })
        : tr("flags.sentence.tooFastForm", { seconds: String(flag.seconds), minimum: String(flag.minimumSeconds) });
    case "outside_window":
      return tr("flags.sentence.outsideWindow", { date: flag.visitDate, start: flag.windowStart, end: flag.windowEnd });
    case "outside_hours":
      return tr("flags.sentence.outsideHours", {
        time: flag.localTime,
        weekday: tr(`flags.weekday.${flag.weekday}`),
        hours: flag.openingHours.length
          ? flag.openingHours.map(([from, to]) => `${from}–${to}`).join(", ")
          : tr("flags.sentence.closedAllDay"),
      });
    case "far_from_branch":
      return tr("flags.sentence.farFromBranch", {
        meters: String(flag.meters),
        accuracy: String(flag.accuracyMeters),
        threshold: String(flag.thresholdMeters),
      });
    case "location_jitter":
      return tr("flags.sentence.locationJitter", { count: String(flag.identicalFixes) });
    case "photo_reused":
      return flag.distance === 0
        ? tr("flags.sentence.photoSameFile", { report: reportRef(flag.otherAuditId) })
        : tr("flags.sentence.photoNear", { report: reportRef(flag.otherAuditId), distance: String(flag.distance) });
    case "photo_time_mismatch":
      return tr("flags.sentence.photoTime", {
        minutes: String(flag.minutesOutside),
        tolerance: String(flag.toleranceMinutes),
      });
    case "straight_lining":
      return tr(flag.direction === "top" ? "flags.sentence.straightTop" : "flags.sentence.straightBottom", {
        items: String(flag.items),
      });
  }
}

/** A queue row's flags: one chip per code. */
export function FlagChips(props: { codes: readonly string[] }) {
  return (
    <For each={props.codes}>
      {(code) => (
        <span class="flag-chip" data-flag={code}>
          <Badge tone="warning">{tr(`flags.code.${code as QualityFlagCode}`)}</Badge>
        </span>
      )}
    </For>
  );
}

/** The review screen's flags: each chip with its sentence (a reused photo links to the other report). */
export function FlagList(props: { flags: readonly QualityFlag[] }) {
  return (
    <section class="card review-flags" aria-labelledby="review-flags-title">
      <h2 class="review-flags__title" id="review-flags-title">
        {tr("flags.title")}
      </h2>
      <Show when={props.flags.length > 0} fallback={<p class="field__hint">{tr("flags.none")}</p>}>
        <ul class="review-flags__list" aria-label={tr("flags.listLabel")}>
          <For each={props.flags}>
            {(flag) => (
              <li class="review-flags__item" data-flag={flag.code}>
                <Badge tone="warning">{tr(`flags.code.${flag.code}`)}</Badge>
                <span class="review-flags__sentence">{flagSentence(flag)}</span>
                <Show when={flag.code === "photo_reused" ? flag.otherAuditId : undefined}>
                  {(other) => (
                    <A class="review-flags__link" href={`/review/${other()}`}>
                      {reportRef(other())}
                    </A>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
