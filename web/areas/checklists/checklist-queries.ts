/**
 * Reads for the checklist pages, kept apart from lib/queries.ts so that nothing about
 * checklists is in the app's first download: only the (lazy) checklist routes import this.
 */
import { query } from "@solidjs/router";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../lib/api";

export type ChecklistSummary = InferResponseType<typeof api.checklists.$get, 200>["items"][number];
export type ChecklistDetail = InferResponseType<(typeof api.checklists)[":id"]["$get"], 200>;
export type ChecklistVersion = InferResponseType<(typeof api)["checklist-versions"][":id"]["$get"], 200>;
export type VersionSummary = ChecklistDetail["versions"][number];
export type ChecklistTemplate = InferResponseType<(typeof api)["checklist-templates"]["$get"], 200>["items"][number];

export const getChecklists = query(async () => (await call(api.checklists.$get())).items, "checklists");

export const getChecklist = query((id: string) => call(api.checklists[":id"].$get({ param: { id } })), "checklist");

export const getChecklistVersion = query(
  (id: string) => call(api["checklist-versions"][":id"].$get({ param: { id } })),
  "checklist-version",
);

export const getChecklistTemplates = query(
  async () => (await call(api["checklist-templates"].$get())).items,
  "checklist-templates",
);

/** The keys to revalidate after anything about checklists changes. */
export const checklistKeys = [getChecklists.key, getChecklist.key, getChecklistVersion.key];
