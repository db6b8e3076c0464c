/**
 * The checklist pages' preloads (main.tsx): their strings and the reads they open with, started
 * while the page's chunk downloads, each behind the page's own ability guard.
 */
import { guarded } from "../../lib/page-preloads";
import type { PagePreload } from "../../lib/route-preload";
import { getChecklist, getChecklists, getChecklistTemplates, getChecklistVersion } from "./checklist-queries";

const strings = () => import("./checklist-i18n");

export const checklists: PagePreload = { strings, data: guarded((_, can) => can.checklists && getChecklists()) };

export const checklistNew: PagePreload = {
  strings,
  data: guarded((_, can) => can.manage && getChecklistTemplates()),
};

export const checklist: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.checklists && getChecklist(params.id ?? "")),
};

export const version: PagePreload = {
  strings,
  data: guarded(({ params }, can) => can.checklists && getChecklistVersion(params.id ?? "")),
};

/** The builder reads its draft fresh, never from a cache: only its strings. */
export const builder: PagePreload = { strings };
