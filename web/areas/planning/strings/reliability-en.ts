/**
 * English strings of the reliability pages (head office's table, a shopper's own page). They load
 * with those (lazy) pages only. `reliability-zh.ts` next to this file must have the same shape.
 */
import type { Widen } from "../../../i18n/widen";

export const reliabilityEn = {
  table: {
    title: "Shopper reliability",
    subtitle:
      "What review, disputes and quality checks found in each shopper's reports of the last 12 months. Open a row to see what its rating is made of.",
    shopper: "Shopper",
    rating: "Rating",
    reports: "Reports",
    sort: "Sort by",
    sortRating: "Rating, lowest first",
    sortRatingDesc: "Rating, highest first",
    sortName: "Name",
    sortReports: "Reports, most first",
    empty: "No shoppers in this organisation yet.",
    show: "Why {{ name }} has this rating",
    inactive: "Inactive",
    ratedAt: "Worked out {{ at }} from the reports of the last {{ days }} days.",
  },
  rating: {
    none: "No rating",
    noneHint: "No report in the last 12 months.",
    provisional: "Provisional",
    provisionalHint: "Fewer than 5 reports: shown, but never used to keep anyone off a round.",
    start: "100 points, less what each kind of trouble costs:",
    clean: "Nothing was held against this rating.",
    weight: "weight {{ weight }}",
  },
  lines: {
    returned: "{{ count }} of {{ of }} reports returned by review",
    edited: "{{ count }} of {{ of }} answers changed by a reviewer",
    overturned: "{{ count }} of {{ of }} reports with a disputed item overturned",
    flagged: "{{ count }} of {{ of }} reports flagged by quality checks",
    late: "{{ count }} of {{ of }} reports sent after their window",
    calibration: "{{ percent }} average difference from the consensus in calibrations",
  },
  me: {
    title: "My reliability",
    subtitle: "What review, disputes and quality checks found in your reports of the last 12 months.",
    nothing: "No reports in the last 12 months yet: your rating starts with your first report.",
    provisional: "Provisional until you have sent 5 reports: until then it never keeps you off a round.",
    back: "Account",
  },
};

export type ReliabilityDictionary = Widen<typeof reliabilityEn>;
