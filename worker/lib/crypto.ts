/**
 * Password hashing and random tokens on WebCrypto, which both Workers and Node provide.
 *
 * PBKDF2-SHA256 at 100,000 iterations is the most the Workers runtime allows; a
 * per-user 16-byte salt defeats precomputed tables.
 */

export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

/**
 * Hashes a password into a self-describing string.
 * @example
 * const stored = await hashPassword("courtesy-demo"); // "pbkdf2-sha256$100000$…$…"
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Constant-time comparison, so response timing does not reveal how much of a hash matched. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** A hash of a random password, checked when the account does not exist so timing stays the same. */
const DUMMY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

/** Checks a password against a stored hash; `null` (no password yet) never matches but costs the same time. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iterText, saltText, hashText] = (stored ?? DUMMY_HASH).split("$");
  const iterations = Number(iterText);
  if (scheme !== "pbkdf2-sha256" || !saltText || !hashText || !Number.isInteger(iterations) || iterations < 1) {
    return false;
  }
  const actual = await derive(password, fromBase64(saltText), iterations);
  return equalBytes(actual, fromBase64(hashText)) && stored !== null;
}

/** A 256-bit random token, URL-safe (session cookies, invitation links). */
export function randomToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Hex SHA-256 of a string: tokens are stored only as their hash. */
export async function sha256Hex(text: string): Promise<string> {
  return sha256HexOfBytes(encoder.encode(text));
}

/** Hex SHA-256 of some bytes (evidence photos are addressed by it). */
export async function sha256HexOfBytes(bytes: ArrayBuffer | ArrayBufferView): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
