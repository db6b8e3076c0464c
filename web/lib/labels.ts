/** Badge tones and labels for statuses, shared by the people pages. */
import type { BadgeTone } from "../components/badge";
import type { MembershipStatus } from "./types";

export function statusTone(status: MembershipStatus | string): BadgeTone {
  if (status === "active") return "success";
  if (status === "invited") return "accent";
  return "danger";
}
