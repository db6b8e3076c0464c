/**
 * The server's dHash of an upload (worker/lib/photo-dhash.ts): decoding the JPEG gives the same
 * hash as the pixels it was made from (give or take a few bits of compression: so the phone's
 * hash of the same picture is kept, `printDHash`), and anything
 * that is not a decodable JPEG gives null instead of failing the upload.
 */
import { encode } from "jpeg-js";
import { describe, expect, it } from "vitest";
import { dHash, hammingDistance } from "../../worker/domain/quality-flags";
import { DHASH_TRUST_BITS } from "../../worker/domain/report-flags";
import { jpegDHash } from "../../worker/lib/photo-dhash";
import { TINY_PNG } from "../api/images";

/** A 90 × 80 grey picture of 9 × 8 blocks of made-up brightness. */
function picture(seed: number) {
  const width = 90;
  const height = 80;
  const data = new Uint8Array(width * height * 4);
  let state = seed;
  const levels = Array.from({ length: 72 }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 20 + (state % 200);
  });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = levels[Math.floor(y / 10) * 9 + Math.floor(x / 10)] ?? 0;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

describe("jpegDHash", () => {
  it("agrees with the dHash of the pixels the JPEG was made from, within the bits the server trusts", () => {
    for (const seed of [1, 2, 3]) {
      const image = picture(seed);
      const jpeg = new Uint8Array(encode(image, 90).data);
      const fromBytes = jpegDHash(jpeg, "image/jpeg");
      expect(fromBytes).toMatch(/^[0-9a-f]{16}$/);
      expect(hammingDistance(fromBytes ?? "", dHash(image.data, image.width, image.height))).toBeLessThanOrEqual(
        DHASH_TRUST_BITS,
      );
    }
  });

  it("gives null for other types and for bytes that do not decode", () => {
    expect(jpegDHash(TINY_PNG, "image/png")).toBeNull();
    expect(jpegDHash(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0, 1, 2]), "image/jpeg")).toBeNull();
  });
});
