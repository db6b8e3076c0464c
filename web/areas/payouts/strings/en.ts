/**
 * English strings of the payout pages (/payouts), loaded with them (payouts-i18n.ts), never in a
 * shopper's download. `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const payoutsEn = {
  title: "Payouts",
  intro: "Fees and expenses of published visits, approved in batches and then paid.",
  payable: {
    title: "Ready to pay",
    empty: "Nothing to pay: every published visit's fee is in a batch already.",
    shopper: "Shopper",
    visits: "Visits",
    fees: "Fees",
    reimbursements: "Expenses",
    total: "Total",
    all: "All shoppers",
    select: "Include {{ name }}",
    selected: (n: number) => (n === 1 ? "1 shopper selected" : `${n} shoppers selected`),
    note: "Note",
    noteHint: "Shown on the batch, e.g. the bank run it goes into.",
    approve: "Approve payout",
    approving: "Approving…",
    confirmTitle: "Approve this payout?",
    confirmBody: "{{ total }} for {{ visits }} visits of {{ shoppers }} shoppers goes into one batch to pay.",
    confirm: "Approve {{ total }}",
    keep: "Not now",
    approved: "Payout approved.",
    noneSelected: "Choose at least one shopper.",
    nothing: "Nothing is payable for these shoppers any more: the list has been reloaded.",
  },
  batches: {
    title: "Batches",
    empty: "No payouts approved yet.",
    batch: "Batch",
    status: "Status",
    shoppers: "Shoppers",
    visits: "Visits",
    total: "Total",
    approved: "Approved",
    paid: "Paid",
    by: "{{ when }} by {{ name }}",
    open: "Open batch of {{ when }}",
  },
  status: {
    approved: "Approved",
    paid: "Paid",
  },
  batch: {
    back: "Payouts",
    title: "Payout of {{ when }}",
    lines: "Per shopper",
    csv: "Download CSV",
    markPaid: "Mark as paid",
    marking: "Marking…",
    confirmTitle: "Mark this payout as paid?",
    confirmBody:
      "Say so only once the money has gone out: {{ total }} to {{ shoppers }} shoppers. Their visits show as paid.",
    keep: "Not yet",
    paidNow: "Marked as paid.",
    stale: "Someone else changed this payout meanwhile; it has been reloaded. Check it and try again.",
    alreadyPaid: "This payout was already marked as paid; it has been reloaded.",
    note: "Note",
    fees: "Fees",
    reimbursements: "Expenses",
    total: "Total",
  },
};

/** The shape every language's payout dictionary has. */
export type PayoutsDictionary = Widen<typeof payoutsEn>;
