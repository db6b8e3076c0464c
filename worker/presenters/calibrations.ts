/**
 * Calibrations as the API shows them (docs/CALIBRATION.md). What a reader sees depends on who
 * they are: head office's overseers see the raters and where the material came from; a rater
 * sees the material, their own answers and how many others have submitted, never who they are
 * or what they answered, and never which report (or whose) the visit was.
 */
import type { AnswerRecord, CalibrationRecord, Material } from "../data/calibrations";
import { type AlphaReading, readAlpha } from "../domain/agreement";
import type { CalibrationResults } from "../domain/calibration";
import { listItems } from "../domain/checklists";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** How the reader stands to the calibration: an overseer (all of it) or an invited rater (their own part). */
export type CalibrationViewer = { kind: "overseer" } | { kind: "rater"; userId: string };

export interface AnswerBody {
  item: string;
  value: boolean | number | string | null;
  na: boolean;
  comment: string;
}

function presentAnswer(a: Pick<AnswerRecord, "itemKey" | "value" | "na" | "comment">): AnswerBody {
  return { item: a.itemKey, value: a.value, na: a.na, comment: a.comment };
}

/** The rater's own standing and answers. */
function presentMine(record: CalibrationRecord, userId: string, answers: readonly AnswerRecord[]) {
  const me = record.raters.find((r) => r.userId === userId);
  if (!me) return null;
  return {
    submittedAt: iso(me.submittedAt),
    version: me.version,
    answers: answers.filter((a) => a.raterId === userId).map(presentAnswer),
  };
}

/** An item of the list: the calibration, its progress, and the reader's own standing. */
export function presentCalibrationSummary(record: CalibrationRecord, viewer: CalibrationViewer) {
  const me = viewer.kind === "rater" ? record.raters.find((r) => r.userId === viewer.userId) : undefined;
  return {
    id: record.id,
    title: record.title,
    status: record.status,
    source: record.auditId ? ("report" as const) : ("scenario" as const),
    checklist: { id: record.checklistId, versionNumber: record.versionNumber, name: record.document.name },
    invited: record.raters.length,
    submitted: record.raters.filter((r) => r.submittedAt !== null).length,
    createdAt: iso(record.createdAt) as string,
    closedAt: iso(record.closedAt),
    version: record.version,
    mine: me ? { submittedAt: iso(me.submittedAt) } : null,
  };
}

/**
 * One calibration: what must be scored (the checklist document), the material, and for a rater
 * their own answers. The original report's answers only once closed (`original`).
 */
export function presentCalibration(
  record: CalibrationRecord,
  viewer: CalibrationViewer,
  input: { material: Material; answers: readonly AnswerRecord[]; original: readonly AnswerRecord[] | null },
) {
  const overseer = viewer.kind === "overseer";
  return {
    ...presentCalibrationSummary(record, viewer),
    checklistVersionId: record.checklistVersionId,
    document: record.document,
    /** The report rated: head office only (a rater must not be able to look it, or its shopper, up). */
    auditId: overseer ? record.auditId : null,
    scenario: { en: record.scenarioEn, zh: record.scenarioZh },
    transcript: record.transcript,
    material: {
      ...input.material,
      visitStartedAt: iso(input.material.visitStartedAt),
      visitEndedAt: iso(input.material.visitEndedAt),
    },
    raters: overseer
      ? record.raters.map((r) => ({
          id: r.userId,
          name: r.name,
          role: r.role,
          submittedAt: iso(r.submittedAt),
          expert: r.userId === record.expertId,
        }))
      : null,
    expertId: overseer ? record.expertId : null,
    mine: viewer.kind === "rater" ? presentMine(record, viewer.userId, input.answers) : null,
    original: input.original ? input.original.map(presentAnswer) : null,
  };
}

/** One rater's answers (`GET /calibrations/:id/ratings/:raterId`). */
export function presentRating(record: CalibrationRecord, raterId: string, answers: readonly AnswerRecord[]) {
  const rater = record.raters.find((r) => r.userId === raterId);
  return {
    raterId,
    submittedAt: iso(rater?.submittedAt ?? null),
    version: rater?.version ?? 0,
    answers: answers.filter((a) => a.raterId === raterId).map(presentAnswer),
  };
}

/** An alpha with its interval and Krippendorff's reading. */
export interface AlphaBody {
  level: "nominal" | "ordinal" | "interval";
  alpha: number | null;
  low: number | null;
  high: number | null;
  units: number;
  samples: number;
  reading: AlphaReading;
}

/**
 * The results of a closed round. A rater sees the other raters as numbers only (`id` and `name`
 * null), themselves as `you`; head office sees everyone by name.
 */
export function presentResults(
  record: CalibrationRecord,
  viewer: CalibrationViewer,
  results: CalibrationResults,
  input: { seed: number; original: readonly AnswerRecord[] | null },
) {
  const items = new Map(listItems(record.document).map(({ item }) => [item.key, item]));
  const original = new Map((input.original ?? []).map((a) => [a.itemKey, a]));
  const names = new Map(record.raters.map((r) => [r.userId, r.name]));
  const alphas: AlphaBody[] = (["nominal", "ordinal", "interval"] as const).flatMap((level) => {
    const a = results.alphas[level];
    return a ? [{ level, ...a, reading: readAlpha(a.alpha) }] : [];
  });
  return {
    id: record.id,
    title: record.title,
    checklist: { id: record.checklistId, versionNumber: record.versionNumber, name: record.document.name },
    closedAt: iso(record.closedAt),
    seed: input.seed,
    /** The consensus is the expert's answers (else the raters' own). */
    expertConsensus: record.expertId !== null && results.raters.some((r) => r.raterId === record.expertId),
    invited: record.raters.length,
    rated: results.raters.length,
    items: results.items.map((item) => {
      const def = items.get(item.key);
      const orig = original.get(item.key);
      return {
        ...item,
        kind: def?.kind ?? null,
        prompt: def?.prompt ?? { en: item.key, zh: item.key },
        original: input.original ? (orig ? presentAnswer(orig) : null) : undefined,
      };
    }),
    alphas,
    raters: results.raters.map((r, index) => {
      const you = viewer.kind === "rater" && viewer.userId === r.raterId;
      const named = viewer.kind === "overseer" || you;
      return {
        number: index + 1,
        id: named ? r.raterId : null,
        name: named ? (names.get(r.raterId) ?? null) : null,
        you,
        expert: r.raterId === record.expertId,
        items: r.items,
        mean: r.mean,
      };
    }),
  };
}
