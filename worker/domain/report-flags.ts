/**
 * Every shopper-quality flag of one submitted report (docs/QUALITY.md), from the facts the route
 * gathered: the rules are quality-flags.ts's; this puts them together with the organisation's
 * thresholds, picks which dHash of a photo to trust, and checks the phone's metadata against the
 * report. Pure.
 */
import type { Submission, SubmissionProblem, VisitWindow } from "./audits";
import type { ChecklistDocument } from "./checklists";
import {
  DEFAULT_FLAG_THRESHOLDS,
  type Fix,
  type FlagThresholds,
  fixFarFromBranch,
  formTooFast,
  hammingDistance,
  identicalFixes,
  type OtherPhoto,
  type PhotoFacts,
  photoTimesOutsideVisit,
  type QualityFlag,
  reusedPhotos,
  straightLining,
  visitOutsideHours,
  visitOutsideWindow,
  type Weekday,
} from "./quality-flags";
import type { ScoreResult } from "./scoring";
import { auditFlags } from "./visit-times";

export const FLAG_THRESHOLD_KEYS = Object.keys(DEFAULT_FLAG_THRESHOLDS) as (keyof FlagThresholds)[];

/**
 * The thresholds an organisation works with: the defaults, overridden by its stored settings
 * (unknown keys and values that are not numbers are ignored).
 * @example effectiveThresholds({ farFromBranchMeters: 300 }).farFromBranchMeters // 300
 */
export function effectiveThresholds(overrides: Record<string, unknown> | null | undefined): FlagThresholds {
  const out: FlagThresholds = { ...DEFAULT_FLAG_THRESHOLDS };
  for (const key of FLAG_THRESHOLD_KEYS) {
    const value = overrides?.[key];
    if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/** More differing bits than this between the phone's dHash and the server's: the server's wins. */
export const DHASH_TRUST_BITS = 5;

/**
 * The dHash a photo is known by: the phone's, unless the server decoded the uploaded bytes and
 * the phone's is missing or more than `DHASH_TRUST_BITS` away from it (the bytes are the truth).
 * @example printDHash("00000000000000ff", "0000000000000000") // "0000000000000000"
 */
export function printDHash(phone: string | null | undefined, server: string | null | undefined): string | null {
  if (server && (!phone || hammingDistance(phone, server) > DHASH_TRUST_BITS)) return server;
  return phone ?? null;
}

/**
 * What is wrong with the phone's metadata, beyond its shape: a photo not among the report's
 * evidence or described twice, fixes not oldest first. Each refuses the whole report (422):
 * metadata that does not describe this report is not stored half-way.
 */
export function checkReportFacts(submission: Pick<Submission, "answers" | "fixes" | "photos">): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const evidence = new Set(submission.answers.flatMap((a) => a.evidence ?? []));
  const seen = new Set<string>();
  (submission.photos ?? []).forEach((photo, i) => {
    if (!evidence.has(photo.sha256)) {
      problems.push({
        path: `photos[${i}].sha256`,
        code: "unknown_reference",
        message: "This photo is not among the report's evidence",
      });
    } else if (seen.has(photo.sha256)) {
      problems.push({ path: `photos[${i}].sha256`, code: "taken", message: "This photo is described twice" });
    }
    seen.add(photo.sha256);
  });
  const fixes = submission.fixes ?? [];
  for (let i = 1; i < fixes.length; i++) {
    if (Date.parse(fixes[i]?.takenAt ?? "") < Date.parse(fixes[i - 1]?.takenAt ?? "")) {
      problems.push({ path: `fixes[${i}].takenAt`, code: "invalid_value", message: "Fixes come oldest first" });
      break;
    }
  }
  return problems;
}

/** Everything the flags of one report are computed from. */
export interface ReportFacts {
  document: ChecklistDocument;
  result: Pick<ScoreResult, "sections">;
  contact: Submission["contact"];
  visit: { startedAt: number; endedAt: number };
  window: VisitWindow;
  branch: {
    lat: number | null;
    lng: number | null;
    openingHours: Partial<Record<Weekday, Array<[string, string]>>> | null;
  };
  /** The check-in (`location`). */
  checkIn: Fix | null;
  fixes: readonly Fix[];
  formSeconds: number | null;
  /** This report's photos, each with its trusted dHash (`printDHash`) and capture time. */
  photos: readonly PhotoFacts[];
  /** Photos of other reports that could match (same SHA-256 or a shared dHash band). */
  others: readonly OtherPhoto[];
  /** The answers' comments. */
  comments: readonly string[];
  thresholds: FlagThresholds;
}

/**
 * The report's flags, in a stable order: too_fast (visit, then form), outside_window,
 * outside_hours, far_from_branch, location_jitter, photo_reused, photo_time_mismatch, straight_lining.
 */
export function reportFlags(facts: ReportFacts): QualityFlag[] {
  const t = facts.thresholds;
  const scored = facts.result.sections.reduce((n, s) => n + s.items.filter((i) => i.ratio !== null).length, 0);
  const visitTimes = {
    visitStartedAt: new Date(facts.visit.startedAt).toISOString(),
    visitEndedAt: new Date(facts.visit.endedAt).toISOString(),
  };
  const single = [
    ...auditFlags(facts.document, visitTimes),
    formTooFast(facts.formSeconds, scored, t),
    visitOutsideWindow(facts.visit.startedAt, facts.window),
    visitOutsideHours(facts.visit.startedAt, facts.window.timeZone, facts.branch.openingHours),
    // A call is made from anywhere: only a visit is judged by where the phone was.
    facts.contact === "visit" ? fixFarFromBranch(facts.checkIn ?? facts.fixes[0], facts.branch, t) : null,
    identicalFixes(facts.fixes, t),
  ];
  return [
    ...single.filter((f): f is QualityFlag => f !== null),
    ...reusedPhotos(facts.photos, facts.others, t),
    ...photoTimesOutsideVisit(facts.photos, facts.visit, t),
    ...[straightLining(facts.result, facts.comments, t)].filter((f): f is QualityFlag => f !== null),
  ];
}
