/**
 * Shopper-quality flags (docs/QUALITY.md): what a submitted report's own facts say about how it
 * was made, each flag with its code and the numbers behind it so a reviewer reads why. Flags
 * never refuse a report (nothing a shopper sends is lost); they route it to review.
 *
 * Pure: the route gathers the facts (the visit, the branch's place and hours, the phone's fixes
 * and photo metadata, the photos of other reports that could match) and stores what this returns.
 */
import type { ScoreResult } from "./scoring";

/** Organisation settings with their documented defaults (docs/QUALITY.md). */
export interface FlagThresholds {
  /** `far_from_branch`: metres between the fix and the branch, after its accuracy is taken off. */
  farFromBranchMeters: number;
  /** `location_jitter`: this many identical fixes in a row (real receivers never repeat exactly). */
  identicalFixesInRow: number;
  /** `photo_reused`: most differing bits between two photos' 64-bit dHashes to count as the same picture. */
  photoHammingMax: number;
  /** `photo_time_mismatch`: minutes a photo may be taken before the visit started or after it ended. */
  photoToleranceMinutes: number;
  /** `straight_lining`: fewest scored answers for a form to be "long". */
  straightLiningMinItems: number;
  /** `too_fast` (form): fewest seconds per scored item from opening the form to sending it. */
  formSecondsPerItem: number;
}

export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  farFromBranchMeters: 500,
  identicalFixesInRow: 3,
  photoHammingMax: 5,
  photoToleranceMinutes: 30,
  straightLiningMinItems: 10,
  formSecondsPerItem: 3,
};

/** A flag: its code and the numbers behind it (the web writes the sentence in either language). */
export type QualityFlag =
  | { code: "too_fast"; basis: "visit"; minutes: number; minimumMinutes: number }
  | { code: "too_fast"; basis: "form"; seconds: number; minimumSeconds: number }
  | { code: "outside_window"; visitDate: string; windowStart: string; windowEnd: string }
  | { code: "outside_hours"; weekday: Weekday; localTime: string; openingHours: Array<[string, string]> }
  | { code: "far_from_branch"; meters: number; accuracyMeters: number; thresholdMeters: number }
  | { code: "location_jitter"; identicalFixes: number }
  | {
      code: "photo_reused";
      sha256: string;
      otherAuditId: string;
      /** 0 for the very same file (its SHA-256), else the dHash bits that differ. */
      distance: number;
    }
  | {
      code: "photo_time_mismatch";
      sha256: string;
      capturedAt: number;
      minutesOutside: number;
      toleranceMinutes: number;
    }
  | { code: "straight_lining"; items: number; direction: "top" | "bottom" };

export type QualityFlagCode = QualityFlag["code"];

/** Every flag code, in the order a report lists its flags. */
export const QUALITY_FLAG_CODES = [
  "too_fast",
  "outside_window",
  "outside_hours",
  "far_from_branch",
  "location_jitter",
  "photo_reused",
  "photo_time_mismatch",
  "straight_lining",
] as const satisfies readonly QualityFlagCode[];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

// --- Time ------------------------------------------------------------------------------------

/**
 * `too_fast` by the visit's length: shorter than the checklist's minimum (whole minutes).
 * @example visitTooShort(Date.parse("2026-12-03T10:00:00Z"), Date.parse("2026-12-03T10:04:30Z"), 10)
 * // { code: "too_fast", basis: "visit", minutes: 4.5, minimumMinutes: 10 }
 */
export function visitTooShort(startedAt: number, endedAt: number, minimumMinutes: number): QualityFlag | null {
  const minutes = (endedAt - startedAt) / 60_000;
  if (minutes >= minimumMinutes) return null;
  // Rounded down to a tenth, so the number shown is always below the minimum it is compared with.
  return { code: "too_fast", basis: "visit", minutes: Math.floor(minutes * 10) / 10, minimumMinutes };
}

/**
 * `too_fast` by the form: from opening it to sending it (the phone measures it) faster than
 * `formSecondsPerItem` per scored item. Absent timing (an older phone) flags nothing.
 * @example formTooFast(40, 20, DEFAULT_FLAG_THRESHOLDS) // { …, seconds: 40, minimumSeconds: 60 }
 */
export function formTooFast(
  formSeconds: number | null | undefined,
  scoredItems: number,
  thresholds: Pick<FlagThresholds, "formSecondsPerItem">,
): QualityFlag | null {
  if (formSeconds === null || formSeconds === undefined || !Number.isFinite(formSeconds)) return null;
  const minimumSeconds = scoredItems * thresholds.formSecondsPerItem;
  if (formSeconds >= minimumSeconds) return null;
  return { code: "too_fast", basis: "form", seconds: Math.floor(formSeconds), minimumSeconds };
}

/** The weekday and "HH:MM" of an instant in a time zone. */
export function localClock(instant: number, timeZone: string): { date: string; weekday: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = get("weekday").toLowerCase().slice(0, 3) as Weekday;
  return { date: `${get("year")}-${get("month")}-${get("day")}`, weekday, time: `${get("hour")}:${get("minute")}` };
}

/**
 * `outside_window`: the visit's day (in the branch's calendar) is outside its assignment's window
 * (a policy may accept such a visit; the flag says so anyway).
 * @example visitOutsideWindow(Date.parse("2026-12-12T02:00:00Z"), { start: "2026-12-01", end: "2026-12-11", timeZone: "Asia/Shanghai" })
 */
export function visitOutsideWindow(
  startedAt: number,
  window: { start: string; end: string; timeZone: string },
): QualityFlag | null {
  const { date } = localClock(startedAt, window.timeZone);
  if (date >= window.start && date <= window.end) return null;
  return { code: "outside_window", visitDate: date, windowStart: window.start, windowEnd: window.end };
}

/**
 * `outside_hours`: the visit started when the branch was closed by its opening hours (in its
 * time zone). A closing time before the opening one runs past midnight. Unknown hours flag nothing.
 * @example visitOutsideHours(Date.parse("2026-12-07T13:30:00Z"), "Asia/Shanghai", { mon: [["09:00", "21:00"]] })
 * // 21:30 on Monday there: { code: "outside_hours", weekday: "mon", localTime: "21:30", openingHours: [["09:00", "21:00"]] }
 */
export function visitOutsideHours(
  startedAt: number,
  timeZone: string,
  hours: Partial<Record<Weekday, Array<[string, string]>>> | null | undefined,
): QualityFlag | null {
  if (!hours || Object.keys(hours).length === 0) return null;
  const { weekday, time } = localClock(startedAt, timeZone);
  const today = hours[weekday] ?? [];
  const yesterday = hours[WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7] ?? "mon"] ?? [];
  const open =
    today.some(([from, to]) => (from <= to ? time >= from && time < to : time >= from)) ||
    // Yesterday's hours that run past midnight still cover the small hours of today.
    yesterday.some(([from, to]) => from > to && time < to);
  return open ? null : { code: "outside_hours", weekday, localTime: time, openingHours: today };
}

// --- Place -----------------------------------------------------------------------------------

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * Great-circle distance in metres (haversine).
 * @example distanceMeters({ lat: 31.2304, lng: 121.4737 }, { lat: 31.2304, lng: 121.4837 }) // ≈ 951
 */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A location fix from the phone: where, how sure (metres, the radius of 68 % confidence), when. */
export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
  takenAt: number;
}

/**
 * `far_from_branch`: even the nearest point the fix's accuracy allows is farther from the branch
 * than the threshold (a poor fix next door is not flagged; a precise one across town is).
 * Calls and branches without coordinates flag nothing.
 * @example fixFarFromBranch({ lat: 31.2304, lng: 121.4837, accuracy: 50, takenAt: 0 }, { lat: 31.2304, lng: 121.4737 }, DEFAULT_FLAG_THRESHOLDS)
 * // { code: "far_from_branch", meters: 951, accuracyMeters: 50, thresholdMeters: 500 }
 */
export function fixFarFromBranch(
  fix: Fix | null | undefined,
  branch: { lat: number | null; lng: number | null },
  thresholds: Pick<FlagThresholds, "farFromBranchMeters">,
): QualityFlag | null {
  if (!fix || branch.lat === null || branch.lng === null) return null;
  const meters = distanceMeters(fix, { lat: branch.lat, lng: branch.lng });
  if (meters - Math.max(0, fix.accuracy) <= thresholds.farFromBranchMeters) return null;
  return {
    code: "far_from_branch",
    meters: Math.round(meters),
    accuracyMeters: Math.round(fix.accuracy),
    thresholdMeters: thresholds.farFromBranchMeters,
  };
}

/**
 * `location_jitter`: the longest run of fixes identical in latitude, longitude and accuracy
 * reaches the threshold. A real receiver's fixes always wander a little; a spoofing app's don't.
 * @example identicalFixes([f, f, f], DEFAULT_FLAG_THRESHOLDS) // { code: "location_jitter", identicalFixes: 3 }
 */
export function identicalFixes(
  fixes: readonly Fix[],
  thresholds: Pick<FlagThresholds, "identicalFixesInRow">,
): QualityFlag | null {
  let longest = fixes.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1];
    const b = fixes[i];
    run = a && b && a.lat === b.lat && a.lng === b.lng && a.accuracy === b.accuracy ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest >= thresholds.identicalFixesInRow && longest >= 2
    ? { code: "location_jitter", identicalFixes: longest }
    : null;
}

// --- Photos ----------------------------------------------------------------------------------

/**
 * The 64-bit difference hash of an image (16 hex digits): shrunk by area averaging to 9 × 8
 * grey levels (ITU-R BT.601 luma), each bit says whether a pixel is brighter than its right-hand
 * neighbour. Re-encoding, resizing and mild edits move few bits, so near-equal hashes mean the
 * same picture. The phone and the server run this same function on the same decoded pixels.
 * @example dHash(rgba, 640, 480) // "3c3e0e1a3a1e1e1e"
 */
export function dHash(rgba: ArrayLike<number>, width: number, height: number): string {
  const cols = 9;
  const rows = 8;
  const grey = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y0 = Math.floor((r * height) / rows);
    const y1 = Math.max(y0 + 1, Math.floor(((r + 1) * height) / rows));
    for (let c = 0; c < cols; c++) {
      const x0 = Math.floor((c * width) / cols);
      const x1 = Math.max(x0 + 1, Math.floor(((c + 1) * width) / cols));
      let sum = 0;
      let count = 0;
      for (let y = y0; y < y1 && y < height; y++) {
        for (let x = x0; x < x1 && x < width; x++) {
          const i = (y * width + x) * 4;
          sum += 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
          count++;
        }
      }
      grey[r * cols + c] = count === 0 ? 0 : sum / count;
    }
  }
  let hex = "";
  for (let r = 0; r < rows; r++) {
    let byte = 0;
    for (let c = 0; c < 8; c++) {
      const left = grey[r * cols + c] ?? 0;
      const right = grey[r * cols + c + 1] ?? 0;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}

/**
 * Bits that differ between two 64-bit hashes written as 16 hex digits.
 * @example hammingDistance("ffffffffffffffff", "fffffffffffffffe") // 1
 */
export function hammingDistance(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < 16; i += 4) {
    let x = Number.parseInt(a.slice(i, i + 4), 16) ^ Number.parseInt(b.slice(i, i + 4), 16);
    while (x) {
      x &= x - 1;
      bits++;
    }
  }
  return bits;
}

/**
 * The hash cut in 6 bands (11, 11, 11, 11, 10, 10 bits), for finding near matches with an index:
 * two hashes at most 5 bits apart agree on at least one band (6 bands, 5 differing bits), so the
 * candidates are the photos sharing a band, and only those are compared bit by bit.
 * @example dHashBands("0000000000000000") // ["0:0", "1:0", "2:0", "3:0", "4:0", "5:0"]
 */
export function dHashBands(hash: string): string[] {
  const bits = [...hash].map((h) => Number.parseInt(h, 16).toString(2).padStart(4, "0")).join("");
  const widths = [11, 11, 11, 11, 10, 10];
  const bands: string[] = [];
  let at = 0;
  widths.forEach((w, i) => {
    bands.push(`${i}:${Number.parseInt(bits.slice(at, at + w), 2)}`);
    at += w;
  });
  return bands;
}

/** A photo of this report, as the phone described it before upload. */
export interface PhotoFacts {
  sha256: string;
  /** The dHash of the picture the shopper took (null: the phone could not compute it). */
  dHash: string | null;
  /** The original capture time from the camera's EXIF, read before re-encoding (null: none). */
  capturedAt: number | null;
}

/** A photo of another report of the organisation that might be the same picture. */
export interface OtherPhoto {
  auditId: string;
  sha256: string;
  dHash: string | null;
}

/**
 * `photo_reused`: each photo of this report that is the very same file as another report's
 * (SHA-256) or a near copy of one (dHash within `photoHammingMax` bits); one flag per photo,
 * naming the closest other report.
 */
export function reusedPhotos(
  photos: readonly PhotoFacts[],
  others: readonly OtherPhoto[],
  thresholds: Pick<FlagThresholds, "photoHammingMax">,
): QualityFlag[] {
  const flags: QualityFlag[] = [];
  for (const photo of photos) {
    let best: { otherAuditId: string; distance: number } | null = null;
    for (const other of others) {
      const distance =
        other.sha256 === photo.sha256
          ? 0
          : photo.dHash && other.dHash
            ? hammingDistance(photo.dHash, other.dHash)
            : Number.POSITIVE_INFINITY;
      if (distance <= thresholds.photoHammingMax && (!best || distance < best.distance)) {
        best = { otherAuditId: other.auditId, distance };
      }
    }
    if (best) flags.push({ code: "photo_reused", sha256: photo.sha256, ...best });
  }
  return flags;
}

/**
 * `photo_time_mismatch`: a photo taken (by its camera clock) more than the tolerance before
 * the visit started or after it ended. Photos without a capture time flag nothing.
 */
export function photoTimesOutsideVisit(
  photos: readonly PhotoFacts[],
  visit: { startedAt: number; endedAt: number },
  thresholds: Pick<FlagThresholds, "photoToleranceMinutes">,
): QualityFlag[] {
  const slack = thresholds.photoToleranceMinutes * 60_000;
  const flags: QualityFlag[] = [];
  for (const photo of photos) {
    if (photo.capturedAt === null) continue;
    const before = visit.startedAt - slack - photo.capturedAt;
    const after = photo.capturedAt - (visit.endedAt + slack);
    const outside = Math.max(before, after);
    if (outside > 0) {
      flags.push({
        code: "photo_time_mismatch",
        sha256: photo.sha256,
        capturedAt: photo.capturedAt,
        minutesOutside: Math.ceil(outside / 60_000),
        toleranceMinutes: thresholds.photoToleranceMinutes,
      });
    }
  }
  return flags;
}

// --- Answers ---------------------------------------------------------------------------------

/**
 * `straight_lining`: on a long form every answered scored item got the top mark (or every one
 * the bottom mark) and no answer has a comment: the pattern of a form filled without looking.
 * @example straightLining(result, [], DEFAULT_FLAG_THRESHOLDS) // { code: "straight_lining", items: 12, direction: "top" }
 */
export function straightLining(
  result: Pick<ScoreResult, "sections">,
  comments: readonly string[],
  thresholds: Pick<FlagThresholds, "straightLiningMinItems">,
): QualityFlag | null {
  if (comments.some((c) => c.trim() !== "")) return null;
  const ratios = result.sections.flatMap((s) =>
    s.items.flatMap((i) => (i.ratio === null || i.ruling ? [] : [i.ratio])),
  );
  if (ratios.length < thresholds.straightLiningMinItems) return null;
  if (ratios.every((r) => r >= 1)) return { code: "straight_lining", items: ratios.length, direction: "top" };
  if (ratios.every((r) => r <= 0)) return { code: "straight_lining", items: ratios.length, direction: "bottom" };
  return null;
}
