/**
 * The pluggable email sender (docs/NOTIFICATIONS.md), chosen by the `MAIL_MODE` variable:
 * - `local` (development): the rows in `mail_messages` ARE the mailbox; delivering one only
 *   marks it sent. `npm run mail` lists them.
 * - `http`: each message is POSTed as JSON to `MAIL_API_URL` with `Authorization: Bearer
 *   MAIL_API_TOKEN` (a secret); any 2xx is delivered, anything else is retried.
 * - unset or `none`: email is not configured. Nothing is written, and the admins' settings
 *   page says so (`GET /organization/mail-status`): never a silent no-op.
 */

export const MAIL_MODES = ["local", "http", "none"] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** What the Worker's variables say about email. */
export interface MailSettings {
  mode: MailMode;
  /** Mail is written and delivered: `local`, or `http` with both its URL and token. */
  configured: boolean;
  url?: string;
  token?: string;
  from: string;
}

/** The variables this module reads (all optional: a missing one means "not configured"). */
export interface MailVariables {
  MAIL_MODE?: string;
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  MAIL_FROM?: string;
}

const DEFAULT_FROM = "Courtesy <no-reply@courtesy.invalid>";

/**
 * The mail settings of the Worker's variables.
 * @example mailSettings({ MAIL_MODE: "http" }) // { mode: "http", configured: false, ... } (no URL or token)
 */
export function mailSettings(vars: MailVariables): MailSettings {
  const mode = (MAIL_MODES as readonly string[]).includes(vars.MAIL_MODE ?? "") ? (vars.MAIL_MODE as MailMode) : "none";
  const from = vars.MAIL_FROM?.trim() || DEFAULT_FROM;
  if (mode === "http") {
    const url = vars.MAIL_API_URL?.trim() ?? "";
    const token = vars.MAIL_API_TOKEN?.trim() ?? "";
    return { mode, configured: Boolean(url && token), url, token, from };
  }
  return { mode, configured: mode === "local", from };
}

/** One email as the sender receives it. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  body: string;
}

/** Hands an email over; throws when it could not (the caller counts the attempt and keeps the error). */
export interface MailSender {
  /** `local` needs no delivery step after a write: the scheduled job marks the mailbox's rows sent. */
  readonly mode: Exclude<MailMode, "none">;
  send(mail: OutgoingMail): Promise<void>;
}

/** The sender of the settings, or null when email is not configured. */
export function mailSender(settings: MailSettings, fetcher: typeof fetch = fetch): MailSender | null {
  if (!settings.configured) return null;
  if (settings.mode === "local") return { mode: "local", send: async () => undefined };
  const { url = "", token = "", from } = settings;
  return {
    mode: "http",
    async send(mail) {
      const res = await fetcher(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.body,
          // Lets an API that supports it drop a repeated hand-over of the same message.
          idempotencyKey: mail.id,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        const detail = (await res.text().catch(() => "")).slice(0, 300);
        throw new Error(`Mail API answered ${res.status}${detail ? `: ${detail}` : ""}`);
      }
    },
  };
}
