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

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const ascii = (text: string) => new TextEncoder().encode(text);

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

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

export function u32le(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

/** One PNG chunk: length, type, data and the CRC-32 of type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat(ascii(type), data);
  return concat(u32be(data.length), typeAndData, u32be(crc32(typeAndData)));
}

/** Where the tiny PNG's IHDR chunk ends: signature, IHDR length+type, IHDR data, CRC. */
export const TINY_PNG_AFTER_IHDR = 8 + 8 + 13 + 4;

/** A valid PNG nobody uploaded before: the tiny one with a tEXt chunk (with its CRC) after IHDR. */
export function uniquePng(): Uint8Array {
  const chunk = pngChunk("tEXt", concat(ascii("Comment"), new Uint8Array([0]), ascii(uniqueTag())));
  return concat(TINY_PNG.subarray(0, TINY_PNG_AFTER_IHDR), chunk, TINY_PNG.subarray(TINY_PNG_AFTER_IHDR));
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

/** One JPEG marker segment: FF, the marker, the 16-bit length (itself included), the payload. */
export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concat(new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload);
}

const SOI = new Uint8Array([0xff, 0xd8]);

/** A JFIF header (APP0): version 1.02, 72 dpi, and an optional thumbnail of `thumbnail` RGB pixels. */
function jfif(thumbnail?: { width: number; height: number; rgb: Uint8Array }): Uint8Array {
  const fields = [1, 2, 1, 0, 72, 0, 72, thumbnail?.width ?? 0, thumbnail?.height ?? 0];
  return jpegSegment(0xe0, concat(ascii("JFIF\0"), new Uint8Array(fields), thumbnail?.rgb ?? new Uint8Array()));
}

/**
 * A 64×48 JPEG as the phone's canvas writes it (libjpeg-turbo: JFIF header, quantisation and
 * Huffman tables, a baseline frame, one scan). Nothing in it is metadata: it is stored as sent.
 */
export const PHONE_JPEG = concat(
  SOI,
  jfif(),
  fromBase64(
    "/9j/2wBDAAYEBAUEBAYFBQUGBgYHCQ4JCQgICRINDQoOFRIWFhUSFBQXGiEcFxgfGRQUHScdHyIjJSUlFhwpLCgkKyEkJST/2wBDAQYGBgkICREJCREkGBQYJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCT/wAARCAAwAEADASIAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAAAAcGCP/EADEQAAEABQkECwAAAAAAAAAAAAAGEhQXpAECAxETVWbS4wQHFTEFFiMlMkNFYoShw//EABkBAAMBAQEAAAAAAAAAAAAAAAAFBgMEB//EACkRAAEDAgQFBAMAAAAAAAAAAAEAAgQDEQUTITEVUVNx0QZhkqESFkH/2gAMAwEAAhEDEQA/AJcAVZxWIYPUMZmIx4ls91r7aE7dgeamYkCvKvkNvbfUDfuVKQVZxWIYPUDisQweocX7Dh/U+neF2cBn9P7b5UpBVnFYhg9QyidIL1KYe8GxrtPJs1FVfdLXWt9G0fGYcioKVJ93H2Pf+hYyMIl0KZq1WWaPceVlAANEuQ6sOUzoF6aH3vDUuQkfVMatWysphdb8tgTy5Kp9MyKVHNzXBt7bkDmtWDKPTQ+94alyB6aH3vDUuQkuGy+k74nwqriEXqt+Q8rVkp36+ifI/M1b00PveGpchPt7CU9DpLwrhO2NLPbWnZz5iqylXikkr5S8htgUGRTnU31KbgBfUggbFKsbmR6kJ7GVATpoCOYU/AB6KoFAACEAAIQAAhAACF//2Q==",
  ).subarray(2),
);

/**
 * An Exif block (APP1 payload) as a camera writes it: a big-endian TIFF header, IFD0 with
 * the camera owner's name (Artist) and a pointer to a GPS IFD holding 39°54'50" N.
 */
function exifPayload(owner: string): Uint8Array {
  const name = ascii(`${owner}\0`);
  const tiff = new DataView(new ArrayBuffer(92 + name.length));
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.setUint16(at, tag);
    tiff.setUint16(at + 2, type);
    tiff.setUint32(at + 4, count);
    tiff.setUint32(at + 8, value);
  };
  tiff.setUint16(0, 0x4d4d); // "MM"
  tiff.setUint16(2, 42);
  tiff.setUint32(4, 8); // IFD0
  tiff.setUint16(8, 2);
  entry(10, 0x013b, 2, name.length, 92); // Artist, ASCII, at 92
  entry(22, 0x8825, 4, 1, 38); // GPSInfo IFD at 38
  tiff.setUint32(34, 0); // no IFD1
  tiff.setUint16(38, 2);
  entry(40, 0x0001, 2, 2, 0x4e000000); // GPSLatitudeRef "N"
  entry(52, 0x0002, 5, 3, 68); // GPSLatitude, 3 rationals at 68
  tiff.setUint32(64, 0);
  [39, 1, 54, 1, 50, 1].forEach((n, i) => {
    tiff.setUint32(68 + 4 * i, n);
  });
  const bytes = new Uint8Array(tiff.buffer);
  bytes.set(name, 92);
  return concat(ascii("Exif\0\0"), bytes);
}

/**
 * A JPEG straight from a camera, nobody uploaded before: a JFIF header with a thumbnail, an
 * Exif block with the owner's name and a GPS position, an ICC profile, an XMP packet and a
 * comment, then the tiny image. `stored` is what the server must keep: SOI, the JFIF header
 * without its thumbnail, the ICC profile, the image.
 */
export function cameraJpeg(): { upload: Uint8Array; stored: Uint8Array; owner: string } {
  const owner = `Jane Q. Owner ${crypto.randomUUID()}`;
  const icc = jpegSegment(0xe2, concat(ascii("ICC_PROFILE\0"), new Uint8Array([1, 1]), ascii("not a real profile")));
  const xmp = jpegSegment(
    0xe1,
    ascii(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${owner}</dc:creator></x:xmpmeta>`),
  );
  const comment = jpegSegment(0xfe, ascii(`Taken by ${owner}`));
  const thumbnail = { width: 1, height: 1, rgb: new Uint8Array([0xb3, 0x26, 0x1e]) };
  const image = TINY_JPEG.subarray(2);
  return {
    upload: concat(SOI, jfif(thumbnail), jpegSegment(0xe1, exifPayload(owner)), icc, xmp, comment, image),
    stored: concat(SOI, jfif(), icc, image),
    owner,
  };
}
