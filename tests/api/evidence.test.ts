/**
 * Evidence photos: raw image bytes PUT at the address of their SHA-256. Only JPEG, PNG and
 * WebP, recognised from the bytes themselves; at most 5 MB; only shoppers upload. Reading a
 * photo follows reading the reports that show it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AuditJson,
  api,
  completeAnswers,
  createAssignment,
  createMember,
  DEMO,
  defaultVersion,
  expectJson,
  expectProblem,
  fieldErrors,
  putAudit,
  reportBody,
  seed,
  sha256Of,
  signIn,
  TINY_GIF,
  TINY_JPEG,
  TINY_JPEG_SHA256,
  TINY_PNG,
  TINY_PNG_SHA256,
  TINY_WEBP,
  TINY_WEBP_SHA256,
  uniqueJpeg,
  uniquePng,
  uniqueWebp,
  uploadEvidence,
  type VersionJson,
} from "./helpers";

let admin: string;
let analyst: string;
let shopper: string;
let shopper2: string;
let manager: string;
let regional: string;
let otherAdmin: string;
let store: VersionJson;

beforeAll(async () => {
  await seed();
  [admin, analyst, shopper, shopper2, manager, regional, otherAdmin] = await Promise.all([
    signIn("admin@demo.test"),
    signIn("analyst@demo.test"),
    signIn("shopper@demo.test"),
    signIn("shopper2@demo.test"),
    signIn("manager@demo.test"),
    signIn("regional@demo.test"),
    signIn("admin@other.test"),
  ]);
  store = await defaultVersion(admin, "Store visit");
});

interface UploadJson {
  sha256: string;
  contentType: string;
  byteSize: number;
}

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
    expect(body).toEqual({ sha256: first.sha256, contentType: "image/jpeg", byteSize: bytes.length });
    const again = await uploadEvidence(shopper, bytes);
    expect(await expectJson<UploadJson>(again.res, 200)).toEqual(body);
    // Another shopper of the organisation uploading the same photo changes nothing either.
    expect(await expectJson<UploadJson>((await uploadEvidence(shopper2, bytes)).res, 200)).toEqual(body);
  });

  it("accepts PNG and WebP, and a declared type with parameters", async () => {
    const png = uniquePng();
    expect(await expectJson<UploadJson>((await uploadEvidence(shopper, png, "image/png")).res, 201)).toMatchObject({
      contentType: "image/png",
      byteSize: png.length,
    });
    const webp = uniqueWebp();
    expect(
      await expectJson<UploadJson>((await uploadEvidence(shopper, webp, "Image/WebP; charset=binary")).res, 201),
    ).toMatchObject({ contentType: "image/webp", byteSize: webp.length });
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
    expect(await expectJson<UploadJson>(res, 201)).toEqual({
      sha256,
      contentType: "image/jpeg",
      byteSize: bytes.length,
    });
    const back = await api(`/api/v1/evidence/${sha256}`, { cookie: shopper });
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
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

  it("only shoppers upload (403); signing in is required (401)", async () => {
    for (const cookie of [manager, regional, admin, analyst]) {
      await expectProblem((await uploadEvidence(cookie, uniqueJpeg())).res, 403, "forbidden");
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
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
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
    const assignment = await createAssignment(admin, store.id);
    const answers = completeAnswers(store.document).map((a) => ({ ...a }));
    answers.push({ item: "storefront_photo", evidence: [sha256] });
    const audit = await expectJson<AuditJson>(
      await putAudit(shopper, crypto.randomUUID(), reportBody(assignment, answers)),
      201,
    );
    expect(audit.status).toBe("published");
    const shown = audit.answers.find((a) => a.item === "storefront_photo");
    expect(shown?.evidence).toEqual([{ sha256, contentType: "image/jpeg", byteSize: bytes.length, url }]);

    // The branch's manager, the region's manager, head office.
    for (const cookie of [manager, regional, analyst, admin]) await expectPhoto(cookie);

    // Another branch's manager, another region's manager, another shopper, another organisation.
    const [otherBranch, otherRegion] = await Promise.all([
      createMember(admin, { role: "branch_manager", branchIds: [DEMO.branchIds.zhongguancun] }),
      createMember(admin, { role: "regional_manager", regionIds: [DEMO.regionIds.east] }),
    ]);
    for (const cookie of [otherBranch.cookie, otherRegion.cookie, shopper2, otherAdmin]) {
      await expectProblem(await api(url, { cookie }), 404, "not_found");
    }
  });
});
