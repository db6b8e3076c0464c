/**
 * The office's navigation entries (every role but the shopper's): a lazy chunk with their labels
 * (lib/office-i18n.ts), out of the shopper's first download. The shell (app-shell.tsx) starts it
 * as it opens on an office page, alongside /me, and shows it with the top bar.
 */
import { For } from "solid-js";
import { t } from "../lib/i18n";
import { tOffice } from "../lib/office-i18n";
import type { Me } from "../lib/types";
import { Icon, type IconName } from "./icon";
import { A } from "./link";

/** The office pages the navigation links to: each at `/<path>`, labelled `nav.<path>`. */
type OfficePath =
  | "review"
  | "disputes"
  | "regions"
  | "branches"
  | "scorecards"
  | "actions"
  | "complaints"
  | "checklists"
  | "assignments"
  | "users"
  | "payouts"
  | "settings";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  end?: boolean;
}

const entry = (path: OfficePath, icon: IconName = "checklists", label = tOffice(`nav.${path}`)): NavItem => ({
  href: `/${path}`,
  label,
  icon,
});

function navItems(me: Me): NavItem[] {
  const can = me.abilities;
  const own = can.ownBranches
    ? me.scope.branchIds.length === 1
      ? tOffice("nav.myBranch")
      : tOffice("nav.myBranches")
    : undefined;
  const items: Array<NavItem | false> = [
    { href: "/", label: tOffice("nav.home"), icon: "home", end: true },
    can.reviewQueue && entry("review"),
    can.disputes && entry("disputes"),
    can.regions && entry("regions", "regions"),
    can.branches && entry("branches", "branches", own),
    can.scorecards && entry("scorecards", "scorecards"),
    can.actions && entry("actions"),
    can.complaints && entry("complaints"),
    can.checklists && entry("checklists"),
    can.assignments && entry("assignments", "visits"),
    can.calibrations && { href: "/calibrations", label: t("nav.calibrations"), icon: "checklists" },
    can.users && entry("users", "users"),
    can.payouts && entry("payouts"),
    can.manage && entry("settings", "globe"),
  ];
  return items.filter((item): item is NavItem => item !== false);
}

/** The office's `<li>` entries of the shell's navigation list. */
export default function OfficeNav(props: { me: Me }) {
  return (
    <For each={navItems(props.me)}>
      {(item) => (
        <li class="nav__item">
          <A href={item.href} end={item.end} class="nav__link" activeClass="nav__link--active">
            <Icon name={item.icon} />
            <span class="nav__label">{item.label}</span>
          </A>
        </li>
      )}
    </For>
  );
}
