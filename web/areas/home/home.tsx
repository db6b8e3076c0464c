import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { Icon, type IconName } from "../../components/icon";
import { PageHeader } from "../../components/page-header";
import { localName, t } from "../../lib/i18n";
import { roleOf, useAbilities, useMe } from "../../lib/session";
import "./home.css";

interface Card {
  href: string;
  title: string;
  text: string;
  icon: IconName;
}

function greeting(name: string): string {
  const hour = new Date().getHours();
  const key = hour < 12 ? "home.morning" : hour < 18 ? "home.afternoon" : "home.evening";
  return t(key, { name });
}

export default function Home() {
  const me = useMe();
  const can = useAbilities();

  const cards = (): Card[] => {
    const list: Card[] = [];
    const manage = can().manage;
    if (can().regions) {
      list.push({
        href: "/regions",
        title: t("nav.regions"),
        text: manage ? t("home.regionsManage") : t("home.regionsView"),
        icon: "regions",
      });
    }
    if (can().branches) {
      const mine = roleOf(me()) === "branch_manager";
      const single = mine && me().scope.branchIds.length === 1 ? me().scope.branchIds[0] : undefined;
      list.push({
        href: single ? `/branches/${single}` : "/branches",
        title: mine ? (single ? t("nav.myBranch") : t("nav.myBranches")) : t("nav.branches"),
        text: mine ? t("home.branchesMine") : manage ? t("home.branchesManage") : t("home.branchesView"),
        icon: "branches",
      });
    }
    if (can().users) {
      list.push({
        href: "/users",
        title: t("nav.users"),
        text: manage ? t("home.usersManage") : t("home.usersView"),
        icon: "users",
      });
    }
    return list;
  };

  return (
    <>
      <PageHeader
        title={greeting(me().user.displayName)}
        subtitle={t("home.signedInAs", {
          org: localName(me().organization.name),
          role: t(`roles.${roleOf(me())}`),
        })}
      />
      <Show
        when={cards().length}
        fallback={
          <section class="card note" aria-labelledby="visits-title">
            <Icon name="visits" class="note__icon" />
            <div>
              <h2 class="section-title" id="visits-title">
                {t("home.shopperTitle")}
              </h2>
              <p>{t("home.shopperNote")}</p>
            </div>
          </section>
        }
      >
        <section aria-labelledby="can-do-title">
          <h2 class="section-title" id="can-do-title">
            {t("home.whatYouCanDo")}
          </h2>
          <ul class="tiles">
            <For each={cards()}>
              {(card) => (
                <li>
                  <A class="tile" href={card.href}>
                    <span class="tile__icon">
                      <Icon name={card.icon} />
                    </span>
                    <span class="tile__body">
                      <span class="tile__title">{card.title}</span>
                      <span class="tile__text">{card.text}</span>
                    </span>
                    <Icon name="chevron" class="tile__chevron" />
                  </A>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
