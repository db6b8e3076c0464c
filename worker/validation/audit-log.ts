import { z } from "zod";
import { EVENT_TYPES } from "../domain/trail";
import { id } from "./common";

const instant = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

export const auditLogQuery = z.strictObject({
  subjectType: z.string().trim().min(1).max(40).optional(),
  subjectId: id.optional(),
  actorId: id.optional(),
  type: z.enum(EVENT_TYPES).optional(),
  /** Inclusive lower bound on the event's time (ISO 8601). */
  from: instant.optional(),
  /** Exclusive upper bound on the event's time (ISO 8601). */
  to: instant.optional(),
  /** The seq of the last event of the previous page: the next page is older. */
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
