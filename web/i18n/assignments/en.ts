/**
 * English strings of the planned-visit pages (head office: plan, follow, cancel, read the
 * report). They load with those (lazy) pages, not with the app: the core dictionary
 * (../en.ts) has only the menu entry. `zh.ts` next to this file must have the same shape.
 */
const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many.replace("#", String(n)));

export const assignmentsEn = {
  list: {
    title: "Visits planned",
    new: "Plan a visit",
    status: "Status",
    allStatuses: "All statuses",
    shopper: "Shopper",
    allShoppers: "All shoppers",
    empty: "No visits match these filters.",
    emptyOpen: "No open visits. Plan one to send a mystery shopper.",
    showing: "{{ shown }} of {{ total }} shown",
    showMore: "Show more",
    capped:
      "Only 500 visits can be listed at once, those with the earliest windows: recent ones may be missing. Choose a branch or a shopper to see them all.",
    report: "Score report",
    reportLabel: "Score report: {{ branch }}, {{ window }}",
    noShopper: "Shopper hidden",
  },
  status: {
    open: "Open",
    submitted: "Submitted",
    cancelled: "Cancelled",
  },
  flags: {
    late: "Late",
    overdue: "Overdue",
    onTime: "On time",
  },
  picker: {
    label: "Branch",
    search: "Search branches",
    placeholder: "Name or code",
    results: "Matching branches",
    none: "No branch matches “{{ q }}”.",
    searching: "Searching…",
    change: "Change",
    clear: "Clear",
    changeLabel: "Change branch",
    clearLabel: "Show every branch",
    inactive: "Inactive",
    more: "Keep typing to narrow the list.",
  },
  create: {
    title: "Plan a visit",
    intro: "Choose where the mystery shopper goes, what they check and when. They see it in their app at once.",
    branchHint: "Type part of the name or the code, then choose the branch.",
    checklist: "Checklist",
    checklistHint: "Published checklists for this branch's channel: {{ channel }}.",
    chooseBranchFirst: "Choose a branch first",
    chooseChecklist: "Choose a checklist",
    noChecklist: "No published checklist for this branch's channel ({{ channel }}) yet. Publish one first.",
    checklistOption: "{{ name }} · version {{ number }}",
    shopper: "Mystery shopper",
    chooseShopper: "Choose a shopper",
    noShoppers: "No active mystery shoppers yet. Invite one from Users first.",
    windowStart: "From",
    windowEnd: "Until",
    windowHint: "Dates in the branch's time zone ({{ zone }}).",
    windowHintNoBranch: "Dates in the branch's time zone.",
    scenario: "Scenario",
    scenarioHint: "What the shopper should ask or do. Tap an example to start from it.",
    examples: "Examples",
    useExample: "Use this example",
    submit: "Plan visit",
    pending: "Planning…",
    created: "Visit planned. {{ shopper }} sees it in their app now.",
  },
  /** Ideas to tap: one short paragraph each, for a store and for a call centre. */
  suggestions: {
    store: {
      first: "Ask for help choosing a gift for about ¥500 and see whether staff ask who it is for.",
      second: "Bring back a jacket bought last week without the receipt and ask what can be done.",
      third: "Ask about a product that is out of stock and whether it can be ordered or held for you.",
    },
    call_centre: {
      first: "Call because your last bill is higher than usual and ask for an explanation.",
      second: "Ask how to return a faulty item bought online and how long the refund takes.",
      third: "Complain about a late delivery and ask to be called back with news.",
    },
  },
  fieldErrors: {
    branchRequired: "Choose the branch to visit.",
    branchGone: "This branch no longer exists. Choose another.",
    branchInactive: "This branch is inactive. Choose an active one.",
    checklistRequired: "Choose a checklist.",
    checklistGone: "This checklist version no longer exists. Choose another.",
    checklistNotAllowed: "This checklist can't be used here: it must be published and for the branch's channel.",
    shopperRequired: "Choose a mystery shopper.",
    shopperGone: "This person isn't an active mystery shopper any more. Choose another.",
    dateRequired: "Enter a date.",
    dateFormat: "Enter a date such as 2026-11-23.",
    windowEnd: "The visit can't end before it starts.",
  },
  detail: {
    facts: "Details",
    status: "Status",
    branch: "Branch",
    checklist: "Checklist",
    checklistVersion: "{{ name }} · version {{ number }}",
    shopper: "Mystery shopper",
    window: "Window",
    timezone: "Time zone",
    scenario: "Scenario",
    noScenario: "No scenario: a routine visit.",
    plannedOn: "Planned",
    cancel: "Cancel visit",
    cancelTitle: "Cancel this visit?",
    cancelBody: "{{ shopper }} will no longer see it in their app. This can't be undone.",
    cancelBodyNoName: "The shopper will no longer see it in their app. This can't be undone.",
    keep: "Keep visit",
    cancelling: "Cancelling…",
    cancelled: "Visit cancelled.",
    cancelledNote: "This visit was cancelled. Nothing more will happen with it.",
    notOpen: "This visit is no longer open: it was submitted or cancelled meanwhile.",
    waiting: "The report appears here once the shopper submits it.",
    overdue: "Overdue: the window ended on {{ date }} and no report has arrived yet.",
  },
  report: {
    title: "Report",
    submitted: "Submitted",
    late: "Submitted after the window ended.",
    onTime: "Submitted within the window.",
    visit: "Visit",
    visitTimes: "{{ range }} · {{ minutes }} min",
    contact: "Contact",
    contactKinds: {
      visit: "In person",
      phone_call: "Phone call",
    },
    staff: "Staff",
    overall: "Overall comment",
    sections: "Results by section",
    sectionScore: "Earned {{ earned }} of {{ possible }} · weight {{ weight }}",
    sectionLeftOut: "Not counted: nothing in it applied.",
    sectionWeightZero: "Not counted: its weight is 0.",
    answer: "Answer",
    na: "Not applicable",
    noAnswer: "Not answered",
    comment: "Comment",
    photos: plural("1 photo", "# photos"),
    photoAlt: "Photo {{ number }} for “{{ item }}”",
    openPhoto: "Open photo {{ number }} full size",
    loading: "Loading the report…",
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/** The shape every language's dictionary of these pages has. */
export type AssignmentDictionary = Widen<typeof assignmentsEn>;
