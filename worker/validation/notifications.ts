import { z } from "zod";
import { booleanQuery, id, instantCursor } from "./common";

/** `<created at, ms>.<id>` of the last notification of the previous page. */
const notificationCursor = instantCursor("createdAt");

/** `GET /notifications`: newest first, in pages of `limit`; `unread=true` for the unread only. */
export const listNotificationsQuery = z.strictObject({
  cursor: notificationCursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: booleanQuery.optional(),
});

/** `POST /notifications/read`: these (one's own; others change nothing), or all of them. */
export const markReadBody = z
  .strictObject({
    ids: z.array(id).min(1).max(200).optional(),
    all: z.literal(true).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    message: "Send either ids or all: true",
    path: ["ids"],
    params: { code: "required" },
  });
