/**
 * English strings of head office's complaint figures and the comparison with audits
 * (`/complaints/figures`). They load with that (lazy) page only. `zh.ts` has the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const complaintFiguresEn = {
  title: "Complaints and audits",
  subtitle: "What customers complain about, next to what mystery visits found.",
  views: {
    figures: "Figures",
    compare: "Compared with audits",
  },
  period: {
    label: "Period",
    from: "From",
    to: "To",
    last3: "Last 3 months",
    last6: "Last 6 months",
    last12: "Last 12 months",
    months: "{{ from }} – {{ to }}",
  },
  groupBy: {
    label: "Per",
    branch: "Branch",
    region: "Region",
  },
  region: {
    label: "Region",
    all: "All regions",
  },
  columns: {
    name: "Name",
    complaints: "Complaints",
    rate: "Rate",
    ack: "Acknowledged (median)",
    resolve: "Resolved (median)",
    late: "Past a deadline",
    satisfaction: "Satisfaction (1–5)",
  },
  rate: {
    perThousand: "{{ value }} per 1,000 visits",
    perAudit: "{{ value }} per audit",
  },
  hours: "{{ value }} h",
  days: "{{ value }} d",
  interval: "95 % interval {{ low }}–{{ high }}",
  answers: "n = {{ n }}",
  total: "All shown",
  sortBy: "Sort by {{ column }}",
  none: "No complaints or audits in this period.",
  notes: {
    rate: "Per 1,000 visits where the branches' monthly footfall is known, otherwise per published audit.",
    late: "Share of complaints that missed any deadline (acknowledge, remedy, resolve).",
  },
  export: {
    csv: "Export CSV",
    contact: "Export with contact details",
    contactHint: "Contact details leave only in an export you ask for; the trail records it.",
  },
  compare: {
    checklist: "Checklist",
    branch: "Branch",
    cell: "{{ rate }} passed · {{ complaints }} complaints",
    cellNoAudits: "No audits · {{ complaints }} complaints",
    noAudits: "no audits",
    legendTitle: "How to read it",
    legendRate: "Top: the section's audit pass rate in the period (from the scorecards).",
    legendComplaints: "Bottom: complaints filed under the section.",
    despitePassing: "Audits pass, customers complain: look here first.",
    withoutComplaints: "Audits fail often, no customer complained (few unhappy customers do).",
    none: "No branches to compare.",
  },
};

export type ComplaintFiguresDictionary = Widen<typeof complaintFiguresEn>;
