import { Hono } from "hono";
import { claimUpload, findUpload, listAuditsShowing, recordUpload } from "../data/audits";
import { shownAsPublished } from "../domain/disputes";
import { detectImageType, inspectImage, MAX_EVIDENCE_BYTES } from "../domain/images";
import { decide } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { permitRole, requireActor } from "../lib/authorize";
import { sha256HexOfBytes } from "../lib/crypto";
import { ApiError } from "../lib/errors";
import { jpegDHash } from "../lib/photo-dhash";
import { photoResponse } from "../lib/photos";
import { validate } from "../lib/validate";
import { evidenceParam } from "../validation/audits";

/**
 * Evidence photos, addressed by the SHA-256 of the bytes UPLOADED: that is the hash the phone
 * computed and puts in its report, so uploading twice is harmless and a report refers to its
 * photos by hash. What R2 stores (and GET serves) is the same picture without its metadata
 * (`inspectImage`), so the stored bytes need not hash to the address; the address only
 * promises that the upload was exactly these bytes, checked before anything is kept.
 *
 * Every shopper who uploads a photo becomes one of its owners (`upload_owners`); a report
 * may only show photos its own shopper uploaded, and who else may fetch one follows who may
 * read the reports that show it.
 */
export const evidenceRoutes = new Hono<AppEnv>()
  .put("/:sha256", permitRole("create", "evidence"), validate("param", evidenceParam), async (c) => {
    const actor = requireActor(c);
    const { sha256 } = c.req.valid("param");
    const declared = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    const upload = new Uint8Array(await c.req.arrayBuffer());
    if (upload.byteLength > MAX_EVIDENCE_BYTES) {
      throw new ApiError("payload_too_large", `A photo may be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
    }
    const detected = detectImageType(upload.subarray(0, 16));
    if (!detected) throw new ApiError("unsupported_media_type", "Only JPEG, PNG or WebP photos are accepted");
    if (declared !== detected) {
      throw new ApiError(
        "unsupported_media_type",
        `The bytes are ${detected} but were sent as ${declared || "no type"}`,
      );
    }
    const photo = inspectImage(upload);
    if (!photo.ok) throw new ApiError("unsupported_media_type", `Not a valid photo: ${photo.reason}`);
    if ((await sha256HexOfBytes(upload)) !== sha256) throw new ApiError("checksum_mismatch");

    const db = c.var.db;
    const stored = await claimUpload(db, { organizationId: actor.organizationId, sha256, userId: actor.userId });
    if (stored) {
      return c.json(
        {
          sha256,
          contentType: stored.contentType,
          byteSize: stored.byteSize,
          width: stored.width,
          height: stored.height,
        },
        200,
      );
    }
    const objectKey = `org/${actor.organizationId}/evidence/${sha256}`;
    // R2 checks the hash of what it receives: the stripped bytes.
    await c.env.EVIDENCE.put(objectKey, photo.bytes, {
      httpMetadata: { contentType: photo.type },
      sha256: await sha256HexOfBytes(photo.bytes),
    });
    await recordUpload(db, {
      organizationId: actor.organizationId,
      sha256,
      objectKey,
      contentType: photo.type,
      byteSize: photo.bytes.byteLength,
      width: photo.width,
      height: photo.height,
      // Decoded once, here: the server's own dHash for finding reused photos (null if undecodable).
      dHash: jpegDHash(photo.bytes, photo.type),
      uploadedBy: actor.userId,
    });
    return c.json(
      { sha256, contentType: photo.type, byteSize: photo.bytes.byteLength, width: photo.width, height: photo.height },
      201,
    );
  })
  .get("/:sha256", validate("param", evidenceParam), async (c) => {
    const actor = requireActor(c);
    const { sha256 } = c.req.valid("param");
    const upload = await findUpload(c.var.db, actor.organizationId, sha256, actor.userId);
    if (!upload) throw new ApiError("not_found");
    // Its uploaders may always fetch it; anyone else only through a report they may read.
    if (!upload.ownedByUser) {
      const shownIn = await listAuditsShowing(c.var.db, actor.organizationId, sha256);
      const readable = shownIn.some(
        (a) =>
          decide(actor, "read", {
            type: "audit",
            shopperId: a.shopperId,
            branchId: a.branchId,
            regionId: a.regionId,
            published: shownAsPublished(a.status),
          }) === "allow",
      );
      if (!readable) throw new ApiError("not_found");
    }
    return photoResponse(c, upload);
  });
