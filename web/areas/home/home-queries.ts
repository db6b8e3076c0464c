/**
 * The home's reads that belong to no other area yet: disputes in progress (`GET /disputes
 * ?status=open`, oldest first: a queue). Local contract types until the disputes API lands.
 */
import { query } from "@solidjs/router";
import { Problem, toProblem } from "../../lib/api";

interface Name {
  en: string;
  zh: string;
}

/** What the home shows of an open dispute (DisputeBody, in part). */
export interface OpenDispute {
  id: string;
  auditId: string;
  status: "open" | "decided";
  branch: { id: string; code: string; name: Name };
  checklist: { id: string; name: Name };
  raisedAt: string;
  items: { itemKey: string }[];
}

export const getOpenDisputes = query(async () => {
  const response = await fetch("/api/v1/disputes?status=open&limit=20", { credentials: "same-origin" }).catch(() => {
    throw new Problem({ status: 0, code: "network_error", title: "Network error" });
  });
  if (!response.ok) throw await toProblem(response);
  return ((await response.json()) as { items: OpenDispute[] }).items;
}, "homeOpenDisputes");
