/**
 * The phone's facts for the quality flags (issue 16), a chunk of its own so the first download
 * pays only for the `import()` calls: how long the form took (wall time from first opening it
 * to pressing Send, kept in the draft, so reloads and pauses do not reset it), positions taken
 * during the visit when the shopper agreed to share their location at "Start visit", and the
 * photos' facts measured before re-encoding (kept with each photo on the phone).
 *
 * Battery: no `watchPosition`; one `getCurrentPosition` when the form opens, one every few
 * minutes while it stays open and on screen, and one at Send (short timeout: Send never waits long).
 */
import { getPhoto, type PhoneRecord } from "../../lib/local-store";
import type { Fix, PhotoFact, ReportBody } from "../../lib/outbox";
import { photosOf } from "../../lib/outbox-queue";
import type { VisitSession } from "./session";

/** The contract's limits (`PUT /audits/:id`). */
export const MAX_FIXES = 30;
export const MAX_PHOTO_FACTS = 50;
export const MAX_FORM_SECONDS = 86_400;
/** How often a fix is taken while the form is open. */
export const FIX_EVERY_MS = 3 * 60_000;
/** How long Send waits at most for its own fix. */
const SEND_FIX_TIMEOUT_MS = 4_000;

/**
 * Seconds from first opening the form to now (wall time: paused and closed time count), within
 * the contract's 0..86400; undefined when the form's opening was never noted (a draft started
 * before this version).
 * @example formSecondsOf(1_000, 91_400) // 90
 */
export function formSecondsOf(formOpenedAt: number | undefined, now: number): number | undefined {
  if (formOpenedAt === undefined || !Number.isFinite(formOpenedAt)) return undefined;
  return Math.min(MAX_FORM_SECONDS, Math.max(0, Math.round((now - formOpenedAt) / 1000)));
}

/**
 * The fixes with one more, oldest first. A reading with the same time as the last one is the
 * browser's cached position handed out again, not a new fix (it would look like a spoofer's
 * identical fixes): it is left out. Past the limit the check-in's neighbour goes: the first
 * fix and the latest ones stay.
 */
export function addFix(fixes: readonly Fix[], fix: Fix): Fix[] {
  const last = fixes.at(-1);
  if (last && Date.parse(last.takenAt) >= Date.parse(fix.takenAt)) return [...fixes];
  const next = [...fixes, fix];
  return next.length > MAX_FIXES ? [next[0] as Fix, ...next.slice(next.length - MAX_FIXES + 1)] : next;
}

/** One position now, or null when refused, unavailable or too slow. */
export function takeFix(timeout: number, maximumAge = 0): Promise<Fix | null> {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracy: Math.min(100_000, Math.max(0, position.coords.accuracy)),
          takenAt: new Date(position.timestamp || Date.now()).toISOString(),
        }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout, maximumAge },
    );
  });
}

/**
 * While the form is open: if the shopper shares their location, takes a fix now and every few
 * minutes (not while the page is hidden). Returns the stop. (The form's opening time is noted as
 * it mounts, session.formOpened: this chunk may run after the first answer.)
 */
export function watchVisit(session: Pick<VisitSession, "phone" | "setPhone">): () => void {
  if (!session.phone().locate) return () => undefined;
  let stopped = false;
  const take = async () => {
    if (document.visibilityState === "hidden") return;
    const fix = await takeFix(15_000);
    if (fix && !stopped) session.setPhone({ fixes: addFix(session.phone().fixes ?? [], fix) });
  };
  void take();
  const timer = setInterval(() => void take(), FIX_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * The report as it goes to the outbox: the body with the phone's facts (pure). The check-in
 * (`location`) opens the fixes; photos in the order the answers list them.
 */
export function phoneFactsOf(
  body: ReportBody,
  phone: PhoneRecord,
  photos: ReadonlyMap<string, { dHash?: string | null; capturedAt?: string | null }>,
  now: number,
): ReportBody {
  const report: ReportBody = { ...body };
  const formSeconds = formSecondsOf(phone.formOpenedAt, now);
  if (formSeconds !== undefined) report.formSeconds = formSeconds;
  let fixes: Fix[] = body.location ? [body.location] : [];
  for (const fix of phone.fixes ?? []) fixes = addFix(fixes, fix);
  if (fixes.length > 0) report.fixes = fixes;
  const facts: PhotoFact[] = photosOf(body)
    .slice(0, MAX_PHOTO_FACTS)
    .map((sha256) => {
      const found = photos.get(sha256);
      return { sha256, dHash: found?.dHash ?? null, capturedAt: found?.capturedAt ?? null };
    });
  if (facts.length > 0) report.photos = facts;
  return report;
}

/** `phoneFactsOf` with the photos' facts from the phone's store and, if shared, a last fix taken at Send. */
export async function withPhoneFacts(body: ReportBody, phone: PhoneRecord, now: number): Promise<ReportBody> {
  const photos = new Map<string, { dHash?: string | null; capturedAt?: string | null }>();
  for (const sha of photosOf(body)) {
    const found = await getPhoto(sha).catch(() => undefined);
    if (found) photos.set(sha, found);
  }
  const last = phone.locate ? await takeFix(SEND_FIX_TIMEOUT_MS) : null;
  const fixes = last ? addFix(phone.fixes ?? [], last) : phone.fixes;
  return phoneFactsOf(body, { ...phone, fixes }, photos, now);
}
