/**
 * Evidence photos: which image formats Courtesy accepts, and a structural check of every
 * upload. A file's declared type is never trusted, and three magic bytes are not enough
 * either: `FF D8 FF` followed by HTML is not a photo. `inspectImage` walks the whole
 * container (JPEG markers to EOI, PNG chunks with their CRCs to IEND, WebP RIFF chunks),
 * reads the pixel size, and returns the bytes without their metadata, so a photo sent
 * without the app's canvas re-encode does not carry GPS positions or owner names to the
 * branch manager.
 *
 * What is kept is a list of what a decoder needs to draw the picture right (an allow-list,
 * so a new metadata format is dropped by default): JPEG frame, tables, scans, JFIF (without
 * its thumbnail), ICC profile and Adobe colour transform; PNG critical chunks and colour /
 * transparency / pixel-size chunks; WebP image, alpha and ICC chunks. Everything else
 * (Exif, XMP, IPTC, comments, text, times, thumbnails, unknown chunks) is dropped.
 *
 * The pixel data itself is not decoded (a Worker has no image codec); a file whose structure
 * is right but whose compressed data is garbage is stored and simply shows as broken.
 */
import type { EvidenceType } from "../../schema/enums";

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** Longest side of an accepted photo, in pixels. The phone sends at most 1,600. */
export const MAX_IMAGE_SIDE = 12_000;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);

/**
 * The image type of some bytes, or null when they are not a JPEG, PNG or WebP file.
 * @example detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // "image/jpeg"
 */
export function detectImageType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}

export type ImageInspection =
  | {
      ok: true;
      type: EvidenceType;
      width: number;
      height: number;
      /** The file without its metadata: what is stored and served. */
      bytes: Uint8Array;
    }
  | { ok: false; reason: string };

type Refusal = { ok: false; reason: string };
type Picture = { width: number; height: number; bytes: Uint8Array };

const refuse = (reason: string): Refusal => ({ ok: false, reason });

/**
 * Checks that some bytes are a whole, well-formed JPEG, PNG or WebP file of a sensible pixel
 * size, and returns its type, size and the bytes with metadata removed. Never throws.
 * Inspecting the returned bytes again returns them unchanged.
 * @example
 * const photo = inspectImage(upload);
 * if (!photo.ok) throw new ApiError("unsupported_media_type", photo.reason);
 * store(photo.bytes, photo.width, photo.height);
 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const type = detectImageType(bytes);
  if (!type) return refuse("Only JPEG, PNG or WebP photos are accepted");
  const picture = type === "image/jpeg" ? walkJpeg(bytes) : type === "image/png" ? walkPng(bytes) : walkWebp(bytes);
  if ("ok" in picture) return picture;
  const { width, height } = picture;
  if (width < 1 || height < 1) return refuse(`The image has no pixels (${width}×${height})`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return refuse(`The image is ${width}×${height} pixels; at most ${MAX_IMAGE_SIDE} a side`);
  }
  return { ok: true, type, ...picture };
}

// ---------------------------------------------------------------------------------------
// Byte helpers. Callers check bounds first; `?? 0` only satisfies noUncheckedIndexedAccess.

const at8 = (b: Uint8Array, i: number) => b[i] ?? 0;
const u16be = (b: Uint8Array, i: number) => (at8(b, i) << 8) | at8(b, i + 1);
const u32be = (b: Uint8Array, i: number) => ((at8(b, i) << 24) | (at8(b, i + 1) << 16) | u16be(b, i + 2)) >>> 0;
const u16le = (b: Uint8Array, i: number) => at8(b, i) | (at8(b, i + 1) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | (at8(b, i + 2) << 16);
const u32le = (b: Uint8Array, i: number) => (u24le(b, i) | (at8(b, i + 3) << 24)) >>> 0;
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const hexByte = (n: number) => n.toString(16).toUpperCase().padStart(2, "0");

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// JPEG (ITU T.81): SOI, marker segments with 16-bit lengths, SOS headers each followed by
// entropy-coded data (where FF is always followed by 00 or a restart marker), EOI.

const SOF_BASELINE = 0xc0;
const SOF_EXTENDED = 0xc1;
const SOF_PROGRESSIVE = 0xc2;
const DHT = 0xc4;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DRI = 0xdd;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

/**
 * What is stored of an APPn segment: the segment, a shortened one, or null (dropped). Only
 * segments that change how the pixels look stay, recognised by their identifier.
 */
function keptAppSegment(code: number, segment: Uint8Array, payload: Uint8Array): Uint8Array | null {
  if (code === APP0 && ascii(payload, 0, 5) === "JFIF\0" && payload.length >= 14) {
    // Version, density units and densities stay; the optional thumbnail (an uncropped
    // preview of the photo) goes: thumbnail size 0×0, segment length 16.
    return concat([new Uint8Array([0xff, APP0, 0, 16]), payload.subarray(0, 12), new Uint8Array([0, 0])]);
  }
  if (code === APP2 && ascii(payload, 0, 12) === "ICC_PROFILE\0") return segment;
  if (code === APP14 && ascii(payload, 0, 5) === "Adobe") return segment; // colour transform of CMYK/YCCK
  return null; // Exif, XMP, IPTC, MPF, JFXX thumbnails, vendor data
}

function walkJpeg(b: Uint8Array): Picture | Refusal {
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let frame: { width: number; height: number } | null = null;
  let scans = 0;
  let at = 2;
  for (;;) {
    if (at >= b.length) return refuse("The JPEG ends before its end-of-image marker");
    if (b[at] !== 0xff) return refuse(`The JPEG has data outside any segment at byte ${at}`);
    while (b[at] === 0xff) at++; // fill bytes may precede a marker
    if (at >= b.length) return refuse("The JPEG ends before its end-of-image marker");
    const code = at8(b, at);
    at++;
    if (code === EOI) {
      if (!frame || scans === 0) return refuse("The JPEG has no image data");
      // Some encoders pad the file; anything else after the end (a second file, a script) is refused.
      for (let i = at; i < b.length; i++) {
        if (b[i] !== 0x00 && b[i] !== 0xff) return refuse("The JPEG has data after its end-of-image marker");
      }
      kept.push(new Uint8Array([0xff, EOI]));
      return { ...frame, bytes: concat(kept) };
    }
    if (code === SOI) return refuse("The JPEG has a second start-of-image marker");
    if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
      // Markers without a length (TEM, restarts) belong inside a scan, not here.
      return refuse(`The JPEG has a stray marker FF${hexByte(code)}`);
    }
    if (at + 2 > b.length) return refuse("The JPEG ends inside a segment");
    const length = u16be(b, at);
    if (length < 2 || at + length > b.length) return refuse(`The JPEG segment FF${hexByte(code)} has a bad length`);
    const segment = b.subarray(at - 2, at + length);
    const payload = b.subarray(at + 2, at + length);
    at += length;

    if (code === SOF_BASELINE || code === SOF_EXTENDED || code === SOF_PROGRESSIVE) {
      if (frame) return refuse("The JPEG has two frame headers");
      const components = at8(payload, 5);
      if (payload.length < 6 || components < 1 || components > 4 || payload.length !== 6 + 3 * components) {
        return refuse("The JPEG frame header is malformed");
      }
      frame = { height: u16be(payload, 1), width: u16be(payload, 3) };
      kept.push(segment);
    } else if (code === SOS) {
      if (!frame) return refuse("The JPEG has image data before its frame header");
      const components = at8(payload, 0);
      if (components < 1 || components > 4 || payload.length !== 4 + 2 * components) {
        return refuse("The JPEG scan header is malformed");
      }
      kept.push(segment);
      // Entropy-coded data runs to the first FF that is not stuffing (FF 00), a restart
      // marker (FF D0–D7) or a fill byte before a marker.
      const start = at;
      for (;;) {
        at = b.indexOf(0xff, at);
        if (at < 0 || at + 1 >= b.length) return refuse("The JPEG ends inside its image data");
        const next = at8(b, at + 1);
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
        else if (next === 0xff) at++;
        else break;
      }
      kept.push(b.subarray(start, at));
      scans++;
    } else if (code === DHT || code === DQT || code === DRI) {
      kept.push(segment);
    } else if (code >= APP0 && code <= APP15) {
      const stored = keptAppSegment(code, segment, payload);
      if (stored) kept.push(stored);
    } else if (code === COM) {
      // Free text: dropped with the rest of the metadata.
    } else {
      // Arithmetic, lossless and hierarchical coding, DNL, reserved markers: not what a
      // phone camera or a canvas writes.
      return refuse(`The JPEG uses an unsupported marker FF${hexByte(code)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// PNG (ISO 15948 / W3C PNG 3rd edition): signature, IHDR first, chunks of length, type,
// data and CRC-32 over type and data, consecutive IDATs, IEND last.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Ancillary chunks that change how the pixels look; every other ancillary chunk is dropped. */
const PNG_KEPT_ANCILLARY = new Set([
  "tRNS",
  "cHRM",
  "gAMA",
  "iCCP",
  "sBIT",
  "sRGB",
  "cICP",
  "mDCV",
  "cLLI",
  "bKGD",
  "pHYs",
]);

/** Bit depths allowed per colour type. */
const PNG_BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * CRC-32 (ISO 3309, as in PNG and zip).
 * @example crc32(new TextEncoder().encode("IEND")) // 0xae426082
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ at8(bytes, i)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function walkPng(b: Uint8Array): Picture | Refusal {
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let header: { width: number; height: number; colorType: number } | null = null;
  let palette = false;
  let idat: "none" | "open" | "closed" = "none";
  let at = 8;
  for (;;) {
    if (at + 12 > b.length) return refuse("The PNG ends before its IEND chunk");
    const length = u32be(b, at);
    const type = ascii(b, at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return refuse(`The PNG has a malformed chunk at byte ${at}`);
    if (length > 0x7fffffff || at + 12 + length > b.length) return refuse(`The PNG chunk ${type} is cut short`);
    const data = b.subarray(at + 8, at + 8 + length);
    if (crc32(b.subarray(at + 4, at + 8 + length)) !== u32be(b, at + 8 + length)) {
      return refuse(`The PNG chunk ${type} fails its CRC check`);
    }
    const chunk = b.subarray(at, at + 12 + length);
    at += 12 + length;

    if (!header && type !== "IHDR") return refuse("The PNG does not start with its IHDR chunk");
    if (idat === "open" && type !== "IDAT") idat = "closed";
    switch (type) {
      case "IHDR": {
        if (header) return refuse("The PNG has two IHDR chunks");
        const [depth, colorType, compression, filter, interlace] = data.subarray(8);
        if (
          length !== 13 ||
          !PNG_BIT_DEPTHS[colorType ?? -1]?.includes(depth ?? -1) ||
          compression !== 0 ||
          filter !== 0 ||
          (interlace !== 0 && interlace !== 1)
        ) {
          return refuse("The PNG header (IHDR) is malformed");
        }
        header = { width: u32be(data, 0), height: u32be(data, 4), colorType: colorType ?? -1 };
        kept.push(chunk);
        break;
      }
      case "PLTE":
        if (palette || idat !== "none" || length === 0 || length % 3 !== 0 || length > 768) {
          return refuse("The PNG palette (PLTE) is malformed or misplaced");
        }
        palette = true;
        kept.push(chunk);
        break;
      case "IDAT":
        if (idat === "closed") return refuse("The PNG image data (IDAT) is not in one run");
        if (header?.colorType === 3 && !palette) return refuse("The PNG has a palette image without a palette");
        idat = "open";
        kept.push(chunk);
        break;
      case "IEND":
        if (length !== 0 || idat === "none") return refuse("The PNG ends without image data");
        if (at !== b.length) return refuse("The PNG has data after its IEND chunk");
        kept.push(chunk);
        return { width: header?.width ?? 0, height: header?.height ?? 0, bytes: concat(kept) };
      default:
        // Bit 5 of the first letter: upper case means a decoder must understand the chunk.
        if (type.charCodeAt(0) < 0x60) return refuse(`The PNG has an unknown critical chunk ${type}`);
        if (PNG_KEPT_ANCILLARY.has(type)) kept.push(chunk);
      // tEXt, zTXt, iTXt, eXIf, tIME, animation and vendor chunks: dropped.
    }
  }
}

// ---------------------------------------------------------------------------------------
// WebP (RFC 9649): "RIFF", size of the rest, "WEBP", chunks of FourCC, little-endian size,
// payload and a pad byte when the size is odd. Simple files hold one VP8 or VP8L chunk;
// extended ones start with VP8X.

const VP8X_ICC = 0x20;
const VP8X_ALPHA = 0x10;
const VP8X_ANIMATION = 0x02;

function vp8Size(payload: Uint8Array): { width: number; height: number } | Refusal {
  const tag = u24le(payload, 0);
  const keyFrame = (tag & 1) === 0;
  const firstPartition = tag >>> 5;
  if (
    payload.length < 10 ||
    !keyFrame ||
    !startsWith(payload, [0x9d, 0x01, 0x2a], 3) ||
    firstPartition > payload.length - 10
  ) {
    return refuse("The WebP lossy image (VP8) is malformed");
  }
  return { width: u16le(payload, 6) & 0x3fff, height: u16le(payload, 8) & 0x3fff };
}

function vp8lSize(payload: Uint8Array): { width: number; height: number } | Refusal {
  const bits = u32le(payload, 1);
  if (payload.length < 5 || payload[0] !== 0x2f || bits >>> 29 !== 0) {
    return refuse("The WebP lossless image (VP8L) is malformed");
  }
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

function walkWebp(b: Uint8Array): Picture | Refusal {
  if (b.length < 20 || u32le(b, 4) !== b.length - 8) return refuse("The WebP file size (RIFF) does not match");
  const chunks: Array<{ fourcc: string; payload: Uint8Array; whole: Uint8Array }> = [];
  for (let at = 12; at < b.length; ) {
    if (at + 8 > b.length) return refuse("The WebP ends inside a chunk header");
    const size = u32le(b, at + 4);
    const end = at + 8 + size + (size & 1);
    if (end > b.length) return refuse(`The WebP chunk ${ascii(b, at, at + 4)} is cut short`);
    chunks.push({
      fourcc: ascii(b, at, at + 4),
      payload: b.subarray(at + 8, at + 8 + size),
      whole: b.subarray(at, end),
    });
    at = end;
  }
  const [first, ...rest] = chunks;
  if (!first) return refuse("The WebP has no image");

  if (first.fourcc === "VP8 " || first.fourcc === "VP8L") {
    if (rest.length) return refuse("A simple WebP holds exactly one image chunk");
    const size = first.fourcc === "VP8 " ? vp8Size(first.payload) : vp8lSize(first.payload);
    if ("ok" in size) return size;
    return { ...size, bytes: b }; // nothing but the picture: nothing to strip
  }
  if (first.fourcc !== "VP8X" || first.payload.length !== 10) return refuse("The WebP does not start with an image");
  const flags = at8(first.payload, 0);
  if (flags & VP8X_ANIMATION) return refuse("Animated WebP files are not accepted");
  const canvas = { width: u24le(first.payload, 4) + 1, height: u24le(first.payload, 7) + 1 };

  const kept: Uint8Array[] = [];
  let image: { width: number; height: number } | null = null;
  let icc = false;
  let alpha = false;
  for (const chunk of rest) {
    switch (chunk.fourcc) {
      case "ICCP":
        if (icc || image || alpha) return refuse("The WebP colour profile (ICCP) is misplaced");
        icc = true;
        kept.push(chunk.whole);
        break;
      case "ALPH":
        if (alpha || image) return refuse("The WebP transparency (ALPH) is misplaced");
        alpha = true;
        kept.push(chunk.whole);
        break;
      case "VP8 ":
      case "VP8L": {
        if (image) return refuse("The WebP has two images");
        const size = chunk.fourcc === "VP8 " ? vp8Size(chunk.payload) : vp8lSize(chunk.payload);
        if ("ok" in size) return size;
        image = size;
        kept.push(chunk.whole);
        break;
      }
      case "ANIM":
      case "ANMF":
        return refuse("Animated WebP files are not accepted");
      default:
      // EXIF, XMP and unknown chunks: dropped.
    }
  }
  if (!image) return refuse("The WebP has no image");
  if (image.width !== canvas.width || image.height !== canvas.height) {
    return refuse("The WebP canvas (VP8X) and its image differ in size");
  }
  // The flags must describe what is left: no Exif or XMP any more, ICC only if kept.
  const header = Uint8Array.from(first.whole);
  header[8] = (icc ? VP8X_ICC : 0) | (flags & VP8X_ALPHA);
  const body = concat([header, ...kept]);
  const riff = new Uint8Array(12);
  riff.set(b.subarray(0, 12));
  new DataView(riff.buffer).setUint32(4, body.length + 4, true);
  return { ...canvas, bytes: concat([riff, body]) };
}
