/**
 * What the app shell shows for a half-signed-in session (`GET /me` → `pending`), instead of any
 * page, so nothing asks the API for what the session may not read yet:
 * - "enroll_two_factor": the organisation requires two-step sign-in for the role and it is not set
 *   up; the set-up (and signing out) is all there is until it is confirmed, then the app opens;
 * - "two_factor": a code from the app is still due; the sign-in page asks for it (`?step=code`).
 */
import { Navigate, query, revalidate, useLocation, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { PublicLayout } from "../../components/public-layout";
import { api, call } from "../../lib/api";
import { localName } from "../../lib/formats";
import { locale } from "../../lib/i18n";
import { tOffice } from "../../lib/office-i18n";
import { forgetMe, getMe } from "../../lib/queries";
import { tr } from "../../lib/roles-i18n";
import { roleOf, useMe } from "../../lib/session";
import { ta } from "./account-i18n";
import { TwoFactorSetup } from "./two-factor";

function Enrol() {
  const me = useMe();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = createSignal(false);

  async function signOut() {
    setSigningOut(true);
    await call(api.auth.logout.$post()).catch(() => undefined);
    forgetMe();
    query.clear();
    navigate("/login", { replace: true });
  }

  /**
   * The codes are saved: the language on screen (picked here or on the sign-in page) is saved to
   * the account now that the session may, then the profile reloads without `pending` and the
   * shell opens the app.
   */
  async function opened() {
    if (locale() !== me().user.locale) await call(api.me.$patch({ json: { locale: locale() } })).catch(() => undefined);
    await revalidate(getMe.key);
  }

  return (
    <PublicLayout title={ta("twoFactor.enrolTitle")}>
      <h1 class="card__title">{ta("twoFactor.enrolTitle")}</h1>
      <p class="card__intro enrol__why">
        {ta("twoFactor.enrolWhy", {
          org: localName(me().organization.name),
          role: tr(roleOf(me())),
        })}
      </p>
      <TwoFactorSetup onDone={opened} />
      <div class="enrol__out">
        <button type="button" class="button button--ghost" disabled={signingOut()} onClick={signOut}>
          {signingOut() ? tOffice("profile.signingOut") : tOffice("profile.signOut")}
        </button>
      </div>
    </PublicLayout>
  );
}

export default function PendingScreen() {
  const me = useMe();
  const location = useLocation();
  return (
    <Show
      when={me().pending === "enroll_two_factor"}
      fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}&step=code`} />}
    >
      <Enrol />
    </Show>
  );
}
