/**
 * English strings of the shopper's earnings page (/earnings), loaded with it (earnings-i18n.ts),
 * never in the phone's first download. `zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const earningsEn = {
  title: "Earnings",
  intro: "Fees and expenses of the visits you reported, and where their payment is.",
  back: "Job board",
  loading: "Loading your earnings…",
  failed: "Couldn't load your earnings. Check the connection and try again.",
  empty: "No earnings yet: a visit with a fee shows here once you have sent its report.",
  totals: {
    label: "Totals",
    awaiting_review: "Awaiting review",
    payable: "Payable",
    approved: "Approved",
    paid: "Paid",
  },
  status: {
    awaiting_review: "Awaiting review",
    payable: "Payable",
    approved: "Approved for payment",
    paid: "Paid",
    withdrawn: "Withdrawn",
  },
  visits: "Visits",
  fee: "Fee {{ amount }}",
  cap: "Expenses up to {{ amount }}",
  expense: "Expense claimed {{ amount }}",
  reimbursed: "Reimbursed {{ amount }}",
  paidOn: "Paid {{ date }}",
  addExpense: "Add expense",
  editExpense: "Edit expense",
  form: {
    title: "Expense for this visit",
    amount: "Amount spent",
    amountHint: "As on the receipt, e.g. 38.50. You are reimbursed up to {{ cap }}.",
    receipt: "Receipt photo",
    take: "Take a photo of the receipt",
    retake: "Take another photo",
    receiptHint: "A clear photo of the whole receipt.",
    receiptKept: "The receipt you sent is kept unless you choose another photo.",
    receiptChosen: "Photo ready to send.",
    note: "Note",
    noteHint: "Anything the office should know (optional).",
    save: "Send expense",
    saving: "Sending…",
    cancel: "Close",
    saved: "Expense sent. You will be reimbursed {{ amount }}.",
    capped: "Above this visit's limit: you will be reimbursed {{ amount }}.",
    offline: "You are offline; saved on this phone. Send it when you are back online.",
    draftKept: "What you typed is saved on this phone.",
  },
  errors: {
    amount: "Enter the amount as a number, e.g. 38.50.",
    receipt: "Add a photo of the receipt.",
    photo: "Couldn't read that photo. Try another one.",
    stale: "This expense was changed elsewhere; the current one has been loaded. Check it and send again.",
    locked: "This visit's payment is already approved, so its expense can no longer change.",
    noReimbursement: "This visit has no expenses to reimburse.",
    other: "Couldn't send the expense. Try again.",
  },
};

/** The shape every language's earnings dictionary has. */
export type EarningsDictionary = Widen<typeof earningsEn>;
