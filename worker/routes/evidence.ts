import { Hono } from "hono";
import { z } from "zod";
import { findUpload, listAuditsShowing, recordUpload } from "../data/audits";
import { detectImageType, MAX_EVIDENCE_BYTES } from "../domain/images";
import { decide } from "../domain/policy";
import type { AppEnv } from "../lib/app-env";
import { authorize, permitRole, requireActor } from "../lib/authorize";
import { ApiError } from "../lib/errors";
import { validate } from "../lib/validate";
import { sha256Hex as sha256Param } from "../validation/audits";

const params = z.object({ sha256: sha256Param });

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Evidence photos, addressed by the SHA-256 of their bytes: uploading twice is harmless, and
 * a report refers to its photos by hash. Bytes live in R2; who may fetch them follows who may
 * read the reports that show them.
 */
export const evidenceRoutes = new Hono<AppEnv>()
  .put("/:sha256", permitRole("create", "audit"), validate("param", params), async (c) => {
    const actor = requireActor(c);
    authorize(actor, "create", { type: "audit" });
    const { sha256 } = c.req.valid("param");
    const declared = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > MAX_EVIDENCE_BYTES) {
      throw new ApiError("payload_too_large", `A photo may be at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
    }
    const detected = detectImageType(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
    if (!detected) throw new ApiError("unsupported_media_type", "Only JPEG, PNG or WebP photos are accepted");
    if (declared !== detected) {
      throw new ApiError(
        "unsupported_media_type",
        `The bytes are ${detected} but were sent as ${declared || "no type"}`,
      );
    }
    const actual = hex(await crypto.subtle.digest("SHA-256", bytes));
    if (actual !== sha256) throw new ApiError("checksum_mismatch");

    const db = c.var.db;
    if (await findUpload(db, actor.organizationId, sha256)) {
      return c.json({ sha256, contentType: detected, byteSize: bytes.byteLength }, 200);
    }
    const objectKey = `org/${actor.organizationId}/evidence/${sha256}`;
    await c.env.EVIDENCE.put(objectKey, bytes, { httpMetadata: { contentType: detected }, sha256 });
    await recordUpload(db, {
      organizationId: actor.organizationId,
      sha256,
      objectKey,
      contentType: detected,
      byteSize: bytes.byteLength,
      uploadedBy: actor.userId,
    });
    return c.json({ sha256, contentType: detected, byteSize: bytes.byteLength }, 201);
  })
  .get("/:sha256", validate("param", params), async (c) => {
    const actor = requireActor(c);
    const { sha256 } = c.req.valid("param");
    const upload = await findUpload(c.var.db, actor.organizationId, sha256);
    if (!upload) throw new ApiError("not_found");
    // Uploader may always fetch; otherwise some report showing the photo must be readable.
    if (upload.uploadedBy !== actor.userId) {
      const shownIn = await listAuditsShowing(c.var.db, actor.organizationId, sha256);
      const readable = shownIn.some(
        (a) =>
          decide(actor, "read", {
            type: "audit",
            shopperId: a.shopperId,
            branchId: a.branchId,
            regionId: a.regionId,
            published: a.status === "published",
          }) === "allow",
      );
      if (!readable) throw new ApiError("not_found");
    }
    const object = await c.env.EVIDENCE.get(upload.objectKey);
    if (!object) throw new ApiError("not_found");
    return c.body(object.body, 200, {
      "Content-Type": upload.contentType,
      "Content-Length": String(upload.byteSize),
      // Content-addressed: the bytes behind this URL never change.
      "Cache-Control": "private, max-age=31536000, immutable",
    });
  });
