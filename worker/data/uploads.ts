import { and, eq, getTableColumns } from "drizzle-orm";
import { uploadOwners, uploads } from "../../schema";
import { type Db, inJsonList } from "./db";

/**
 * The stored photos among `shas` that `userId` uploaded (a report, a dispute or a done action
 * may only cite the caller's own uploads). One statement, for a batch.
 */
export function ownUploadsQuery(db: Db, organizationId: string, userId: string, shas: readonly string[]) {
  return db
    .select(getTableColumns(uploads))
    .from(uploads)
    .innerJoin(
      uploadOwners,
      and(
        eq(uploadOwners.organizationId, uploads.organizationId),
        eq(uploadOwners.sha256, uploads.sha256),
        eq(uploadOwners.userId, userId),
      ),
    )
    .where(and(eq(uploads.organizationId, organizationId), inJsonList(uploads.sha256, shas)));
}
