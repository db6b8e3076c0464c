/**
 * The phone's facts for the quality flags (issue 16): a photo's capture time read from EXIF
 * before re-encoding (web/lib/photo-facts.ts, on the fixtures), the dHash the server computes
 * over jpeg-js decoding of the same fixtures, and the visit's facts (web/areas/visits/visit-facts.ts):
 * form timing across a reload, fixes, the report as it goes to the outbox.
 */
import { describe, expect, it } from "vitest";
import { startsFormClock } from "../../web/areas/visits/visit-draft";
import { addFix, formSecondsOf, MAX_FIXES, phoneFactsOf, watchVisit } from "../../web/areas/visits/visit-facts";
import type { PhoneRecord } from "../../web/lib/local-store";
import {
  createOutbox,
  type Fix,
  newOutboxEntry,
  type OutboxEntry,
  type PhotoRecord,
  type ReportBody,
  type SendResult,
} from "../../web/lib/outbox";
import { captureTimeOf, exifInstant } from "../../web/lib/photo-facts";
import { hammingDistance } from "../../worker/domain/quality-flags";
import { jpegDHash } from "../../worker/lib/photo-dhash";
import counterUrl from "../fixtures/counter.jpg?inline";
import shopUrl from "../fixtures/shop-front.jpg?inline";
import shopExifUrl from "../fixtures/shop-front-exif.jpg?inline";

const bytesOf = (dataUrl: string) => Uint8Array.from(atob(dataUrl.split(",")[1] ?? ""), (c) => c.charCodeAt(0));

/** The server's side: its upload hash (jpeg-js decoding, then the shared dHash). */
const serverDHash = (bytes: Uint8Array) => jpegDHash(bytes, "image/jpeg");

describe("EXIF capture time", () => {
  it("reads DateTimeOriginal with its OffsetTimeOriginal from the fixture", async () => {
    expect(await captureTimeOf(bytesOf(shopExifUrl))).toBe("2026-12-05T02:30:00.000Z");
  });

  it("is null for a photo without EXIF, and for bytes that are no photo at all", async () => {
    expect(await captureTimeOf(bytesOf(shopUrl))).toBeNull();
    expect(await captureTimeOf(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toBeNull();
  });

  it("turns EXIF text into an instant, with or without an offset", () => {
    expect(exifInstant("2026:12:05 10:30:00", "+08:00")).toBe("2026-12-05T02:30:00.000Z");
    expect(exifInstant("2026:12:05 10:30:00", "-05:30")).toBe("2026-12-05T16:00:00.000Z");
    // No offset: the phone's own zone (the Workers runtime runs in UTC).
    expect(exifInstant("2026:12:05 10:30:00")).toBe("2026-12-05T10:30:00.000Z");
    expect(exifInstant("2026:12:05 10:30:00", "garbage")).toBe("2026-12-05T10:30:00.000Z");
    expect(exifInstant("0000:00:00 00:00:00")).toBeNull();
    expect(exifInstant("    :  :     :  :  ")).toBeNull();
    expect(exifInstant(undefined)).toBeNull();
    expect(exifInstant(new Date())).toBeNull();
  });
});

describe("dHash of the fixtures as the server decodes them (jpeg-js)", () => {
  it("is the same picture with and without EXIF, and a different one for another picture", () => {
    const shop = serverDHash(bytesOf(shopUrl));
    expect(shop).toMatch(/^[0-9a-f]{16}$/);
    expect(serverDHash(bytesOf(shopExifUrl))).toBe(shop);
    expect(hammingDistance(shop ?? "", serverDHash(bytesOf(counterUrl)) ?? "")).toBeGreaterThan(10);
  });
});

const at = (iso: string, lat = 31.23): Fix => ({ lat, lng: 121.47, accuracy: 10, takenAt: iso });

describe("form timing", () => {
  it("counts wall time from the first opening, within 0..86400, and nothing when the opening is unknown", () => {
    expect(formSecondsOf(1_000, 91_400)).toBe(90);
    expect(formSecondsOf(1_000, 500)).toBe(0);
    expect(formSecondsOf(0, 200_000_000)).toBe(86_400);
    expect(formSecondsOf(undefined, 5_000)).toBeUndefined();
  });

  it("survives a reload: the opening is kept in the draft and a later opening does not reset it", () => {
    const t0 = Date.parse("2026-12-05T02:00:00Z");
    // The first opening starts the clock (the form notes it as it mounts: session.formOpened).
    expect(startsFormClock({}, () => false)).toBe(true);
    const stored: PhoneRecord = structuredClone({ formOpenedAt: t0 });
    // The app closes; 25 minutes later (paused time counts) it opens the draft again, answered by now.
    expect(startsFormClock(stored, () => true)).toBe(false);
    expect(startsFormClock(stored, () => false)).toBe(false);
    const body = phoneFactsOf(report(), stored, new Map(), t0 + 31 * 60_000 + 400);
    expect(body.formSeconds).toBe(31 * 60);
  });

  it("sends no timing for a draft answered before the phone timed forms (it would look fast)", () => {
    const old: PhoneRecord = {};
    expect(startsFormClock(old, () => true)).toBe(false);
    expect(phoneFactsOf(report(), old, new Map(), Date.now()).formSeconds).toBeUndefined();
  });

  it("takes no fixes and notes nothing when the shopper does not share their location", () => {
    const record = { phone: {} as PhoneRecord };
    watchVisit({
      phone: () => record.phone,
      setPhone: (patch) => {
        record.phone = { ...record.phone, ...patch };
      },
    })();
    expect(record.phone).toEqual({});
  });
});

describe("fixes", () => {
  it("keeps them oldest first and leaves out the browser's cached reading handed out again", () => {
    const one = addFix([], at("2026-12-05T02:00:00Z"));
    expect(addFix(one, at("2026-12-05T02:00:00Z", 31.5))).toEqual(one);
    expect(addFix(one, at("2026-12-05T01:59:00Z"))).toEqual(one);
    expect(addFix(one, at("2026-12-05T02:03:00Z"))).toHaveLength(2);
  });

  it("keeps at most 30: the first (the check-in) and the latest", () => {
    let fixes: Fix[] = [];
    for (let i = 0; i < 40; i++) fixes = addFix(fixes, at(new Date(Date.UTC(2026, 11, 5, 2, i)).toISOString()));
    expect(fixes).toHaveLength(MAX_FIXES);
    expect(fixes[0]?.takenAt).toBe("2026-12-05T02:00:00.000Z");
    expect(fixes[1]?.takenAt).toBe("2026-12-05T02:11:00.000Z");
    expect(fixes.at(-1)?.takenAt).toBe("2026-12-05T02:39:00.000Z");
  });
});

function report(patch: Partial<ReportBody> = {}): ReportBody {
  return {
    assignmentId: "a1",
    checklistVersionId: "v1",
    contact: "visit",
    visitStartedAt: "2026-12-05T01:55:00.000Z",
    visitEndedAt: "2026-12-05T02:30:00.000Z",
    location: null,
    staffDescription: "",
    overallComment: "",
    answers: [],
    ...patch,
  };
}

describe("the report as it goes to the outbox", () => {
  const shaA = "a".repeat(64);
  const shaB = "b".repeat(64);

  it("adds nothing the phone does not know (an older draft sends the report as before)", () => {
    expect(phoneFactsOf(report(), {}, new Map(), Date.now())).toEqual(report());
  });

  it("opens the fixes with the check-in, and describes the evidence photos in the answers' order", () => {
    const checkIn = at("2026-12-05T01:56:00.000Z");
    const later = at("2026-12-05T02:10:00.000Z");
    const body = report({
      location: checkIn,
      answers: [
        { item: "price", value: false, evidence: [shaB] },
        { item: "shelf", value: true, evidence: [shaA, shaB] },
      ],
    });
    const photos = new Map([[shaA, { dHash: "0123456789abcdef", capturedAt: "2026-12-05T02:05:00.000Z" }]]);
    const sent = phoneFactsOf(
      body,
      { locate: true, formOpenedAt: Date.parse("2026-12-05T01:57:00Z"), fixes: [later] },
      photos,
      Date.parse("2026-12-05T02:31:00Z"),
    );
    expect(sent.formSeconds).toBe(34 * 60);
    expect(sent.fixes).toEqual([checkIn, later]);
    expect(sent.location).toEqual(checkIn);
    expect(sent.photos).toEqual([
      { sha256: shaB, dHash: null, capturedAt: null },
      { sha256: shaA, dHash: "0123456789abcdef", capturedAt: "2026-12-05T02:05:00.000Z" },
    ]);
    // Plain data: the outbox stores it and a retry sends the very same body.
    expect(structuredClone(sent)).toEqual(sent);
    expect(JSON.parse(JSON.stringify(sent))).toEqual(sent);
  });
});

describe("offline: the facts wait in the outbox with the report", () => {
  it("a retry sends the very same body, facts included, after the phone was offline", async () => {
    const sha = "c".repeat(64);
    const body = phoneFactsOf(
      report({ location: at("2026-12-05T01:56:00.000Z"), answers: [{ item: "price", value: false, evidence: [sha] }] }),
      { locate: true, formOpenedAt: Date.parse("2026-12-05T01:57:00Z"), fixes: [at("2026-12-05T02:10:00.000Z")] },
      new Map([[sha, { dHash: "00ff00ff00ff00ff", capturedAt: "2026-12-05T02:01:00.000Z" }]]),
      Date.parse("2026-12-05T02:31:00Z"),
    );
    const entries = new Map<string, OutboxEntry>();
    const photos = new Map<string, PhotoRecord>([
      [sha, { sha256: sha, contentType: "image/jpeg", data: new Uint8Array([1]), uploaded: true }],
    ]);
    const store = {
      listEntries: async () => [...entries.values()].map((e) => structuredClone(e)),
      getEntry: async (id: string) => structuredClone(entries.get(id)),
      putEntry: async (e: OutboxEntry) => void entries.set(e.auditId, structuredClone(e)),
      getPhoto: async (s: string) => structuredClone(photos.get(s)),
      putPhoto: async (p: PhotoRecord) => void photos.set(p.sha256, structuredClone(p)),
      deletePhoto: async (s: string) => void photos.delete(s),
    };
    const sent: string[] = [];
    let online = false;
    const transport = {
      putEvidence: async (): Promise<SendResult> => ({ ok: true, status: 200, body: null }),
      putAudit: async (_id: string, b: ReportBody): Promise<SendResult> => {
        sent.push(JSON.stringify(b));
        return online
          ? { ok: true, status: 201, body: {} }
          : { ok: false, status: 0, code: "network_error", message: "No connection" };
      },
    };
    await store.putEntry(newOutboxEntry("audit-1", body, 1));
    const outbox = createOutbox(store, transport, () => 2);
    expect((await outbox.drain())[0]?.state).toBe("waiting");
    online = true;
    expect((await outbox.drain())[0]?.state).toBe("sent");
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(JSON.parse(sent[0] ?? "{}")).toMatchObject({
      formSeconds: 34 * 60,
      fixes: [{ lat: 31.23 }, { lat: 31.23 }],
      photos: [{ sha256: sha, dHash: "00ff00ff00ff00ff", capturedAt: "2026-12-05T02:01:00.000Z" }],
    });
  });
});
