/**
 * Tiny real images for the evidence tests (2×2 pixels, made with sharp and checked to decode),
 * their SHA-256, and variants that are still valid files but have bytes no other test uses:
 * uploads are content-addressed and storage is shared between test files.
 *
 * Pure (no Workers imports): `helpers.ts` re-exports everything.
 */

function fromBase64(b64: string): Uint8Array {
  const text = atob(b64);
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** Baseline JPEG, no JFIF header: FF D8 FF DB. */
export const TINY_JPEG = fromBase64(
  "/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCWAGLp/9k=",
);
export const TINY_JPEG_SHA256 = "6a9534ae345350f325e88e0434b1f2f89a2473ce27ada5d5c6b61764fe80287b";

export const TINY_PNG = fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAD0lEQVQI12NgYDgDRmAKABMuAzF2l6GyAAAAAElFTkSuQmCC",
);
export const TINY_PNG_SHA256 = "53f5750ae2eda09704578feab3550f4a12044fd194dc4d9b2690443842840633";

/** Lossless WebP in the simple format: RIFF, WEBP, one VP8L chunk. */
export const TINY_WEBP = fromBase64("UklGRhwAAABXRUJQVlA4TA8AAAAvAUAAAAdQ5oj+ByKi/wEA");
export const TINY_WEBP_SHA256 = "7f5e54e5e6d9955d13bf9735bef46656d9324298af15963a53ff8b10fdcf51d2";

/** A GIF: a real image, but not a format Courtesy accepts. */
export const TINY_GIF = fromBase64("R0lGODlhAgACAIAAAExpcczMzCH5BAUAAAAALAAAAAACAAIAAAICjFMAOw==");

export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const ascii = (text: string) => new TextEncoder().encode(text);

const uniqueTag = () => `courtesy-test ${crypto.randomUUID()}`;

/**
 * A valid JPEG nobody uploaded before: the tiny one with comment segments (FF FE) after SOI.
 * `atLeastBytes` pads it with more comment segments (at most 65,533 bytes each) to that size.
 */
export function uniqueJpeg(atLeastBytes = 0): Uint8Array {
  const segment = (payload: Uint8Array) => {
    const length = payload.length + 2;
    return concat(new Uint8Array([0xff, 0xfe, length >> 8, length & 0xff]), payload);
  };
  const tag = segment(ascii(uniqueTag()));
  const segments = [tag];
  let size = TINY_JPEG.length + tag.length;
  while (size < atLeastBytes) {
    const payload = new Uint8Array(Math.min(65_533, Math.max(1, atLeastBytes - size - 4))).fill(0x20);
    segments.push(segment(payload));
    size += payload.length + 4;
  }
  return concat(TINY_JPEG.subarray(0, 2), ...segments, TINY_JPEG.subarray(2));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

function u32le(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

/** A valid PNG nobody uploaded before: the tiny one with a tEXt chunk (with its CRC) after IHDR. */
export function uniquePng(): Uint8Array {
  const typeAndData = concat(ascii("tEXt"), ascii("Comment"), new Uint8Array([0]), ascii(uniqueTag()));
  const chunk = concat(u32be(typeAndData.length - 4), typeAndData, u32be(crc32(typeAndData)));
  const afterIhdr = 8 + 8 + 13 + 4; // signature, IHDR length+type, IHDR data, CRC
  return concat(TINY_PNG.subarray(0, afterIhdr), chunk, TINY_PNG.subarray(afterIhdr));
}

/**
 * A valid WebP nobody uploaded before: the tiny image in the extended format (a VP8X chunk
 * for a 2×2 canvas, the VP8L chunk, then an unknown chunk, which decoders skip).
 */
export function uniqueWebp(): Uint8Array {
  const vp8x = concat(ascii("VP8X"), u32le(10), new Uint8Array([0, 0, 0, 0, 1, 0, 0, 1, 0, 0]));
  const vp8l = TINY_WEBP.subarray(12);
  let tag = ascii(uniqueTag());
  if (tag.length % 2) tag = concat(tag, new Uint8Array([0]));
  const extra = concat(ascii("XTRA"), u32le(tag.length), tag);
  const body = concat(ascii("WEBP"), vp8x, vp8l, extra);
  return concat(ascii("RIFF"), u32le(body.length), body);
}
