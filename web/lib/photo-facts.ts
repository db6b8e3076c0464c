/**
 * What a photo says about itself, measured on the phone before it is re-encoded (the stored
 * JPEG keeps no EXIF): the camera's original capture time, and the dHash of the picture as
 * drawn. Part of `photos.ts`, which the phone loads only when a photo is taken; exifr's lite
 * build (JPEG and HEIC, EXIF blocks; about 15 KB gzip) is a further chunk, loaded on the first photo.
 */
import { dHash } from "../../worker/domain/quality-flags";

/** Only the two tags needed, as the raw EXIF text (exifr would read them in the phone's zone). */
const EXIF_OPTIONS = {
  ifd0: { pick: [] },
  gps: false,
  exif: { pick: ["DateTimeOriginal", "OffsetTimeOriginal"] },
  reviveValues: false,
};

/**
 * The ISO instant of an EXIF date (`2026:12:05 10:30:00`) with its offset (`+08:00`) when the
 * camera wrote one, else read as the phone's local time (the camera is, nearly always, this
 * phone's). Null for a missing or malformed date (cameras write `0000:00:00 00:00:00`).
 * @example exifInstant("2026:12:05 10:30:00", "+08:00") // "2026-12-05T02:30:00.000Z"
 */
export function exifInstant(date: unknown, offset?: unknown): string | null {
  if (typeof date !== "string") return null;
  const parts = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(date.trim());
  if (!parts) return null;
  const [, y, mo, d, h, mi, s] = parts;
  const zone = typeof offset === "string" && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : "";
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (!Number.isFinite(time) || Number(y) < 1990) return null;
  return new Date(time).toISOString();
}

/** The original capture time of a photo file (EXIF DateTimeOriginal), or null. Never throws. */
export async function captureTimeOf(file: Blob | ArrayBuffer | Uint8Array): Promise<string | null> {
  try {
    const { parse } = await import("exifr/dist/lite.esm.mjs");
    const tags = (await parse(file, EXIF_OPTIONS)) as Record<string, unknown> | undefined;
    return exifInstant(tags?.DateTimeOriginal, tags?.OffsetTimeOriginal);
  } catch {
    return null;
  }
}

/** The dHash of what is drawn on a canvas (its pixels as they will be encoded), or null. */
export function canvasDHash(context: CanvasRenderingContext2D, width: number, height: number): string | null {
  try {
    return dHash(context.getImageData(0, 0, width, height).data, width, height);
  } catch {
    return null;
  }
}
