/**
 * Checks a printed (or saved) report's receipt, as a branch or an outside auditor would:
 *  1. the public key: from the service (`GET /api/v1/receipts/public-key`) or a saved JWK file;
 *  2. the content hash: SHA-256 of the report's canonical published content, recomputed here;
 *  3. the Ed25519 signature over {reportId, contentHash, seq, chainHash}.
 * Usage: npm run receipt:verify -- report.json <https://host | key.jwk.json>
 * where report.json is `{ "receipt": {…}, "content": {…PublishedContent} }` (docs/TRAIL.md).
 * Exit code 0 when both hold, 1 otherwise.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type PublishedContent, publishedContentText, type Receipt } from "../worker/domain/receipts";
import { checkReceipt } from "../worker/lib/receipts";

const [reportPath, keySource] = process.argv.slice(2);
if (!reportPath || !keySource) {
  console.error("Usage: npm run receipt:verify -- report.json <https://host | key.jwk.json>");
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, "utf8")) as { receipt: Receipt; content: PublishedContent };
const jwk = (
  /^https?:\/\//.test(keySource)
    ? await (await fetch(new URL("/api/v1/receipts/public-key", keySource))).json()
    : JSON.parse(readFileSync(keySource, "utf8"))
) as { x: string };

const contentHash = createHash("sha256").update(publishedContentText(report.content)).digest("hex");
const hashOk = contentHash === report.receipt.contentHash && report.content.reportId === report.receipt.reportId;
const signatureOk = await checkReceipt(jwk.x, report.receipt);
console.log(`content hash ${hashOk ? "matches" : "DOES NOT match"} the receipt`);
console.log(`signature ${signatureOk ? "is valid" : "is NOT valid"} for key ${jwk.x}`);
process.exit(hashOk && signatureOk ? 0 : 1);
