import { z } from "zod";
import { optionalMultilineText } from "./common";

/** A shopper declining a visit: why, if they want to say (the planner reads it). */
export const declineBody = z.strictObject({
  reason: optionalMultilineText(500).optional(),
});
