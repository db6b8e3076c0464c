/**
 * Shopper-quality flags (worker/domain/quality-flags.ts): each rule at and around its boundary,
 * the dHash on hand-made pictures, the bands' pigeonhole promise (fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dHash,
  dHashBands,
  distanceMeters,
  type Fix,
  fixFarFromBranch,
  formTooFast,
  hammingDistance,
  identicalFixes,
  localClock,
  photoTimesOutsideVisit,
  reusedPhotos,
  straightLining,
  DEFAULT_FLAG_THRESHOLDS as T,
  visitOutsideHours,
  visitOutsideWindow,
  visitTooShort,
} from "../../worker/domain/quality-flags";

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe("too_fast", () => {
  it("by the visit: one second under the minimum flags, the minimum itself does not", () => {
    const start = at("2026-12-03T10:00:00Z");
    expect(visitTooShort(start, start + 10 * MIN, 10)).toBeNull();
    expect(visitTooShort(start, start + 10 * MIN - 1000, 10)).toEqual({
      code: "too_fast",
      basis: "visit",
      minutes: 9.9,
      minimumMinutes: 10,
    });
  });

  it("by the form: seconds per scored item, nothing without a timing", () => {
    expect(formTooFast(60, 20, T)).toBeNull();
    expect(formTooFast(59.9, 20, T)).toEqual({ code: "too_fast", basis: "form", seconds: 59, minimumSeconds: 60 });
    expect(formTooFast(null, 20, T)).toBeNull();
    expect(formTooFast(undefined, 20, T)).toBeNull();
  });
});

describe("outside_window and outside_hours, in the branch's calendar", () => {
  const window = { start: "2026-12-01", end: "2026-12-11", timeZone: "Asia/Shanghai" };

  it("judges the day where the branch is", () => {
    // 23:59 on 11 Dec in Shanghai is inside; 00:00 on 12 Dec is not.
    expect(visitOutsideWindow(at("2026-12-11T15:59:00Z"), window)).toBeNull();
    expect(visitOutsideWindow(at("2026-12-11T16:00:00Z"), window)).toEqual({
      code: "outside_window",
      visitDate: "2026-12-12",
      windowStart: "2026-12-01",
      windowEnd: "2026-12-11",
    });
    expect(visitOutsideWindow(at("2026-11-30T16:00:00Z"), window)).toBeNull();
  });

  it("opening time is open, closing time is closed", () => {
    const hours = { mon: [["09:00", "21:00"]] as Array<[string, string]> };
    // Monday 7 Dec 2026 in Shanghai (UTC+8).
    expect(visitOutsideHours(at("2026-12-07T01:00:00Z"), "Asia/Shanghai", hours)).toBeNull();
    expect(visitOutsideHours(at("2026-12-07T00:59:00Z"), "Asia/Shanghai", hours)).toMatchObject({
      code: "outside_hours",
      weekday: "mon",
      localTime: "08:59",
    });
    expect(visitOutsideHours(at("2026-12-07T13:00:00Z"), "Asia/Shanghai", hours)).toMatchObject({
      localTime: "21:00",
    });
    // A day left out is closed all day.
    expect(visitOutsideHours(at("2026-12-08T04:00:00Z"), "Asia/Shanghai", hours)).toMatchObject({
      weekday: "tue",
      openingHours: [],
    });
  });

  it("hours past midnight cover the small hours of the next day; unknown hours flag nothing", () => {
    const late = { fri: [["18:00", "02:00"]] as Array<[string, string]> };
    // Saturday 01:30 in London (UTC+0 in December) is still Friday's evening.
    expect(visitOutsideHours(at("2026-12-12T01:30:00Z"), "Europe/London", late)).toBeNull();
    expect(visitOutsideHours(at("2026-12-12T02:00:00Z"), "Europe/London", late)).toMatchObject({ weekday: "sat" });
    expect(visitOutsideHours(at("2026-12-11T23:00:00Z"), "Europe/London", late)).toBeNull();
    expect(visitOutsideHours(at("2026-12-12T02:00:00Z"), "Europe/London", null)).toBeNull();
    expect(visitOutsideHours(at("2026-12-12T02:00:00Z"), "Europe/London", {})).toBeNull();
  });

  it("reads the local clock", () => {
    expect(localClock(at("2026-12-06T16:30:00Z"), "Asia/Shanghai")).toEqual({
      date: "2026-12-07",
      weekday: "mon",
      time: "00:30",
    });
  });
});

describe("far_from_branch and location_jitter", () => {
  const branch = { lat: 31.2304, lng: 121.4737 };
  const fix = (lat: number, lng: number, accuracy: number, takenAt = 0): Fix => ({ lat, lng, accuracy, takenAt });

  it("measures a known distance", () => {
    // 0.01° of longitude at 31.23° N ≈ 951 m.
    expect(distanceMeters(branch, { lat: 31.2304, lng: 121.4837 })).toBeCloseTo(951, -1);
    expect(distanceMeters(branch, branch)).toBe(0);
  });

  it("takes the fix's accuracy off before comparing", () => {
    const far = fix(31.2304, 121.4837, 50);
    expect(fixFarFromBranch(far, branch, T)).toEqual({
      code: "far_from_branch",
      meters: 951,
      accuracyMeters: 50,
      thresholdMeters: 500,
    });
    // The same place with a poor fix (±500 m) could be within 500 m: not flagged.
    expect(fixFarFromBranch(fix(31.2304, 121.4837, 500), branch, T)).toBeNull();
    expect(fixFarFromBranch(fix(31.2304, 121.4737, 5), branch, T)).toBeNull();
    expect(fixFarFromBranch(null, branch, T)).toBeNull();
    expect(fixFarFromBranch(far, { lat: null, lng: null }, T)).toBeNull();
  });

  it("flags a run of identical fixes, not wandering ones", () => {
    const a = fix(31.23, 121.47, 12, 0);
    const b = fix(31.23, 121.47, 12, 5000);
    const c = fix(31.23, 121.47, 12, 10000);
    expect(identicalFixes([a, b], T)).toBeNull();
    expect(identicalFixes([a, b, c], T)).toEqual({ code: "location_jitter", identicalFixes: 3 });
    expect(identicalFixes([a, fix(31.230001, 121.47, 12), c], T)).toBeNull();
    expect(identicalFixes([a, b, fix(31.23, 121.47, 13)], T)).toBeNull();
    expect(identicalFixes([], T)).toBeNull();
  });
});

/** An RGBA picture from a function of (x, y) → grey level. */
function picture(width: number, height: number, grey: (x: number, y: number) => number): Uint8ClampedArray {
  const px = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = grey(x, y);
      px.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return px;
}

describe("dHash and its bands", () => {
  it("a left-to-right darkening gradient sets every bit; a brightening one none", () => {
    expect(
      dHash(
        picture(90, 80, (x) => 255 - x * 2),
        90,
        80,
      ),
    ).toBe("ffffffffffffffff");
    expect(
      dHash(
        picture(90, 80, (x) => x * 2),
        90,
        80,
      ),
    ).toBe("0000000000000000");
  });

  it("a resized copy hashes the same; a different picture is far", () => {
    const scene = (w: number, h: number) =>
      picture(w, h, (x, y) => Math.round(128 + 100 * Math.sin((x / w) * 7) * Math.cos((y / h) * 5)));
    const big = dHash(scene(900, 800), 900, 800);
    const small = dHash(scene(180, 160), 180, 160);
    expect(hammingDistance(big, small)).toBeLessThanOrEqual(2);
    const other = dHash(
      picture(180, 160, (x, y) => ((x * 31 + y * 17) % 97) * 2),
      180,
      160,
    );
    expect(hammingDistance(big, other)).toBeGreaterThan(10);
  });

  it("counts differing bits", () => {
    expect(hammingDistance("ffffffffffffffff", "fffffffffffffffe")).toBe(1);
    expect(hammingDistance("0000000000000000", "ffffffffffffffff")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
  });

  it("two hashes at most 5 bits apart share a band (the index finds every near match)", () => {
    const hex = fc.stringMatching(/^[0-9a-f]{16}$/);
    fc.assert(
      fc.property(hex, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 5 }), (hash, flips) => {
        let bits = [...hash].map((h) => Number.parseInt(h, 16).toString(2).padStart(4, "0")).join("");
        for (const f of flips) bits = bits.slice(0, f) + (bits[f] === "1" ? "0" : "1") + bits.slice(f + 1);
        const other = (bits.match(/.{4}/g) ?? []).map((b) => Number.parseInt(b, 2).toString(16)).join("");
        expect(hammingDistance(hash, other)).toBe(flips.length);
        const mine = new Set(dHashBands(hash));
        return dHashBands(other).some((b) => mine.has(b));
      }),
    );
  });
});

describe("photo_reused and photo_time_mismatch", () => {
  const photo = { sha256: "a".repeat(64), dHash: "ffffffffffffff00", capturedAt: null };

  it("the same file is distance 0; a near copy within 5 bits; 6 bits is another picture", () => {
    expect(reusedPhotos([photo], [{ auditId: "r1", sha256: "a".repeat(64), dHash: null }], T)).toEqual([
      { code: "photo_reused", sha256: "a".repeat(64), otherAuditId: "r1", distance: 0 },
    ]);
    const near = { auditId: "r2", sha256: "b".repeat(64), dHash: "ffffffffffffff1f" }; // 5 bits
    const far = { auditId: "r3", sha256: "c".repeat(64), dHash: "ffffffffffffff3f" }; // 6 bits
    expect(reusedPhotos([photo], [far, near], T)).toEqual([
      { code: "photo_reused", sha256: "a".repeat(64), otherAuditId: "r2", distance: 5 },
    ]);
    expect(reusedPhotos([photo], [far], T)).toEqual([]);
    expect(reusedPhotos([{ ...photo, dHash: null }], [near], T)).toEqual([]);
  });

  it("a photo taken more than the tolerance outside the visit", () => {
    const visit = { startedAt: at("2026-12-03T10:00:00Z"), endedAt: at("2026-12-03T10:20:00Z") };
    const taken = (iso: string) => ({ ...photo, capturedAt: at(iso) });
    expect(photoTimesOutsideVisit([taken("2026-12-03T09:30:00Z"), taken("2026-12-03T10:50:00Z")], visit, T)).toEqual(
      [],
    );
    expect(photoTimesOutsideVisit([taken("2026-12-03T09:29:00Z")], visit, T)).toEqual([
      expect.objectContaining({ code: "photo_time_mismatch", minutesOutside: 1, toleranceMinutes: 30 }),
    ]);
    expect(photoTimesOutsideVisit([taken("2026-12-02T10:50:00Z")], visit, T)[0]).toMatchObject({
      minutesOutside: 22 * 60 + 40,
    });
    expect(photoTimesOutsideVisit([photo], visit, T)).toEqual([]);
  });
});

describe("straight_lining", () => {
  const result = (ratios: Array<number | null>, ruling?: "met") => ({
    sections: [
      {
        items: ratios.map((ratio, i) => ({ key: `i${i}`, ratio, ruling: i === 0 ? (ruling ?? null) : null })),
      },
    ],
  });
  const r = (x: unknown) => x as Parameters<typeof straightLining>[0];

  it("a long form all at the top (or bottom) without a comment", () => {
    expect(straightLining(r(result(Array(10).fill(1))), [], T)).toEqual({
      code: "straight_lining",
      items: 10,
      direction: "top",
    });
    expect(straightLining(r(result([...Array(10).fill(0), null])), ["", " "], T)).toEqual({
      code: "straight_lining",
      items: 10,
      direction: "bottom",
    });
  });

  it("not on a short form, a mixed one, or with a comment", () => {
    expect(straightLining(r(result(Array(9).fill(1))), [], T)).toBeNull();
    expect(straightLining(r(result([...Array(9).fill(1), 0.5])), [], T)).toBeNull();
    expect(straightLining(r(result(Array(10).fill(1))), ["Staff were busy"], T)).toBeNull();
  });
});
