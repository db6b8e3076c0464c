/** Shoppers' reliability figures as the API answers them (docs/QUALITY.md, "Reliability"). */
import type { ShopperReliability } from "../data/reliability";
import type { ReliabilityComponent } from "../domain/reliability";

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface ReliabilityLineBody {
  component: ReliabilityComponent;
  /** The count behind the rate (calibration: the mean deviation itself, 0..1). */
  count: number;
  of: number;
  rate: number;
  /** The component's weight after scaling for what was not measured (the weights add up to 100). */
  weight: number;
  /** weight × rate: the points this costs. */
  pointsLost: number;
}

export interface ShopperReliabilityBody {
  membershipId: string;
  userId: string;
  name: string;
  active: boolean;
  /** 0..100 (one decimal); null with no report in the last 12 months. */
  rating: number | null;
  /** Fewer than 5 reports: shown, never used to keep the shopper off a round. */
  provisional: boolean;
  /** Reports of the last 12 months (by visit time). */
  reports: number;
  lines: ReliabilityLineBody[];
}

export function presentShopperReliability(s: ShopperReliability): ShopperReliabilityBody {
  return {
    membershipId: s.membershipId,
    userId: s.userId,
    name: s.name,
    active: s.status === "active",
    rating: s.rating,
    provisional: s.provisional,
    reports: s.facts.reports,
    lines: s.lines.map((l) => ({
      component: l.component,
      count: round4(l.count),
      of: l.of,
      rate: round4(l.rate),
      weight: round4(l.weight),
      pointsLost: round4(l.pointsLost),
    })),
  };
}

/** The table's order: by the key, then by name; a shopper without a rating comes last either way. */
export function sortReliability(
  list: readonly ShopperReliabilityBody[],
  sort: "rating" | "name" | "reports",
  order: "asc" | "desc",
): ShopperReliabilityBody[] {
  const sign = order === "asc" ? 1 : -1;
  const byName = (a: ShopperReliabilityBody, b: ShopperReliabilityBody) =>
    a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  return [...list].sort((a, b) => {
    if (sort === "name") return sign * byName(a, b);
    if (sort === "rating") {
      if (a.rating === null || b.rating === null)
        return a.rating === b.rating ? byName(a, b) : a.rating === null ? 1 : -1;
      return sign * (a.rating - b.rating) || byName(a, b);
    }
    return sign * (a.reports - b.reports) || byName(a, b);
  });
}
