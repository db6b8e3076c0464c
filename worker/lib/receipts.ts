/**
 * Signing and checking report receipts with Ed25519 (Web Crypto, in the Worker). The private
 * key is the secret RECEIPT_SIGNING_KEY: a private JWK (`{"kty":"OKP","crv":"Ed25519","d":…,
 * "x":…}`), generated into `.dev.vars` by `npm start` the first time, and set with `wrangler
 * secret put RECEIPT_SIGNING_KEY` in production (docs/DEPLOY notes in docs/TRAIL.md).
 */
import {
  type PublishedContent,
  publishedContentText,
  type Receipt,
  type ReceiptClaims,
  receiptMessage,
} from "../domain/receipts";
import { sha256Hex } from "./crypto";
import { ApiError } from "./errors";

const ED25519 = { name: "Ed25519" } as const;

interface PrivateJwk extends JsonWebKey {
  x: string;
  d: string;
}

function parseKey(secret: string | undefined): PrivateJwk {
  try {
    const jwk = JSON.parse(secret ?? "") as Partial<PrivateJwk>;
    if (jwk.kty === "OKP" && jwk.crv === "Ed25519" && jwk.d && jwk.x) return jwk as PrivateJwk;
  } catch {
    // Reported below: a missing or malformed key is a deployment fault, not the caller's.
  }
  throw new ApiError("internal_error", undefined, {
    cause: new Error("RECEIPT_SIGNING_KEY is missing or not an Ed25519 JWK"),
  });
}

function base64url(bytes: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The public half of the signing key, as a JWK anyone may fetch to check receipts. */
export function receiptPublicKey(secret: string | undefined): JsonWebKey & { kid: string } {
  const { x } = parseKey(secret);
  return { kty: "OKP", crv: "Ed25519", x, kid: x };
}

/** Signs a receipt's claims. */
export async function signReceipt(secret: string | undefined, claims: ReceiptClaims): Promise<Receipt> {
  const jwk = parseKey(secret);
  const key = await crypto.subtle.importKey("jwk", jwk, ED25519, false, ["sign"]);
  const signature = await crypto.subtle.sign(ED25519, key, new TextEncoder().encode(receiptMessage(claims)));
  return { ...claims, signature: base64url(signature), keyId: jwk.x };
}

/**
 * Signs the receipt of a report published by `event`: the hash of what it publishes, and where
 * that publication sits in the organisation's chain.
 */
export async function signPublication(
  secret: string | undefined,
  content: PublishedContent,
  event: { seq: number; hash: string },
): Promise<Receipt> {
  return signReceipt(secret, {
    reportId: content.reportId,
    contentHash: await sha256Hex(publishedContentText(content)),
    seq: event.seq,
    chainHash: event.hash,
  });
}

/** Whether `receipt`'s signature is valid under the public JWK `x`. */
export async function checkReceipt(publicX: string, receipt: Receipt): Promise<boolean> {
  const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: publicX }, ED25519, false, [
    "verify",
  ]);
  return crypto.subtle.verify(
    ED25519,
    key,
    fromBase64url(receipt.signature),
    new TextEncoder().encode(receiptMessage(receipt)),
  );
}
