/**
 * What the admins' settings page says about email (`GET /organization/mail-status`): configured
 * or not, plainly, so a missing mail set-up is never a silent no-op.
 */
import "./notifications.css";
import { createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { getMailStatus } from "./notification-queries";
import { tn } from "./notifications-i18n";

export function MailStatusNotice() {
  const status = createAsync(() => getMailStatus());
  const message = () => {
    const s = status();
    if (!s) return "";
    if (s.mode === "local") return tn("mail.local");
    if (s.mode === "http") return s.configured ? tn("mail.http") : tn("mail.httpMissing");
    return tn("mail.none");
  };
  return (
    <Show when={status()}>
      {(s) => (
        <section
          class="card mail-status"
          classList={{ "mail-status--off": !s().configured }}
          aria-labelledby="mail-status-title"
          data-mail-mode={s().mode}
        >
          <h2 class="mail-status__title" id="mail-status-title">
            {tn("mail.title")}
          </h2>
          <p>{message()}</p>
        </section>
      )}
    </Show>
  );
}
