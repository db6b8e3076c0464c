/**
 * Evidence photos on the phone: downscaled before they are stored or sent (a shopper's data
 * plan and a bad connection both matter), and addressed by the SHA-256 of the stored bytes.
 * The visit's form loads this module when a photo is taken (`import()`), not in the first download.
 */
import { canvasDHash, captureTimeOf } from "./photo-facts";

export const MAX_PHOTO_SIDE = 1600;
const JPEG_QUALITY = 0.82;

/** The size that fits within `max` on the longest side, keeping the aspect ratio. Never enlarges. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function sha256OfBlob(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface PreparedPhoto {
  blob: Blob;
  sha256: string;
  contentType: "image/jpeg";
  /** The dHash of the drawn picture, before encoding (null: the phone could not compute it). */
  dHash: string | null;
  /** The original capture time from the file's EXIF, read before re-encoding drops it (null: none). */
  capturedAt: string | null;
}

/**
 * Turns a camera photo into a JPEG no larger than 1600 px on its longest side, with the
 * camera's orientation applied, and its hash; with the facts the quality flags need, measured
 * before re-encoding (`photo-facts.ts`).
 */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  // Read from the original file: the re-encoded JPEG keeps no EXIF.
  const capturedAt = captureTimeOf(file);
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Canvas is not available");
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const dHash = canvasDHash(context, size.width, size.height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error("Could not encode the photo"))),
      "image/jpeg",
      JPEG_QUALITY,
    ),
  );
  return {
    blob,
    sha256: await sha256OfBlob(blob),
    contentType: "image/jpeg",
    dHash,
    capturedAt: await capturedAt,
  };
}
