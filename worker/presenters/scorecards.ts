/**
 * Scorecard shapes for the wire: figures rounded for display (points to 2 decimals, rates to
 * 4), names as `{ en, zh }`. Never a shopper's identity.
 */

import type { Channel, ContactKind } from "../../schema/enums";
import type { Localized } from "../domain/checklists";
import type { Period } from "../domain/periods";
import {
  type BranchCard,
  type BranchCardSection,
  type CatalogItem,
  changeSince,
  type ItemFigure,
  round,
  type ScoreFigure,
} from "../domain/scorecards";

/** The period the figures cover, as the client shows and pages it. */
export type PeriodBody = Pick<
  Period,
  "from" | "to" | "fromMonth" | "toMonth" | "months" | "previous" | "asOf" | "partialMonth"
>;

export function presentPeriod(period: Period): PeriodBody {
  return {
    from: period.from,
    to: period.to,
    fromMonth: period.fromMonth,
    toMonth: period.toMonth,
    months: period.months,
    previous: period.previous,
    asOf: period.asOf,
    partialMonth: period.partialMonth,
  };
}

/** A score: points rounded to 2 decimals, the critical-failure rate to 4; null without scored audits. */
export interface ScoreBody {
  audits: number;
  n: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
  insufficient: boolean;
  criticalFailed: number;
  criticalRate: number | null;
}

export function presentScore(figure: ScoreFigure): ScoreBody {
  return {
    audits: figure.audits,
    n: figure.n,
    mean: round(figure.mean, 2),
    sd: round(figure.sd, 2),
    low: round(figure.low, 2),
    high: round(figure.high, 2),
    insufficient: figure.insufficient,
    criticalFailed: figure.criticalFailed,
    criticalRate: round(figure.criticalRate, 4),
  };
}

/** An item's pass rate and its interval, rounded to 4 decimals; null when nothing was judged. */
export interface RateBody {
  passes: number;
  fails: number;
  nas: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export function presentRate(figure: ItemFigure): RateBody {
  return {
    passes: figure.passes,
    fails: figure.fails,
    nas: figure.nas,
    rate: round(figure.rate, 4),
    low: round(figure.low, 4),
    high: round(figure.high, 4),
  };
}

/** An item with its section; `section` is null for an item no published version names any more. */
export interface CatalogItemBody {
  /** `<checklist id>:<item key>` (`keyInChecklist`). */
  id: string;
  checklistId: string;
  key: string;
  prompt: Localized;
  section: { key: string; title: Localized } | null;
  critical: boolean;
}

export function presentCatalogItem(item: CatalogItem & { known?: boolean }): CatalogItemBody {
  return {
    id: `${item.checklistId}:${item.key}`,
    checklistId: item.checklistId,
    key: item.key,
    prompt: item.prompt,
    section: item.known === false ? null : { key: item.sectionKey, title: item.sectionTitle },
    critical: item.critical,
  };
}

/** A point of a trend line: n, mean and its interval. */
export type PointBody = Pick<ScoreBody, "n" | "mean" | "low" | "high">;

export function presentPoint(figure: ScoreFigure): PointBody {
  return { n: figure.n, mean: round(figure.mean, 2), low: round(figure.low, 2), high: round(figure.high, 2) };
}

/** The previous period's mean and the change since, for a score and the one before it. */
export interface ChangeBody {
  previous: { n: number; mean: number | null };
  /** Points since the previous period; null when either has no mean. */
  change: number | null;
}

export function presentChange(score: ScoreFigure, prior: ScoreFigure): ChangeBody {
  return { previous: { n: prior.n, mean: round(prior.mean, 2) }, change: round(changeSince(score, prior), 2) };
}

/** A region or a branch as a label: id, code and name. */
export interface NameBody {
  id: string;
  code: string;
  name: Localized;
}

export function presentName(row: { id: string; code: string; nameEn: string; nameZh: string }): NameBody {
  return { id: row.id, code: row.code, name: { en: row.nameEn, zh: row.nameZh } };
}

/** An audit as a scorecard lists it: when, how, its score. Never the shopper. */
export interface AuditRowView {
  id: string;
  contact: ContactKind;
  visitStartedAt: string;
  score: number | null;
  criticalFailed: boolean;
}

/** The one shape of an audit row on the scorecards (the audits behind a figure, a branch's latest audit). */
export function presentAuditRow(row: {
  id: string;
  contact: ContactKind;
  visitStartedAt: number;
  score: number | null;
  criticalFailed: boolean | number;
}): AuditRowView {
  return {
    id: row.id,
    contact: row.contact,
    visitStartedAt: new Date(row.visitStartedAt).toISOString(),
    score: round(row.score, 2),
    criticalFailed: Boolean(row.criticalFailed),
  };
}

type LatestAuditRow = Parameters<typeof presentAuditRow>[0] & { checklistVersionId: string };

/** `GET /scorecards/branches/:id`: one branch's card, with the checklists (`C`) it counts. */
export interface BranchCardBody<C> extends ChangeBody {
  period: PeriodBody;
  branch: NameBody & { channel: Channel; region: NameBody };
  checklists: C[];
  latestAudit: (AuditRowView & { checklist: Localized | null }) | null;
  score: ScoreBody;
  organization: ScoreBody;
  trend: Array<{ month: string; branch: PointBody; organization: { n: number; mean: number | null } }>;
  sections: BranchCardSection[];
  items: Array<
    CatalogItemBody & { branch: RateBody; organization: RateBody; failed: boolean; belowOrganization: boolean }
  >;
}

/** One branch's card (`branchCard`) for the wire, with the branch it is about. */
export function presentBranchCard<C extends { id: string; name: Localized }>(
  period: Period,
  branch: {
    id: string;
    code: string;
    nameEn: string;
    nameZh: string;
    channel: Channel;
    region: { id: string; code: string; nameEn: string; nameZh: string };
  },
  card: BranchCard<C, LatestAuditRow>,
): BranchCardBody<C> {
  return {
    period: presentPeriod(period),
    branch: { ...presentName(branch), channel: branch.channel, region: presentName(branch.region) },
    checklists: card.checklists,
    latestAudit: card.latestAudit
      ? { ...presentAuditRow(card.latestAudit.audit), checklist: card.latestAudit.checklist }
      : null,
    score: presentScore(card.score),
    ...presentChange(card.score, card.prior),
    organization: presentScore(card.organization),
    trend: card.trend.map((point) => ({
      month: point.month,
      branch: presentPoint(point.branch),
      organization: { n: point.organization.n, mean: round(point.organization.mean, 2) },
    })),
    sections: card.sections.map((section) => ({
      ...section,
      mean: round(section.mean, 2),
      organization: round(section.organization, 2),
    })),
    items: card.items.map((row) => ({
      ...presentCatalogItem(row.item),
      branch: presentRate(row.branch),
      organization: presentRate(row.organization),
      failed: row.failed,
      belowOrganization: row.belowOrganization,
    })),
  };
}
