import { revalidate, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { NoAccess } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call } from "../../lib/api";
import { tOffice } from "../../lib/office-i18n";
import { useAbilities } from "../../lib/session";
import { BranchForm } from "./components/branch-form";
import { tm } from "./organisation-i18n";
import { getBranches, getRegion, getRegions } from "./queries";

export default function BranchNew() {
  const can = useAbilities();
  const navigate = useNavigate();
  return (
    <Show when={can().manage} fallback={<NoAccess />}>
      <PageHeader title={tm("branches.newTitle")} back={{ href: "/branches", label: tm("branches.title") }} />
      <section class="card">
        <BranchForm
          submitLabel={tm("branches.create")}
          pendingLabel={tOffice("common.creating")}
          save={async (values) => {
            const created = await call(api.branches.$post({ json: values }));
            // Branch counts per region change too.
            void revalidate([getBranches.key, getRegions.key, getRegion.key]);
            navigate(`/branches/${created.id}?created=1`);
          }}
          onCancel={() => navigate("/branches")}
        />
      </section>
    </Show>
  );
}
