/**
 * Pieces every complaints screen shares: the status chip, the next deadline as "due in 3 h" or
 * "2 days late" (its exact time in the branch's time zone), and one complaint as a list row.
 */

import { Show } from "solid-js";
import { Badge, type BadgeTone } from "../../../components/badge";
import { A } from "../../../components/link";
import { localName } from "../../../lib/formats";
import { intlLocale } from "../../../lib/i18n";
import type { ComplaintBranch, ComplaintStatus, ComplaintSummary, OverdueKind } from "../complaint-queries";
import { tc } from "../complaints-i18n";

const STATUS_TONES: Record<ComplaintStatus, BadgeTone> = {
  new: "danger",
  acknowledged: "warning",
  remedy_proposed: "warning",
  resolved: "accent",
  followed_up: "success",
  closed: "neutral",
};

export function StatusBadge(props: { status: ComplaintStatus }) {
  return <Badge tone={STATUS_TONES[props.status]}>{tc(`status.${props.status}`)}</Badge>;
}

export const branchName = (branch: ComplaintBranch) =>
  `${branch.code} ${localName({ en: branch.nameEn, zh: branch.nameZh })}`;

const due = (kind: OverdueKind, at: string | null) => (at ? { kind, at } : undefined);

/** The deadline a complaint in `status` is working towards, if any. */
export function nextDeadline(c: ComplaintSummary): { kind: OverdueKind; at: string } | undefined {
  switch (c.status) {
    case "new":
      return due("acknowledge", c.acknowledgeBy);
    case "acknowledged":
      return due("remedy", c.remedyBy);
    case "remedy_proposed":
      return due("resolve", c.resolveBy);
    case "resolved":
      return due("follow_up", c.followUpDue);
    default:
      return undefined;
  }
}

/** A span of time as "25 min", "3 h" or "2 days" (whole units, rounded up). */
export function span(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 60) return tc("span.minutes", minutes);
  const hours = Math.ceil(minutes / 60);
  if (hours < 48) return tc("span.hours", hours);
  return tc("span.days", Math.floor(hours / 24));
}

/** An instant in the branch's time zone (the viewer's when it is not known). */
export function branchTime(iso: string | null, timeZone: string | undefined): string {
  if (!iso) return "–";
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Date(iso).toLocaleString(intlLocale(), timeZone ? { ...options, timeZone } : options);
  } catch {
    return new Date(iso).toLocaleString(intlLocale(), options);
  }
}

/** "Acknowledge: due in 3 h" or "Acknowledge: 2 days late", with the exact time in the branch's zone. */
export function Deadline(props: { kind: OverdueKind; at: string; timeZone?: string | undefined; now?: number }) {
  const left = () => new Date(props.at).getTime() - (props.now ?? Date.now());
  const what = () => tc(`deadline.${props.kind}`);
  return (
    <span class="complaint-deadline" classList={{ "complaint-deadline--late": left() < 0 }} data-deadline={props.kind}>
      <span class="complaint-deadline__text">
        {left() < 0
          ? tc("deadline.late", { what: what(), late: span(-left()) })
          : tc("deadline.dueIn", { what: what(), left: span(left()) })}
      </span>
      <span class="complaint-deadline__at">{tc("deadline.at", { when: branchTime(props.at, props.timeZone) })}</span>
    </span>
  );
}

/** One complaint in a list: product and problem (a link), branch, channel, status and next deadline. */
export function ComplaintRow(props: {
  complaint: ComplaintSummary;
  timeZone?: string | undefined;
  showBranch?: boolean;
}) {
  const c = () => props.complaint;
  const late = () => c().overdue.length > 0;
  return (
    <li class="complaint-row" classList={{ "complaint-row--late": late() }} data-id={c().id}>
      <A class="complaint-row__title" href={`/complaints/${c().id}`}>
        {c().product || tc("list.noProduct")}
      </A>
      <span class="complaint-row__problem">{c().problem}</span>
      <span class="complaint-row__meta">
        <Show when={props.showBranch}>{`${branchName(c().branch)} · `}</Show>
        {`${tc(`channel.${c().channel}`)} · ${branchTime(c().receivedAt, props.timeZone)}`}
      </span>
      <span class="badges">
        <StatusBadge status={c().status} />
      </span>
      <Show when={nextDeadline(c())}>
        {(next) => <Deadline kind={next().kind} at={next().at} timeZone={props.timeZone} />}
      </Show>
    </li>
  );
}
