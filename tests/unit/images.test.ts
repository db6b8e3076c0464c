/**
 * `inspectImage`: a photo is a whole, well-formed JPEG, PNG or WebP file, and what is stored
 * of it has no metadata. Expected bytes are built by hand from the fixtures' parts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ImageInspection, inspectImage, MAX_IMAGE_SIDE } from "../../worker/domain/images";
import {
  ascii,
  cameraJpeg,
  concat,
  jpegSegment,
  PHONE_JPEG,
  pngChunk,
  TINY_GIF,
  TINY_JPEG,
  TINY_PNG,
  TINY_PNG_AFTER_IHDR,
  TINY_WEBP,
  u32be,
  u32le,
  uniqueJpeg,
  uniquePng,
  uniqueWebp,
} from "../api/images";

type Accepted = Extract<ImageInspection, { ok: true }>;

function accepted(bytes: Uint8Array): Accepted {
  const result = inspectImage(bytes);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

function refusal(bytes: Uint8Array): string {
  const result = inspectImage(bytes);
  if (result.ok) throw new Error(`accepted a ${result.type} of ${result.width}×${result.height}`);
  return result.reason;
}

const contains = (haystack: Uint8Array, needle: string) => new TextDecoder("latin1").decode(haystack).includes(needle);

/** Copies `bytes` with one byte replaced. */
const withByte = (bytes: Uint8Array, at: number, value: number) => {
  const copy = Uint8Array.from(bytes);
  copy[at] = value;
  return copy;
};

/** A PNG of the tiny one's pixels with other chunks between IHDR and IDAT. */
const pngWith = (...chunks: Uint8Array[]) =>
  concat(TINY_PNG.subarray(0, TINY_PNG_AFTER_IHDR), ...chunks, TINY_PNG.subarray(TINY_PNG_AFTER_IHDR));

/** A PNG whose IHDR says `width`×`height` (the pixel data does not matter to the walker). */
const pngSized = (width: number, height: number) =>
  concat(
    TINY_PNG.subarray(0, 8),
    pngChunk("IHDR", concat(u32be(width), u32be(height), new Uint8Array([8, 2, 0, 0, 0]))),
    TINY_PNG.subarray(TINY_PNG_AFTER_IHDR),
  );

/** An extended WebP of the tiny image: VP8X with `flags`, then the given chunks around VP8L. */
function webpWith(flags: number, before: Uint8Array[], after: Uint8Array[], canvas = { width: 2, height: 2 }) {
  const size = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
  const vp8x = concat(
    ascii("VP8X"),
    u32le(10),
    new Uint8Array([flags, 0, 0, 0]),
    size(canvas.width - 1),
    size(canvas.height - 1),
  );
  const body = concat(ascii("WEBP"), vp8x, ...before, TINY_WEBP.subarray(12), ...after);
  return concat(ascii("RIFF"), u32le(body.length), body);
}

const webpChunk = (fourcc: string, payload: Uint8Array) =>
  concat(ascii(fourcc), u32le(payload.length), payload, payload.length % 2 ? new Uint8Array([0]) : new Uint8Array());

describe("inspectImage accepts", () => {
  it("the tiny fixtures and a phone's canvas JPEG as they are, with their pixel size", () => {
    for (const [bytes, type, width, height] of [
      [TINY_JPEG, "image/jpeg", 2, 2],
      [TINY_PNG, "image/png", 2, 2],
      [TINY_WEBP, "image/webp", 2, 2],
      [PHONE_JPEG, "image/jpeg", 64, 48],
    ] as const) {
      const result = accepted(bytes);
      expect(result).toMatchObject({ type, width, height });
      expect(result.bytes).toEqual(bytes);
    }
  });

  it("padding after a JPEG's end, which it drops", () => {
    expect(accepted(concat(TINY_JPEG, new Uint8Array(64))).bytes).toEqual(TINY_JPEG);
  });

  it("a restart marker and byte stuffing inside the scan, and fill bytes before a marker", () => {
    const eoi = TINY_JPEG.length - 2;
    const scan = TINY_JPEG.subarray(0, eoi);
    const withStuffing = concat(scan, new Uint8Array([0xff, 0x00, 0xff, 0xd3, 0x12, 0xff, 0xff, 0xff, 0xd9]));
    expect(accepted(withStuffing).bytes).toEqual(withStuffing);
  });

  it("a side of exactly the limit, and refuses one pixel more", () => {
    expect(accepted(pngSized(MAX_IMAGE_SIDE, 1))).toMatchObject({ width: MAX_IMAGE_SIDE, height: 1 });
    expect(refusal(pngSized(MAX_IMAGE_SIDE + 1, 1))).toBe("The image is 12001×1 pixels; at most 12000 a side");
    expect(refusal(pngSized(1, 0))).toBe("The image has no pixels (1×0)");
  });
});

describe("inspectImage strips metadata", () => {
  it("from a camera JPEG: Exif (owner, GPS), XMP, comment and the JFIF thumbnail go; JFIF and ICC stay", () => {
    const { upload, stored, owner } = cameraJpeg();
    expect(contains(upload, owner)).toBe(true);
    const result = accepted(upload);
    expect(result).toMatchObject({ type: "image/jpeg", width: 2, height: 2 });
    expect(result.bytes).toEqual(stored);
    expect(contains(result.bytes, owner)).toBe(false);
    expect(contains(result.bytes, "Exif")).toBe(false);
    expect(contains(result.bytes, "JFIF\0")).toBe(true);
    expect(contains(result.bytes, "ICC_PROFILE\0")).toBe(true);
  });

  it("from the test JPEGs: comments go, an Adobe colour-transform segment stays", () => {
    expect(accepted(uniqueJpeg()).bytes).toEqual(TINY_JPEG);
    const adobe = jpegSegment(0xee, concat(ascii("Adobe"), new Uint8Array([0, 100, 0, 0, 0, 0, 1])));
    const withAdobe = concat(TINY_JPEG.subarray(0, 2), adobe, TINY_JPEG.subarray(2));
    expect(accepted(withAdobe).bytes).toEqual(withAdobe);
    const photoshop = jpegSegment(0xed, ascii("Photoshop 3.0\0 8BIM owner"));
    expect(accepted(concat(TINY_JPEG.subarray(0, 2), photoshop, TINY_JPEG.subarray(2))).bytes).toEqual(TINY_JPEG);
  });

  it("from a PNG: tEXt, zTXt, iTXt, eXIf, tIME and unknown ancillary chunks go; colour chunks stay", () => {
    expect(accepted(uniquePng()).bytes).toEqual(TINY_PNG);
    const gama = pngChunk("gAMA", u32be(45455));
    const iccp = pngChunk("iCCP", concat(ascii("icc\0"), new Uint8Array([0, 0x78, 0x9c])));
    const phys = pngChunk("pHYs", concat(u32be(2835), u32be(2835), new Uint8Array([1])));
    const metadata = [
      pngChunk("tEXt", ascii("Author\0Jane Q. Owner")),
      pngChunk("zTXt", ascii("Author\0\0xyz")),
      pngChunk("iTXt", ascii("Author\0\0\0en\0\0Jane Q. Owner")),
      pngChunk("eXIf", ascii("MM\0*Jane Q. Owner")),
      pngChunk("tIME", new Uint8Array([7, 233, 5, 17, 12, 0, 0])),
      pngChunk("caBX", ascii("provenance of Jane Q. Owner")),
    ];
    const result = accepted(pngWith(gama, metadata[0] ?? gama, iccp, ...metadata.slice(1), phys));
    expect(result.bytes).toEqual(pngWith(gama, iccp, phys));
    expect(contains(result.bytes, "Jane")).toBe(false);
  });

  it("from a WebP: EXIF, XMP and unknown chunks go, and the VP8X flags and RIFF size follow", () => {
    const stored = webpWith(0, [], []);
    expect(accepted(uniqueWebp()).bytes).toEqual(stored);
    const exif = webpChunk("EXIF", ascii("MM\0*Jane Q. Owner"));
    const xmp = webpChunk("XMP ", ascii("<x:xmpmeta>Jane Q. Owner</x:xmpmeta>"));
    const iccp = webpChunk("ICCP", ascii("not a real profile"));
    // ICC (0x20), EXIF (0x08) and XMP (0x04) flags set: only ICC remains.
    const result = accepted(webpWith(0x2c, [iccp], [exif, xmp]));
    expect(result).toMatchObject({ type: "image/webp", width: 2, height: 2 });
    expect(result.bytes).toEqual(webpWith(0x20, [iccp], []));
    expect(contains(result.bytes, "Jane")).toBe(false);
  });
});

describe("inspectImage refuses", () => {
  it("three magic bytes and then HTML, and other formats", () => {
    const polyglot = concat(new Uint8Array([0xff, 0xd8, 0xff]), ascii("<html><script>alert(document.cookie)</script>"));
    expect(refusal(polyglot)).toMatch(/^The JPEG/);
    expect(refusal(TINY_GIF)).toBe("Only JPEG, PNG or WebP photos are accepted");
    expect(refusal(new Uint8Array())).toBe("Only JPEG, PNG or WebP photos are accepted");
  });

  it("every truncation of every fixture", () => {
    for (const bytes of [TINY_JPEG, PHONE_JPEG, cameraJpeg().upload, TINY_PNG, uniquePng(), TINY_WEBP, uniqueWebp()]) {
      for (let length = 0; length < bytes.length; length++) {
        expect(inspectImage(bytes.subarray(0, length)).ok, `${length} of ${bytes.length}`).toBe(false);
      }
    }
  });

  it("a JPEG with a file after its end, two starts, data before its frame, or arithmetic coding", () => {
    expect(refusal(concat(TINY_JPEG, ascii("<html></html>")))).toBe("The JPEG has data after its end-of-image marker");
    expect(refusal(concat(TINY_JPEG, TINY_JPEG))).toBe("The JPEG has data after its end-of-image marker");
    expect(refusal(concat(TINY_JPEG.subarray(0, 2), TINY_JPEG))).toBe("The JPEG has a second start-of-image marker");
    const sof = TINY_JPEG.indexOf(0xc0, 2) - 1;
    expect(TINY_JPEG[sof]).toBe(0xff);
    expect(refusal(withByte(TINY_JPEG, sof + 1, 0xc9))).toBe("The JPEG uses an unsupported marker FFC9");
    const sos = TINY_JPEG.indexOf(0xda, 2) - 1;
    const noFrame = concat(TINY_JPEG.subarray(0, sof), TINY_JPEG.subarray(sos));
    expect(refusal(noFrame)).toBe("The JPEG has image data before its frame header");
    expect(refusal(concat(TINY_JPEG.subarray(0, sos), new Uint8Array([0xff, 0xd9])))).toBe(
      "The JPEG has no image data",
    );
  });

  it("a PNG with a bad CRC, IHDR not first, data after IEND, or an unknown critical chunk", () => {
    const png = uniquePng();
    const textData = TINY_PNG_AFTER_IHDR + 8 + 3;
    expect(refusal(withByte(png, textData, png[textData] === 0x41 ? 0x42 : 0x41))).toBe(
      "The PNG chunk tEXt fails its CRC check",
    );
    const last = TINY_PNG.length - 1;
    expect(refusal(withByte(TINY_PNG, last, (TINY_PNG[last] ?? 0) ^ 1))).toBe("The PNG chunk IEND fails its CRC check");
    const text = pngChunk("tEXt", ascii("a\0b"));
    expect(refusal(concat(TINY_PNG.subarray(0, 8), text, TINY_PNG.subarray(8)))).toBe(
      "The PNG does not start with its IHDR chunk",
    );
    expect(refusal(concat(TINY_PNG, text))).toBe("The PNG has data after its IEND chunk");
    expect(refusal(pngWith(pngChunk("QUUX", ascii("?"))))).toBe("The PNG has an unknown critical chunk QUUX");
  });

  it("a WebP whose RIFF size is wrong, animated, or whose canvas and image differ", () => {
    for (const delta of [-2, 2, 1]) {
      const bytes = Uint8Array.from(TINY_WEBP);
      new DataView(bytes.buffer).setUint32(4, TINY_WEBP.length - 8 + delta, true);
      expect(refusal(bytes)).toBe("The WebP file size (RIFF) does not match");
    }
    expect(refusal(concat(TINY_WEBP, new Uint8Array(2)))).toBe("The WebP file size (RIFF) does not match");
    expect(refusal(webpWith(0x02, [], []))).toBe("Animated WebP files are not accepted");
    expect(refusal(webpWith(0, [], [], { width: 3, height: 2 }))).toBe(
      "The WebP canvas (VP8X) and its image differ in size",
    );
    const simpleWithExtra = concat(TINY_WEBP.subarray(12), webpChunk("EXIF", ascii("MM\0*")));
    const body = concat(ascii("WEBP"), simpleWithExtra);
    expect(refusal(concat(ascii("RIFF"), u32le(body.length), body.subarray(0)))).toBe(
      "A simple WebP holds exactly one image chunk",
    );
  });
});

describe("inspectImage on damaged files (fast-check)", () => {
  const fixtures = [TINY_JPEG, PHONE_JPEG, cameraJpeg().upload, TINY_PNG, uniquePng(), TINY_WEBP, uniqueWebp()];

  /** What must hold of any answer: refused, or a bounded picture whose stored form is a fixed point. */
  function checkAnswer(bytes: Uint8Array) {
    const result = inspectImage(bytes);
    if (!result.ok) {
      expect(result.reason.length).toBeGreaterThan(0);
      return;
    }
    expect(result.width).toBeGreaterThanOrEqual(1);
    expect(result.height).toBeGreaterThanOrEqual(1);
    expect(result.width).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    expect(result.height).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
    const again = inspectImage(result.bytes);
    expect(again).toEqual({ ...result });
  }

  const damaged = fc
    .record({
      fixture: fc.nat(fixtures.length - 1),
      edits: fc.array(
        fc.record({ at: fc.nat(), value: fc.nat(255), kind: fc.constantFrom("set", "insert", "delete") }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    })
    .map(({ fixture, edits }) => {
      const bytes = Array.from(fixtures[fixture] ?? TINY_JPEG);
      for (const { at, value, kind } of edits) {
        const i = at % (bytes.length + 1);
        if (kind === "set") bytes[i % bytes.length] = value;
        else if (kind === "insert") bytes.splice(i, 0, value);
        else bytes.splice(i, 1);
      }
      return Uint8Array.from(bytes);
    });

  it("never throws; any answer is refused or a valid picture, and stripping is idempotent", () => {
    fc.assert(fc.property(damaged, checkAnswer), { numRuns: 2000 });
  });

  it("any single changed byte of a PNG is refused, at every position and every value (each chunk has a CRC)", () => {
    const png = uniquePng();
    for (let at = 0; at < png.length; at++) {
      for (let xor = 1; xor < 256; xor++) {
        if (inspectImage(withByte(png, at, (png[at] ?? 0) ^ xor)).ok) expect.fail(`byte ${at} ^ ${xor} accepted`);
      }
    }
  });

  it("the stored form of every fixture is a fixed point", () => {
    for (const bytes of fixtures) checkAnswer(bytes);
  });
});
