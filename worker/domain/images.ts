/**
 * Recognises the image formats Courtesy accepts as evidence from their first bytes, so a
 * file's declared type is never trusted on its own.
 */
import type { EvidenceType } from "../../schema/enums";

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);

/**
 * The image type of some bytes, or null when they are not a JPEG, PNG or WebP file.
 * @example detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // "image/jpeg"
 */
export function detectImageType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  return null;
}
