import { GoHome } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { t } from "../../lib/i18n";
import { th } from "./home-i18n";

export default function NotFound() {
  return (
    <>
      <PageHeader title={t("states.notFoundTitle")} />
      <section class="state">
        <p>{th("notFound")}</p>
        <GoHome />
      </section>
    </>
  );
}
