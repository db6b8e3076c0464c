/**
 * Evidence photos: raw image bytes PUT at the address of their SHA-256. Only whole, well-formed
 * JPEG, PNG and WebP files; at most 5 MB; shoppers upload for reports, the branch's managers
 * and admins for disputes and corrective actions. What is stored is the photo
 * without its metadata (the address stays the hash of the upload). A report shows only photos
 * its own shopper uploaded; reading a photo follows reading the reports that show it.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { uploads } from "../../schema";
import { createOrganization, type TestOrganization } from "./factory";
import {
  api,
  ascii,
  cameraJpeg,
  completeAnswers,
  concat,
  db,
  expectJson,
  expectOk,
  expectProblem,
  fieldErrors,
  PHONE_JPEG,
  sha256Of,
  TINY_GIF,
  TINY_JPEG,
  TINY_JPEG_SHA256,
  TINY_PNG,
  TINY_PNG_AFTER_IHDR,
  TINY_PNG_SHA256,
  TINY_WEBP,
  TINY_WEBP_SHA256,
  u32le,
  uniqueJpeg,
  uniquePng,
  uniqueWebp,
  uploadEvidence,
} from "./helpers";
import { createMemberBy } from "./member-helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let admin: string;
let analyst: string;
let shopper: string;
let shopper2: string;
let manager: string;
let regional: string;
let otherAdmin: string;
let store: Version;

beforeAll(async () => {
  let other: TestOrganization;
  // Published on arrival: who may read a photo follows the report's publication (review.test.ts covers review).
  [org, other] = await Promise.all([
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "none" }),
  ]);
  const { people } = org;
  [admin, analyst, shopper, shopper2, manager, regional] = [
    people.admin.cookie,
    people.analyst.cookie,
    people.shopper.cookie,
    people.shopper2.cookie,
    people.manager.cookie,
    people.regional.cookie,
  ];
  otherAdmin = other.people.admin.cookie;
  store = await readVersion(org.as.admin, org.versionIds.store);
});

/** Uploads go raw (bytes, declared types): the typed client sends JSON. */
interface UploadJson {
  sha256: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}

/** The stored form of `uniqueWebp()`: RIFF header, the VP8X chunk, the VP8L chunk; no XTRA. */
const STORED_UNIQUE_WEBP_BYTES = 12 + 18 + (TINY_WEBP.length - 12);

async function storedBytes(sha256: string, cookie: string): Promise<Uint8Array> {
  const res = await api(`/api/v1/evidence/${sha256}`, { cookie });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

describe("the test images", () => {
  it("carry the magic bytes of their format and the SHA-256 given with them", async () => {
    expect([...TINY_JPEG.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...TINY_PNG.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(new TextDecoder().decode(TINY_WEBP.subarray(0, 4))).toBe("RIFF");
    expect(new TextDecoder().decode(TINY_WEBP.subarray(8, 12))).toBe("WEBP");
    expect(await sha256Of(TINY_JPEG)).toBe(TINY_JPEG_SHA256);
    expect(await sha256Of(TINY_PNG)).toBe(TINY_PNG_SHA256);
    expect(await sha256Of(TINY_WEBP)).toBe(TINY_WEBP_SHA256);
    expect(await sha256Of(uniqueJpeg())).not.toBe(await sha256Of(uniqueJpeg()));
  });
});

describe("uploading", () => {
  it("stores a JPEG (201); the same bytes again are harmless (200)", async () => {
    const bytes = uniqueJpeg();
    const first = await uploadEvidence(shopper, bytes);
    const body = await expectJson<UploadJson>(first.res, 201);
    // Stored without the test's comment segment: the tiny JPEG itself.
    expect(body).toEqual({
      sha256: first.sha256,
      contentType: "image/jpeg",
      byteSize: TINY_JPEG.length,
      width: 2,
      height: 2,
    });
    const again = await uploadEvidence(shopper, bytes);
    expect(await expectJson<UploadJson>(again.res, 200)).toEqual(body);
    // Another shopper of the organisation uploading the same photo changes nothing either.
    expect(await expectJson<UploadJson>((await uploadEvidence(shopper2, bytes)).res, 200)).toEqual(body);
  });

  it("accepts PNG and WebP, and a declared type with parameters", async () => {
    const png = uniquePng();
    expect(await expectJson<UploadJson>((await uploadEvidence(shopper, png, "image/png")).res, 201)).toMatchObject({
      contentType: "image/png",
      byteSize: TINY_PNG.length,
    });
    const webp = uniqueWebp();
    expect(
      await expectJson<UploadJson>((await uploadEvidence(shopper, webp, "Image/WebP; charset=binary")).res, 201),
    ).toMatchObject({ contentType: "image/webp", byteSize: STORED_UNIQUE_WEBP_BYTES });
    // The plain tiny files too (201 the first time anyone uploads them, 200 after).
    for (const [bytes, type] of [
      [TINY_JPEG, "image/jpeg"],
      [TINY_PNG, "image/png"],
      [TINY_WEBP, "image/webp"],
    ] as const) {
      const { res } = await uploadEvidence(shopper, bytes, type);
      expect([200, 201]).toContain(res.status);
      expect(((await res.json()) as UploadJson).contentType).toBe(type);
    }
  });

  it("accepts a photo of a realistic size (1 MB)", async () => {
    const bytes = uniqueJpeg(1024 * 1024);
    expect(bytes.length).toBeGreaterThanOrEqual(1024 * 1024);
    const { res, sha256 } = await uploadEvidence(shopper, bytes);
    // The padding is comment segments, which are not kept.
    expect(await expectJson<UploadJson>(res, 201)).toEqual({
      sha256,
      contentType: "image/jpeg",
      byteSize: TINY_JPEG.length,
      width: 2,
      height: 2,
    });
    expect(await storedBytes(sha256, shopper)).toEqual(TINY_JPEG);
  });

  it("refuses bytes that are not the declared type (415)", async () => {
    const problem = await expectProblem(
      (await uploadEvidence(shopper, uniquePng(), "image/jpeg")).res,
      415,
      "unsupported_media_type",
    );
    expect(problem.detail).toBe("The bytes are image/png but were sent as image/jpeg");
    const undeclared = await expectProblem(
      (await uploadEvidence(shopper, uniqueJpeg(), "")).res,
      415,
      "unsupported_media_type",
    );
    expect(undeclared.detail).toBe("The bytes are image/jpeg but were sent as no type");
  });

  it("refuses a GIF, text and an empty body with a clear message (415)", async () => {
    const bodies: Array<[Uint8Array, string]> = [
      [TINY_GIF, "image/gif"],
      [TINY_GIF, "image/jpeg"],
      [new TextEncoder().encode("not a photo at all"), "text/plain"],
      [new TextEncoder().encode('{"photo":true}'), "application/json"],
      [new Uint8Array(), "image/jpeg"],
    ];
    for (const [bytes, type] of bodies) {
      const problem = await expectProblem(
        (await uploadEvidence(shopper, bytes, type)).res,
        415,
        "unsupported_media_type",
      );
      expect(problem.detail).toBe("Only JPEG, PNG or WebP photos are accepted");
    }
  });

  it("refuses bytes that do not match the SHA-256 in the address (400)", async () => {
    const bytes = uniqueJpeg();
    const { res, sha256 } = await uploadEvidence(shopper, bytes, "image/jpeg", await sha256Of(uniqueJpeg()));
    await expectProblem(res, 400, "checksum_mismatch");
    await expectProblem(await api(`/api/v1/evidence/${sha256}`, { cookie: shopper }), 404, "not_found");
  });

  it("takes up to 5 MB and refuses more (413)", async () => {
    const limit = uniqueJpeg(5 * 1024 * 1024);
    expect(limit.length).toBe(5 * 1024 * 1024);
    await expectJson<UploadJson>((await uploadEvidence(shopper, limit)).res, 201);

    for (const size of [5 * 1024 * 1024 + 1, 8 * 1024 * 1024]) {
      const bytes = new Uint8Array(size);
      bytes.set(TINY_JPEG);
      const { res, sha256 } = await uploadEvidence(shopper, bytes);
      const problem = await expectProblem(res, 413, "payload_too_large");
      expect(problem.detail).toBe("A photo may be at most 5 MB");
      await expectProblem(await api(`/api/v1/evidence/${sha256}`, { cookie: shopper }), 404, "not_found");
    }
  });

  it("the address must be a lower-case hex SHA-256 (400)", async () => {
    for (const bad of ["abc", TINY_JPEG_SHA256.toUpperCase(), `${TINY_JPEG_SHA256}0`, "z".repeat(64)]) {
      const { res } = await uploadEvidence(shopper, TINY_JPEG, "image/jpeg", bad);
      const problem = await expectProblem(res, 400, "validation_failed");
      expect(fieldErrors(problem)).toEqual(["sha256:invalid_format"]);
      await expectProblem(await api(`/api/v1/evidence/${bad}`, { cookie: shopper }), 400, "validation_failed");
    }
  });

  it("those who attach photos upload; analysts may not (403); signing in is required (401)", async () => {
    await expectProblem((await uploadEvidence(analyst, uniqueJpeg())).res, 403, "forbidden");
    for (const cookie of [manager, regional, admin]) {
      expect((await uploadEvidence(cookie, uniqueJpeg())).res.status).toBe(201);
    }
    const bytes = uniqueJpeg();
    const sha256 = await sha256Of(bytes);
    const res = await api(`/api/v1/evidence/${sha256}`, {
      method: "PUT",
      body: bytes,
      headers: { "content-type": "image/jpeg" },
    });
    await expectProblem(res, 401, "unauthenticated");
  });
});

describe("fetching", () => {
  let bytes: Uint8Array;
  let sha256: string;
  let url: string;

  beforeAll(async () => {
    bytes = uniqueJpeg();
    const upload = await uploadEvidence(shopper, bytes);
    expect(upload.res.status).toBe(201);
    sha256 = upload.sha256;
    url = `/api/v1/evidence/${sha256}`;
  });

  async function expectPhoto(cookie: string): Promise<void> {
    const res = await api(url, { cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toContain("immutable");
    // Stored without the test's comment segment.
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(TINY_JPEG);
  }

  it("only the uploader sees a photo until a report shows it", async () => {
    await expectPhoto(shopper);
    for (const cookie of [shopper2, manager, regional, otherAdmin]) {
      await expectProblem(await api(url, { cookie }), 404, "not_found");
    }
    await expectProblem(await api(url), 401, "unauthenticated");
    await expectProblem(await api(`/api/v1/evidence/${"0".repeat(64)}`, { cookie: shopper }), 404, "not_found");
  });

  it("after a published report of their branch, its managers see it; others still do not", async () => {
    const assignment = await planVisit(org, store.id);
    const answers = completeAnswers(store.document).map((a) => ({ ...a }));
    answers.push({ item: "storefront_photo", evidence: [sha256] });
    const audit = await expectOk(
      await submitReport(org.as.shopper, crypto.randomUUID(), report(assignment, answers)),
      201,
    );
    expect(audit.status).toBe("published");
    const shown = audit.answers.find((a) => a.item === "storefront_photo");
    expect(shown?.evidence).toEqual([{ sha256, contentType: "image/jpeg", byteSize: TINY_JPEG.length, url }]);

    // The branch's manager, the region's manager, head office.
    for (const cookie of [manager, regional, analyst, admin]) await expectPhoto(cookie);

    // Another branch's manager, another region's manager, another shopper, another organisation.
    const [otherBranch, otherRegion] = await Promise.all([
      createMemberBy(org.people.admin, { role: "branch_manager", branchIds: [org.branchIds.north2] }),
      createMemberBy(org.people.admin, { role: "regional_manager", regionIds: [org.regionIds.east] }),
    ]);
    for (const cookie of [otherBranch.cookie, otherRegion.cookie, shopper2, otherAdmin]) {
      await expectProblem(await api(url, { cookie }), 404, "not_found");
    }
  });
});

describe("checking the file and storing it without metadata", () => {
  async function expectRefused(bytes: Uint8Array, type: string, detail: string | RegExp): Promise<void> {
    const { res, sha256 } = await uploadEvidence(shopper, bytes, type);
    const problem = await expectProblem(res, 415, "unsupported_media_type");
    expect(problem.detail).toMatch(detail);
    // Nothing was kept.
    await expectProblem(await api(`/api/v1/evidence/${sha256}`, { cookie: shopper }), 404, "not_found");
  }

  it("refuses three JPEG magic bytes followed by HTML (415)", async () => {
    const polyglot = concat(
      new Uint8Array([0xff, 0xd8, 0xff]),
      ascii(`<html><script>alert(1)</script>${uniqueJpeg().length}`),
    );
    await expectRefused(polyglot, "image/jpeg", /^Not a valid photo: The JPEG /);
    // A whole JPEG with a page after its end is refused too.
    await expectRefused(
      concat(uniqueJpeg(), ascii("<html><script>alert(1)</script></html>")),
      "image/jpeg",
      "Not a valid photo: The JPEG has data after its end-of-image marker",
    );
  });

  it("refuses a truncated JPEG or PNG, a PNG with a bad CRC and a WebP with a wrong RIFF size (415)", async () => {
    const jpeg = uniqueJpeg();
    await expectRefused(
      jpeg.subarray(0, jpeg.length - 2),
      "image/jpeg",
      "Not a valid photo: The JPEG ends inside its image data",
    );
    const png = uniquePng();
    await expectRefused(
      png.subarray(0, png.length - 12),
      "image/png",
      "Not a valid photo: The PNG ends before its IEND chunk",
    );
    const badCrc = Uint8Array.from(png);
    const inText = TINY_PNG_AFTER_IHDR + 8 + "Comment\0".length + 2; // inside the tEXt chunk's text
    badCrc[inText] = (badCrc[inText] ?? 0) ^ 0x20;
    await expectRefused(badCrc, "image/png", "Not a valid photo: The PNG chunk tEXt fails its CRC check");
    const webp = uniqueWebp();
    webp.set(u32le(webp.length), 4); // should be length - 8
    await expectRefused(webp, "image/webp", "Not a valid photo: The WebP file size (RIFF) does not match");
  });

  it("stores a camera JPEG without Exif (owner, GPS), XMP, comment or thumbnail; JFIF and ICC stay", async () => {
    const camera = cameraJpeg();
    expect(latin1(camera.upload)).toContain(camera.owner);
    expect(latin1(camera.upload)).toContain("Exif\0\0MM");
    const { res, sha256 } = await uploadEvidence(shopper, camera.upload);
    // The address is the hash of the upload; the size is that of the stored bytes.
    expect(sha256).toBe(await sha256Of(camera.upload));
    const body = await expectJson<UploadJson>(res, 201);
    expect(body).toEqual({ sha256, contentType: "image/jpeg", byteSize: camera.stored.length, width: 2, height: 2 });

    const stored = await storedBytes(sha256, shopper);
    expect(stored).toEqual(camera.stored);
    expect(latin1(stored)).not.toContain(camera.owner);
    expect(latin1(stored)).not.toContain("Exif");
    expect(latin1(stored)).toContain("JFIF\0");
    expect(latin1(stored)).toContain("ICC_PROFILE\0");

    // The same upload again: the same answer, nothing stored twice.
    expect(await expectJson<UploadJson>((await uploadEvidence(shopper, camera.upload)).res, 200)).toEqual(body);
    expect(await storedBytes(sha256, shopper)).toEqual(camera.stored);
  });

  it("stores a PNG without its tEXt chunk", async () => {
    const png = uniquePng();
    expect(latin1(png)).toContain("tEXtComment");
    const { res, sha256 } = await uploadEvidence(shopper, png, "image/png");
    await expectJson<UploadJson>(res, 201);
    expect(await storedBytes(sha256, shopper)).toEqual(TINY_PNG);
  });

  it("stores a phone's canvas JPEG exactly as sent and records its pixel size", async () => {
    const { res, sha256 } = await uploadEvidence(shopper, PHONE_JPEG);
    expect([200, 201]).toContain(res.status);
    expect(await res.json()).toEqual({
      sha256,
      contentType: "image/jpeg",
      byteSize: PHONE_JPEG.length,
      width: 64,
      height: 48,
    });
    expect(await storedBytes(sha256, shopper)).toEqual(PHONE_JPEG);
    const [row] = await db().select().from(uploads).where(eq(uploads.sha256, sha256));
    expect(row).toMatchObject({ width: 64, height: 48, byteSize: PHONE_JPEG.length });
  });
});

describe("whose photo it is", () => {
  const photoItem = "storefront_photo";

  async function submitWithPhoto(who: "shopper" | "shopper2", sha256: string) {
    const assignment = await planVisit(org, store.id, { shopperId: org.people[who].id });
    const answers = [...completeAnswers(store.document), { item: photoItem, evidence: [sha256] }];
    return submitReport(org.as[who], crypto.randomUUID(), report(assignment, answers));
  }

  it("another shopper's photo is missing from a report exactly like one never uploaded, and unreadable", async () => {
    const bytes = uniqueJpeg();
    const { res, sha256: theirs } = await uploadEvidence(shopper, bytes);
    await expectJson<UploadJson>(res, 201);
    const never = await sha256Of(uniqueJpeg());

    const borrowed = await expectProblem(await submitWithPhoto("shopper2", theirs), 409, "evidence_missing");
    const missing = await expectProblem(await submitWithPhoto("shopper2", never), 409, "evidence_missing");
    const withoutIds = (problem: typeof borrowed, sha: string) => ({
      ...problem,
      requestId: undefined,
      errors: problem.errors?.map((e) => ({ ...e, message: e.message.replace(sha.slice(0, 12), "<sha>") })),
    });
    expect(withoutIds(borrowed, theirs)).toEqual(withoutIds(missing, never));
    expect(borrowed.errors?.[0]?.message).toBe(`Photo ${theirs.slice(0, 12)}… has not been uploaded`);

    await expectProblem(await api(`/api/v1/evidence/${theirs}`, { cookie: shopper2 }), 404, "not_found");

    // Their own report may show it, and their branch's manager then reads it; shopper 2 still cannot.
    await expectOk(await submitWithPhoto("shopper", theirs), 201);
    await storedBytes(theirs, manager);
    await expectProblem(await api(`/api/v1/evidence/${theirs}`, { cookie: shopper2 }), 404, "not_found");
  });

  it("a second shopper uploading the same bytes owns them too: same answer, and may show and read them", async () => {
    const bytes = uniqueJpeg();
    const first = await uploadEvidence(shopper, bytes);
    const body = await expectJson<UploadJson>(first.res, 201);
    const second = await uploadEvidence(shopper2, bytes);
    expect(await expectJson<UploadJson>(second.res, 200)).toEqual(body);

    expect(await storedBytes(first.sha256, shopper2)).toEqual(TINY_JPEG);
    const audit = await expectOk(await submitWithPhoto("shopper2", first.sha256), 201);
    expect(audit.answers.find((a) => a.item === photoItem)?.evidence.map((e) => e.sha256)).toEqual([first.sha256]);
  });
});
