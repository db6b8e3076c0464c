/**
 * The pure rules of a submitted report (worker/domain/audits.ts, visit-times.ts) and the image sniffing of
 * evidence uploads (worker/domain/images.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLOCK_SKEW_MS,
  canonicalJson,
  checkSubmission,
  isLate,
  localDate,
  type Submission,
  type VisitWindow,
  windowPosition,
} from "../../worker/domain/audits";
import type { ChecklistDocument, ChecklistItem } from "../../worker/domain/checklists";
import { detectImageType, MAX_EVIDENCE_BYTES } from "../../worker/domain/images";
import { auditFlags, checkVisitTimes, MAX_VISIT_MINUTES, minimumVisitMinutes } from "../../worker/domain/visit-times";
import { TINY_GIF, TINY_JPEG, TINY_PNG, TINY_WEBP, uniqueJpeg, uniquePng, uniqueWebp } from "../api/images";

const DAY = 86_400_000;

/** Zones from UTC−11 to UTC+14, with half- and quarter-hour offsets and DST rules both sides of the equator. */
const ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Pacific/Honolulu",
  "America/Los_Angeles",
  "America/New_York",
  "America/St_Johns",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Africa/Casablanca",
] as const;

const instant = (iso: string) => Date.parse(iso);
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** Instants from 1970 to 2100, whole milliseconds. */
const instants = fc.integer({ min: 0, max: Date.parse("2100-01-01T00:00:00Z") });
const zones = fc.constantFrom(...ZONES);

describe("localDate", () => {
  it("gives the calendar date in the zone", () => {
    expect(localDate(instant("2026-03-01T17:00:00Z"), "Asia/Shanghai")).toBe("2026-03-02");
    expect(localDate(instant("2026-03-01T17:00:00Z"), "UTC")).toBe("2026-03-01");
    expect(localDate(instant("2026-03-01T17:00:00Z"), "America/Los_Angeles")).toBe("2026-03-01");
    expect(localDate(instant("2026-03-01T06:00:00Z"), "America/Los_Angeles")).toBe("2026-02-28");
    expect(localDate(instant("2026-03-01T10:00:00Z"), "Pacific/Kiritimati")).toBe("2026-03-02");
    expect(localDate(instant("2026-03-01T10:00:00Z"), "Pacific/Pago_Pago")).toBe("2026-02-28");
    expect(localDate(instant("2026-12-31T18:30:00Z"), "Asia/Kolkata")).toBe("2027-01-01");
    expect(localDate(instant("2024-02-29T12:00:00Z"), "Asia/Shanghai")).toBe("2024-02-29");
  });

  it("turns the date at local midnight, not at UTC midnight", () => {
    // Shanghai is UTC+8 all year: local midnight is 16:00 UTC the day before.
    expect(localDate(instant("2026-03-01T15:59:59.999Z"), "Asia/Shanghai")).toBe("2026-03-01");
    expect(localDate(instant("2026-03-01T16:00:00.000Z"), "Asia/Shanghai")).toBe("2026-03-02");
    expect(localDate(instant("2026-03-01T23:59:59.999Z"), "UTC")).toBe("2026-03-01");
    expect(localDate(instant("2026-03-02T00:00:00.000Z"), "UTC")).toBe("2026-03-02");
    // New York: UTC−5 in winter, UTC−4 in summer.
    expect(localDate(instant("2026-01-15T04:59:59.999Z"), "America/New_York")).toBe("2026-01-14");
    expect(localDate(instant("2026-01-15T05:00:00.000Z"), "America/New_York")).toBe("2026-01-15");
    expect(localDate(instant("2026-07-15T03:59:59.999Z"), "America/New_York")).toBe("2026-07-14");
    expect(localDate(instant("2026-07-15T04:00:00.000Z"), "America/New_York")).toBe("2026-07-15");
  });

  it("is right on the days clocks change", () => {
    // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
    expect(localDate(instant("2026-03-08T06:59:00Z"), "America/New_York")).toBe("2026-03-08"); // 01:59 EST
    expect(localDate(instant("2026-03-08T07:00:00Z"), "America/New_York")).toBe("2026-03-08"); // 03:00 EDT
    expect(localDate(instant("2026-03-09T03:59:59Z"), "America/New_York")).toBe("2026-03-08"); // 23:59 EDT
    expect(localDate(instant("2026-11-02T04:59:59Z"), "America/New_York")).toBe("2026-11-01"); // 23:59 EST
    expect(localDate(instant("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });

  it("never differs from the UTC date by more than one day", () => {
    fc.assert(
      fc.property(instants, zones, (ms, zone) => {
        const local = localDate(ms, zone);
        expect(local).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Math.abs(dayNumber(local) - dayNumber(utcDate(ms)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it("is the UTC date in UTC, and never goes backwards as time passes", () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 0, max: 3 * DAY }), (ms, zone, later) => {
        expect(localDate(ms, "UTC")).toBe(utcDate(ms));
        expect(localDate(ms + later, zone) >= localDate(ms, zone)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("isLate", () => {
  const windowEnd = "2026-03-01";

  it("is on time until the window's last day ends in the branch's zone", () => {
    // Shanghai (UTC+8): 23:30 local on the last day is 15:30 UTC.
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-03-01T15:30:00Z"))).toBe(false);
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-03-01T15:59:59.999Z"))).toBe(false);
    // 00:00 and 00:10 the next day are late.
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-03-01T16:00:00Z"))).toBe(true);
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-03-01T16:10:00Z"))).toBe(true);
    // Before and during the window.
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-02-20T12:00:00Z"))).toBe(false);
    expect(isLate(windowEnd, "Asia/Shanghai", instant("2026-02-28T16:10:00Z"))).toBe(false);
  });

  it("judges the same instant by each branch's own calendar", () => {
    // 16:10 UTC on 1 March: already 2 March in Shanghai, still 1 March in Los Angeles and London.
    const at = instant("2026-03-01T16:10:00Z");
    expect(isLate(windowEnd, "Asia/Shanghai", at)).toBe(true);
    expect(isLate(windowEnd, "America/Los_Angeles", at)).toBe(false);
    expect(isLate(windowEnd, "Europe/London", at)).toBe(false);
    // 23:30 in Los Angeles on the last day (07:30 UTC the next day) is on time there.
    expect(isLate(windowEnd, "America/Los_Angeles", instant("2026-03-02T07:30:00Z"))).toBe(false);
    expect(isLate(windowEnd, "America/Los_Angeles", instant("2026-03-02T08:10:00Z"))).toBe(true);
  });

  it("once late, stays late", () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 0, max: 400 * DAY }), (ms, zone, later) => {
        const end = utcDate(ms);
        if (isLate(end, zone, ms)) expect(isLate(end, zone, ms + later)).toBe(true);
        expect(isLate(end, zone, ms)).toBe(localDate(ms, zone) > end);
      }),
      { numRuns: 500 },
    );
  });
});

describe("visit times", () => {
  const MINUTE = 60_000;
  const december = (timeZone: string): VisitWindow => ({ start: "2026-12-03", end: "2026-12-11", timeZone });
  const at = (window: VisitWindow, iso: string) => windowPosition(window, instant(iso));

  it("a window opens at the branch's midnight, less the clock skew, east of UTC", () => {
    // Shanghai (UTC+8): 00:00 on 3 December is 16:00 UTC on the 2nd.
    const shanghai = december("Asia/Shanghai");
    expect(at(shanghai, "2026-12-02T15:54:59.999Z")).toBe("before");
    expect(at(shanghai, "2026-12-02T15:55:00.000Z")).toBe("inside");
    expect(at(shanghai, "2026-12-11T16:04:59.999Z")).toBe("inside");
    expect(at(shanghai, "2026-12-11T16:05:00.000Z")).toBe("after");
  });

  it("and west of UTC", () => {
    // Los Angeles (UTC−8 in December): 00:00 on 3 December is 08:00 UTC; the last day ends at 08:00 UTC on the 12th.
    const la = december("America/Los_Angeles");
    expect(at(la, "2026-12-03T07:54:59.999Z")).toBe("before");
    expect(at(la, "2026-12-03T07:55:00.000Z")).toBe("inside");
    expect(at(la, "2026-12-12T08:04:59.999Z")).toBe("inside");
    expect(at(la, "2026-12-12T08:05:00.000Z")).toBe("after");
    // The same instant is inside in one branch's calendar and not in another's.
    expect(at(la, "2026-12-12T02:00:00Z")).toBe("inside");
    expect(at(december("Asia/Shanghai"), "2026-12-12T02:00:00Z")).toBe("after");
  });

  /** Zones without daylight saving since 2000, with their UTC offset in minutes: the window by plain arithmetic. */
  const FIXED = [
    ["Asia/Shanghai", 480],
    ["Asia/Kolkata", 330],
    ["Pacific/Kiritimati", 840],
    ["UTC", 0],
    ["Pacific/Honolulu", -600],
    ["Pacific/Pago_Pago", -660],
  ] as const;

  it("agrees with arithmetic on each zone's offset, edges and skew included", () => {
    const days = fc.integer({ min: dayNumber("2000-01-02"), max: dayNumber("2099-12-01") });
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXED),
        days,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: -3 * DAY, max: 25 * DAY }),
        ([zone, offset], first, length, delta) => {
          const start = new Date(first * DAY).toISOString().slice(0, 10);
          const end = new Date((first + length) * DAY).toISOString().slice(0, 10);
          const opens = first * DAY - offset * MINUTE - CLOCK_SKEW_MS;
          const closes = (first + length + 1) * DAY - offset * MINUTE + CLOCK_SKEW_MS;
          // Near the edges half the time: a random instant rarely lands within minutes of one.
          for (const t of [opens + delta, opens + (delta % (10 * MINUTE)), closes + (delta % (10 * MINUTE))]) {
            const expected = t < opens ? "before" : t >= closes ? "after" : "inside";
            expect(windowPosition({ start, end, timeZone: zone }, t), `${zone} ${start}..${end} at ${t}`).toBe(
              expected,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a day inside the window is always inside; before and after only grow further away", () => {
    fc.assert(
      fc.property(
        instants,
        zones,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (ms, zone, length, later) => {
          const start = localDate(ms, zone);
          const end = new Date((dayNumber(start) + length) * DAY).toISOString().slice(0, 10);
          const window = { start, end, timeZone: zone };
          expect(windowPosition(window, ms)).toBe("inside");
          if (windowPosition(window, ms + later) === "after") {
            expect(windowPosition(window, ms + later + DAY)).toBe("after");
          }
          if (windowPosition(window, ms - later) === "before") {
            expect(windowPosition(window, ms - later - DAY)).toBe("before");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  describe("checkVisitTimes", () => {
    const window = december("Asia/Shanghai");
    const now = instant("2026-12-20T12:00:00Z");
    const visit = (start: string, minutes: number) => ({
      visitStartedAt: start,
      visitEndedAt: new Date(instant(start) + minutes * MINUTE).toISOString(),
    });
    const codes = (v: { visitStartedAt: string; visitEndedAt: string }, clock = now) =>
      checkVisitTimes(v, window, clock).map((p) => `${p.path}:${p.code}`);

    it("accepts a visit inside the window, sent days after it", () => {
      expect(codes(visit("2026-12-11T10:00:00Z", 30))).toEqual([]);
    });

    it("refuses the probes' visits: months before the window, and in 2099", () => {
      expect(codes(visit("2025-06-15T02:00:00Z", 30))).toEqual(["visitStartedAt:outside_window"]);
      expect(codes(visit("2099-06-15T02:00:00Z", 30))).toEqual(["visitStartedAt:in_future", "visitEndedAt:in_future"]);
      // A day after the window, sent at once: outside, though nothing is in the future.
      expect(codes(visit("2026-12-12T02:00:00Z", 30))).toEqual(["visitStartedAt:outside_window"]);
    });

    it("lets a visit end up to the clock skew ahead of the server, not more", () => {
      const clock = instant("2026-12-05T04:00:00Z");
      const ending = (ms: number) => ({
        visitStartedAt: "2026-12-05T03:30:00Z",
        visitEndedAt: new Date(ms).toISOString(),
      });
      expect(codes(ending(clock + CLOCK_SKEW_MS), clock)).toEqual([]);
      expect(codes(ending(clock + CLOCK_SKEW_MS + 1), clock)).toEqual(["visitEndedAt:in_future"]);
    });

    it("caps a visit at 12 hours, naming the limit in minutes", () => {
      expect(codes(visit("2026-12-05T00:00:00Z", MAX_VISIT_MINUTES))).toEqual([]);
      const long = visit("2026-12-05T00:00:00Z", MAX_VISIT_MINUTES + 1 / 60_000);
      expect(checkVisitTimes(long, window, now)).toEqual([
        expect.objectContaining({ path: "visitEndedAt", code: "too_big", limit: 720 }),
      ]);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 * MAX_VISIT_MINUTES * MINUTE }), (ms) => {
          const v = {
            visitStartedAt: "2026-12-04T00:00:00Z",
            visitEndedAt: new Date(instant("2026-12-04T00:00:00Z") + ms).toISOString(),
          };
          expect(codes(v)).toEqual(ms > MAX_VISIT_MINUTES * MINUTE ? ["visitEndedAt:too_big"] : []);
        }),
      );
    });

    it("judges a start before the end is stamped (the phone's review, before Finish)", () => {
      expect(codes({ visitStartedAt: "2025-06-15T02:00:00Z", visitEndedAt: "" })).toEqual([
        "visitStartedAt:outside_window",
      ]);
      expect(codes({ visitStartedAt: "2026-12-11T10:00:00Z", visitEndedAt: "" })).toEqual([]);
      expect(codes({ visitStartedAt: "", visitEndedAt: "2099-01-01T00:00:00Z" })).toEqual([]);
    });

    it("leaves an end before the start to checkSubmission", () => {
      expect(codes(visit("2026-12-05T10:00:00Z", -5))).toEqual([]);
    });
  });

  describe("short visits", () => {
    const item = (key: string, kind: "yes_no" | "text" = "yes_no") =>
      ({
        key,
        kind,
        prompt: { en: key, zh: key },
        guidance: { en: "", zh: "" },
        weight: 1,
        critical: "none",
        naAllowed: false,
        evidenceOnFail: "none",
      }) as ChecklistItem;
    const docOf = (channel: "store" | "call_centre", scored: number, minimum?: number): ChecklistDocument => ({
      name: { en: "D", zh: "D" },
      channel,
      sections: [
        {
          key: "s",
          title: { en: "S", zh: "S" },
          weight: 1,
          items: [...Array.from({ length: scored }, (_, i) => item(`i${i}`)), item("notes", "text")],
        },
      ],
      ...(minimum === undefined ? {} : { minimumVisitMinutes: minimum }),
    });

    it("a default minimum from the scored items and the channel: calls are shorter than store visits", () => {
      expect(minimumVisitMinutes(docOf("store", 30))).toBe(10);
      expect(minimumVisitMinutes(docOf("call_centre", 26))).toBe(3);
      expect(minimumVisitMinutes(docOf("store", 3))).toBe(5);
      expect(minimumVisitMinutes(docOf("call_centre", 3))).toBe(2);
      expect(minimumVisitMinutes(docOf("store", 31))).toBe(11);
      expect(minimumVisitMinutes(docOf("store", 30, 25))).toBe(25);
    });

    it("a visit shorter than the minimum is flagged with its minutes, one at the minimum is not", () => {
      const doc = docOf("store", 30);
      const times = (seconds: number) => ({
        visitStartedAt: "2026-12-05T02:00:00Z",
        visitEndedAt: new Date(instant("2026-12-05T02:00:00Z") + seconds * 1000).toISOString(),
      });
      expect(auditFlags(doc, times(6))).toEqual([
        { code: "too_fast", basis: "visit", minutes: 0.1, minimumMinutes: 10 },
      ]);
      expect(auditFlags(doc, times(599))).toEqual([
        { code: "too_fast", basis: "visit", minutes: 9.9, minimumMinutes: 10 },
      ]);
      expect(auditFlags(doc, times(600))).toEqual([]);
      expect(auditFlags(docOf("store", 30, 2), times(6 * 60))).toEqual([]);
    });
  });
});

/** Rebuilds a JSON value with every object's keys in a shuffled order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, shuffleKeys(v, random)] as const);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j] as (typeof entries)[number], entries[i] as (typeof entries)[number]];
    }
    return Object.fromEntries(entries);
  }
  return value;
}

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("leaves out undefined properties, as JSON.stringify does", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ answers: [{ item: "x", comment: undefined }] })).toBe('{"answers":[{"item":"x"}]}');
  });

  it("quotes keys and strings as JSON", () => {
    expect(canonicalJson({ 'a"b': "c\nd", 中: "文" })).toBe('{"a\\"b":"c\\nd","中":"文"}');
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("does not depend on key order (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed;
        const random = () => {
          state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
          return Math.abs(state) / 2 ** 31;
        };
        expect(canonicalJson(shuffleKeys(value, random))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it("is valid JSON for the same value (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it("tells different values apart (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        if (same) expect(JSON.parse(canonicalJson(a))).toEqual(JSON.parse(canonicalJson(b)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("detectImageType", () => {
  it("recognises JPEG, PNG and WebP from their first bytes", () => {
    expect(detectImageType(TINY_JPEG)).toBe("image/jpeg");
    expect(detectImageType(TINY_PNG)).toBe("image/png");
    expect(detectImageType(TINY_WEBP)).toBe("image/webp");
    expect(detectImageType(uniqueJpeg())).toBe("image/jpeg");
    expect(detectImageType(uniquePng())).toBe("image/png");
    expect(detectImageType(uniqueWebp())).toBe("image/webp");
    // The route passes only the first 16 bytes.
    expect(detectImageType(TINY_WEBP.subarray(0, 16))).toBe("image/webp");
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
  });

  it("refuses other formats and junk", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const junk: Array<[string, Uint8Array]> = [
      ["empty", new Uint8Array()],
      ["GIF", TINY_GIF],
      ["text", text("hello, this is not a photo")],
      ["JSON", text('{"photo":true}')],
      ["WAV (RIFF but not WEBP)", text("RIFF\x24\x00\x00\x00WAVEfmt ")],
      ["RIFF header alone", text("RIFF")],
      ["half a JPEG marker", new Uint8Array([0xff, 0xd8])],
      ["PNG signature cut short", TINY_PNG.subarray(0, 7)],
      ["PNG signature one byte off", Uint8Array.from([...TINY_PNG.subarray(0, 7), 0x0b])],
      ["PDF", text("%PDF-1.7")],
      ["HEIC", new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63])],
      ["BMP", text("BM6\x00\x00\x00")],
    ];
    for (const [name, bytes] of junk) expect(detectImageType(bytes), name).toBeNull();
  });

  it("on any bytes, answers null or a type whose signature is really there", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (bytes) => {
        const type = detectImageType(bytes);
        if (type === "image/jpeg") expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        else if (type === "image/png") expect(bytes[0]).toBe(0x89);
        else if (type === "image/webp") expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe("WEBP");
        else expect(type).toBeNull();
      }),
    );
  });

  it("caps photos at 5 MB", () => {
    expect(MAX_EVIDENCE_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe("checkSubmission", () => {
  const base = { guidance: { en: "", zh: "" }, weight: 1, critical: "none", naAllowed: false } as const;
  const item = (spec: Partial<ChecklistItem> & Pick<ChecklistItem, "key" | "kind">): ChecklistItem =>
    ({ ...base, prompt: { en: spec.key, zh: spec.key }, evidenceOnFail: "none", ...spec }) as ChecklistItem;
  const doc: ChecklistDocument = {
    name: { en: "Unit", zh: "单元" },
    channel: "store",
    sections: [
      {
        key: "s",
        title: { en: "S", zh: "S" },
        weight: 1,
        items: [
          item({ key: "greets", kind: "yes_no", evidenceOnFail: "comment" }),
          item({ key: "price", kind: "yes_no", evidenceOnFail: "photo", naAllowed: true }),
          item({ key: "warmth", kind: "scale", min: 1, max: 5, evidenceOnFail: "comment" } as Partial<ChecklistItem> &
            Pick<ChecklistItem, "key" | "kind">),
          item({ key: "front", kind: "photo", weight: 0 }),
        ],
      },
    ],
  };
  const submission = (answers: Submission["answers"], times: Partial<Submission> = {}): Submission => ({
    assignmentId: "a",
    checklistVersionId: "v",
    contact: "visit",
    visitStartedAt: "2026-03-01T10:00:00Z",
    visitEndedAt: "2026-03-01T10:30:00Z",
    staffDescription: "",
    overallComment: "",
    answers,
    ...times,
  });
  const paths = (s: Submission) =>
    checkSubmission(doc, s)
      .map((p) => `${p.path}:${p.code}`)
      .sort();
  const passing = [
    { item: "greets", value: true },
    { item: "price", value: true },
    { item: "warmth", value: 5 },
  ];

  it("accepts a complete report", () => {
    expect(paths(submission(passing))).toEqual([]);
    expect(paths(submission([...passing, { item: "front", evidence: ["a".repeat(64)] }]))).toEqual([]);
    expect(paths(submission([passing[0], { item: "price", na: true }, passing[2]] as Submission["answers"]))).toEqual(
      [],
    );
  });

  it("names missing items, and the comment or photo a failure demands", () => {
    expect(paths(submission([]))).toEqual(["items.greets:required", "items.price:required", "items.warmth:required"]);
    expect(
      paths(
        submission([
          { item: "greets", value: false, comment: " " },
          { item: "price", value: false, comment: "Wrong price" },
          { item: "warmth", value: 1 },
        ]),
      ),
    ).toEqual(["answers[0].comment:required", "answers[1].evidence:required", "answers[2].comment:required"]);
    expect(
      paths(
        submission([
          { item: "greets", value: false, comment: "Ignored me" },
          { item: "price", value: false, evidence: ["b".repeat(64)] },
          { item: "warmth", value: 2 },
        ]),
      ),
    ).toEqual([]);
  });

  it("reports a wrong answer once, not also as a failure or a missing answer", () => {
    expect(
      paths(submission([{ item: "greets", value: "yes" }, passing[1], passing[2]] as Submission["answers"])),
    ).toEqual(["answers[0].value:invalid_type"]);
    expect(paths(submission([passing[0], passing[1], { item: "warmth", value: 0 }] as Submission["answers"]))).toEqual([
      "answers[2].value:invalid_value",
    ]);
    expect(paths(submission([{ item: "greets", na: true }, passing[1], passing[2]] as Submission["answers"]))).toEqual([
      "answers[0].na:not_allowed",
    ]);
    expect(paths(submission([...passing, { item: "greets", value: false }]))).toEqual(["answers[3].item:taken"]);
  });

  it("refuses photos on an item that takes none, and a visit that ends before it starts", () => {
    expect(
      paths(
        submission([
          { item: "greets", value: true, evidence: ["c".repeat(64)] },
          passing[1],
          passing[2],
        ] as Submission["answers"]),
      ),
    ).toEqual(["answers[0].evidence:not_allowed"]);
    expect(paths(submission(passing, { visitEndedAt: "2026-03-01T09:59:59Z" }))).toEqual([
      "visitEndedAt:invalid_value",
    ]);
    expect(paths(submission(passing, { visitEndedAt: "2026-03-01T10:00:00Z" }))).toEqual([]);
  });
});
