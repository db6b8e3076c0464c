/**
 * The signed receipt of a published report: `{reportId, contentHash, seq, chainHash,
 * signature}`. `contentHash` fixes what was published (answers, score, visit), `seq` and
 * `chainHash` fix where its publication sits in the organisation's trail, and the Ed25519
 * signature (worker/lib/receipts.ts) over the canonical JSON of those four proves the service
 * issued it. docs/TRAIL.md says how a branch or an auditor checks a printed report.
 */
import { canonicalJson } from "./audits";
import type { ScoreResult } from "./scoring";

export interface ReceiptClaims {
  reportId: string;
  contentHash: string;
  seq: number;
  chainHash: string;
}

export interface Receipt extends ReceiptClaims {
  /** Base64url Ed25519 signature over `receiptMessage(claims)`. */
  signature: string;
  /** Which key signed it (its public JWK's `x`), so keys can be rotated. */
  keyId: string;
}

/** The exact bytes a receipt's signature covers. */
export function receiptMessage(claims: ReceiptClaims): string {
  return canonicalJson({
    reportId: claims.reportId,
    contentHash: claims.contentHash,
    seq: claims.seq,
    chainHash: claims.chainHash,
  });
}

/** What a published report says, as its receipt's content hash covers it. */
export interface PublishedContent {
  reportId: string;
  branchId: string;
  checklistVersionId: string;
  contact: string;
  visitStartedAt: number;
  visitEndedAt: number;
  staffDescription: string;
  overallComment: string;
  score: number | null;
  criticalFailed: boolean;
  answers: readonly PublishedAnswer[];
}

/** One answer of a published report, with the hashes of its photos. */
export interface PublishedAnswer {
  item: string;
  value: boolean | number | string | null;
  na: boolean;
  comment: string;
  evidence: readonly string[];
}

/**
 * The canonical text of a published report: the input of its content hash. Answers are
 * sorted by item key and photos by hash, so storage order never changes the hash.
 * @example publishedContentText(content) // '{"answers":[…],"branchId":"…",…}'
 */
export function publishedContentText(content: PublishedContent): string {
  const answers = [...content.answers]
    .map((a) => ({ ...a, evidence: [...a.evidence].sort() }))
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return canonicalJson({ ...content, answers });
}

/** The parts of a stored report that make its published content. */
export function publishedContentOf(
  audit: Omit<PublishedContent, "reportId" | "score" | "criticalFailed" | "answers"> & {
    id: string;
    scoreResult: Pick<ScoreResult, "score" | "criticalFailed">;
  },
  answers: ReadonlyArray<Omit<PublishedAnswer, "item" | "evidence"> & { itemKey: string }>,
  evidence: ReadonlyArray<{ itemKey: string; sha256: string }>,
): PublishedContent {
  return {
    reportId: audit.id,
    branchId: audit.branchId,
    checklistVersionId: audit.checklistVersionId,
    contact: audit.contact,
    visitStartedAt: audit.visitStartedAt,
    visitEndedAt: audit.visitEndedAt,
    staffDescription: audit.staffDescription,
    overallComment: audit.overallComment,
    score: audit.scoreResult.score,
    criticalFailed: audit.scoreResult.criticalFailed,
    answers: answers.map((a) => ({
      item: a.itemKey,
      value: a.value,
      na: a.na,
      comment: a.comment,
      evidence: evidence.filter((e) => e.itemKey === a.itemKey).map((e) => e.sha256),
    })),
  };
}
