/**
 * The server's own dHash of an uploaded photo (docs/QUALITY.md): the stored JPEG decoded once, at
 * upload, with jpeg-js (pure JS: no native code in a Worker), then `dHash` of its pixels. The phone
 * sends its own dHash too; where they differ by more than a few bits the server's wins.
 */
import { decode } from "jpeg-js";
import { dHash } from "../domain/quality-flags";

/** Larger pictures are not decoded (the phone sends ~2 MP; memory and CPU stay bounded). */
const MAX_DECODE_MP = 16;
const MAX_DECODE_MB = 96;

/**
 * The dHash of a JPEG's pixels, or null when it is not a JPEG, cannot be decoded or is too large
 * (the photo is stored anyway: the hash only helps find reused photos).
 * @example jpegDHash(bytes) // "3c3e0e1a3a1e1e1e"
 */
export function jpegDHash(bytes: Uint8Array, type: string): string | null {
  if (type !== "image/jpeg") return null;
  try {
    const image = decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_DECODE_MP,
      maxMemoryUsageInMB: MAX_DECODE_MB,
    });
    if (!image.width || !image.height) return null;
    return dHash(image.data, image.width, image.height);
  } catch {
    return null;
  }
}
