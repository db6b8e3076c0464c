import { A } from "../../components/link";
import { PageHeader } from "../../components/page-header";
import { t } from "../../lib/i18n";
import { th } from "./home-i18n";

export default function NotFound() {
  return (
    <>
      <PageHeader title={t("states.notFoundTitle")} />
      <section class="state">
        <p>{th("notFound")}</p>
        <div class="state__actions">
          <A class="button button--secondary" href="/">
            {t("states.goHome")}
          </A>
        </div>
      </section>
    </>
  );
}
