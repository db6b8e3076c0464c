/**
 * The outbox's transport in the app: photos and reports go through the typed API client,
 * and every outcome becomes a `SendResult`. No answer at all (offline, dropped connection,
 * timeout) is status 0, which the outbox retries by itself, and tells the network signal so.
 */
import type { ClientResponse } from "hono/client";
import { api, isProblem, toProblem } from "./api";
import { noteReached } from "./network";
import type { PhotoRecord, ReportBody, SendResult, Transport } from "./outbox";

/** A photo of at most 1600 px is a few hundred KB: a minute covers a slow connection. */
const PHOTO_TIMEOUT_MS = 60_000;
const REPORT_TIMEOUT_MS = 30_000;

/** One outbox request (reports, photos, replies) as a `SendResult`; any answer means the server is reachable. */
export async function send(request: () => Promise<ClientResponse<unknown, number, string>>): Promise<SendResult> {
  const result = await resultOf(request);
  noteReached(result.status !== 0);
  return result;
}

async function resultOf(request: () => Promise<ClientResponse<unknown, number, string>>): Promise<SendResult> {
  try {
    const response = (await request()) as unknown as Response;
    if (!response.ok) {
      const problem = await toProblem(response);
      return { ok: false, status: response.status, code: problem.code, message: problem.detail ?? problem.title };
    }
    // A success whose body never fully arrives is not an acknowledgement: it is retried (and replayed).
    const body: unknown = response.status === 204 ? null : await response.json();
    return { ok: true, status: response.status, body };
  } catch (error) {
    if (isProblem(error) && error.status !== 0) {
      return { ok: false, status: error.status, code: error.code, message: error.message };
    }
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return {
      ok: false,
      status: 0,
      code: timedOut ? "timeout" : "network_error",
      message: timedOut ? "The server took too long to answer" : "No connection to the server",
    };
  }
}

export function createTransport(): Transport {
  return {
    putEvidence: (photo: PhotoRecord) =>
      send(() =>
        api.evidence[":sha256"].$put(
          { param: { sha256: photo.sha256 } },
          {
            init: {
              method: "PUT",
              body: photo.data as BodyInit,
              headers: { "Content-Type": photo.contentType },
              signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS),
            },
          },
        ),
      ),
    putAudit: (auditId: string, body: ReportBody) =>
      send(() =>
        api.audits[":id"].$put(
          { param: { id: auditId }, json: body },
          { init: { signal: AbortSignal.timeout(REPORT_TIMEOUT_MS) } },
        ),
      ),
  };
}
