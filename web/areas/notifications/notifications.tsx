/**
 * The notification centre (`/notifications`, every signed-in role): one's own notifications,
 * newest first, each in words linking to its report, dispute or action; mark one read (opening
 * it does too), or all. Older pages on request.
 *
 * The area's one chunk: the bell, the admins' email notice and the centre's first page come from
 * this module too, so the app's first download names one file (and its CSS) for all of them.
 */
import "./notifications.css";
import { createAsync, useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { FormError } from "../../components/form-error";
import { A } from "../../components/link";
import { Empty } from "../../components/office-states";
import { PageHeader } from "../../components/page-header";
import { api, call, isProblem, type Problem } from "../../lib/api";
import { formatDateTime } from "../../lib/office-formats";
import { useAbilities } from "../../lib/session";
import { getNotifications, markRead, type NotificationItem, refreshUnread, unread } from "./notification-queries";
import { notificationHref, notificationText } from "./notification-text";
import { tn } from "./notifications-i18n";

export { default as NotificationBell } from "./bell";
export { MailStatusNotice } from "./mail-status";

/** The centre's opening read, for its route preload (./preload.ts). */
export const preloadCentre = () => getNotifications(undefined);

/**
 * Where a shopper reads a decided dispute: their sent report (`/visits/:assignmentId/report`),
 * found from the report the notification names; the visit list when that fails. Shoppers never
 * see the disputes pages.
 */
async function sentReportOf(auditId: unknown): Promise<string> {
  if (typeof auditId !== "string") return "/visits";
  try {
    const audit = await call(api.audits[":id"].$get({ param: { id: auditId } }));
    return audit.assignmentId ? `/visits/${encodeURIComponent(audit.assignmentId)}/report` : "/visits";
  } catch {
    return "/visits";
  }
}

function NotificationRow(props: { item: NotificationItem; onRead: (ids: string[]) => void }) {
  const can = useAbilities();
  const navigate = useNavigate();
  // A shopper's decided dispute opens their sent report, not the disputes pages they cannot read.
  const viaReport = () => props.item.kind === "dispute_decided" && !can().disputes;
  const href = () => (viaReport() ? "/visits" : notificationHref(props.item));
  const fresh = () => props.item.readAt === null;
  const text = () => notificationText(props.item);
  return (
    <li class="notice" classList={{ "notice--unread": fresh() }}>
      <span class="notice__dot" aria-hidden="true" />
      <div class="notice__body">
        <Show when={fresh()}>
          <span class="visually-hidden">{tn("centre.unread")}: </span>
        </Show>
        <Show when={href()} fallback={<span class="notice__text">{text()}</span>}>
          {(link) => (
            <A
              class="notice__text"
              href={link()}
              onClick={(event) => {
                if (fresh()) props.onRead([props.item.id]);
                if (!viaReport()) return;
                event.preventDefault();
                void sentReportOf(props.item.payload.auditId).then((to) => navigate(to));
              }}
            >
              {text()}
            </A>
          )}
        </Show>
        <time class="notice__time" datetime={props.item.createdAt}>
          {formatDateTime(props.item.createdAt)}
        </time>
      </div>
      <Show when={fresh()}>
        <button
          type="button"
          class="button button--secondary notice__read"
          onClick={() => props.onRead([props.item.id])}
        >
          {tn("centre.markRead")}
        </button>
      </Show>
    </li>
  );
}

/** One page of notifications; the last loaded page offers the next one. */
function NotificationPage(props: {
  cursor: string | undefined;
  last: boolean;
  onMore: (cursor: string) => void;
  onRead: (ids: string[]) => void;
}) {
  const page = createAsync(() => getNotifications(props.cursor));
  return (
    <Show when={page()}>
      {(current) => (
        <>
          <Show when={props.cursor === undefined && current().items.length === 0}>
            <Empty>{tn("centre.empty")}</Empty>
          </Show>
          <ul class="notices">
            <For each={current().items}>{(item) => <NotificationRow item={item} onRead={props.onRead} />}</For>
          </ul>
          <Show when={props.last && current().nextCursor}>
            {(next) => (
              <button type="button" class="button button--secondary notices__more" onClick={() => props.onMore(next())}>
                {tn("centre.more")}
              </button>
            )}
          </Show>
        </>
      )}
    </Show>
  );
}

export default function NotificationCentre() {
  const [cursors, setCursors] = createSignal<string[]>([]);
  const [problem, setProblem] = createSignal<Problem>();
  const [busy, setBusy] = createSignal(false);
  const first = createAsync(() => getNotifications(undefined));
  // The bell's count may be older than this page's: the page's own answer wins.
  const count = () => unread() ?? first()?.unread ?? 0;
  void refreshUnread();

  async function read(input: { ids: string[] } | { all: true }) {
    setBusy(true);
    setProblem(undefined);
    try {
      await markRead(input);
    } catch (error) {
      if (isProblem(error)) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  const pages = () => [undefined, ...cursors()];
  return (
    <>
      <PageHeader title={tn("centre.title")} subtitle={tn("centre.subtitle")} />
      <FormError problem={problem()} fields={[]} />
      {/* Above the list rather than in the header: on a phone the header's button squeezed the title. */}
      <div class="notices__toolbar">
        <Show when={count() > 0}>
          <button type="button" class="button button--primary" disabled={busy()} onClick={() => read({ all: true })}>
            {tn("centre.markAll")}
          </button>
        </Show>
        <Show when={first() && first()?.items.length !== 0 && count() === 0}>
          <p class="notices__caught-up" role="status">
            {tn("centre.allRead")}
          </p>
        </Show>
      </div>
      <For each={pages()}>
        {(cursor, index) => (
          <NotificationPage
            cursor={cursor}
            last={index() === pages().length - 1}
            onMore={(next) => setCursors((all) => [...all, next])}
            onRead={(ids) => void read({ ids })}
          />
        )}
      </For>
    </>
  );
}
