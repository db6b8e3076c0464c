import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./lib/app-env";
import { ApiError, toApiError, toProblem } from "./lib/errors";
import { database } from "./middleware/database";
import { jsonBody } from "./middleware/json-body";
import { requestId } from "./middleware/request-id";
import { sameOrigin } from "./middleware/same-origin";
import { apiSecurityHeaders } from "./middleware/security-headers";
import { loadSession } from "./middleware/session";
import { actionRoutes } from "./routes/actions";
import { assignmentAnswerRoutes } from "./routes/assignment-answers";
import { assignmentRoutes } from "./routes/assignments";
import { auditLogRoutes, receiptRoutes } from "./routes/audit-log";
import { auditRoutes } from "./routes/audits";
import { authRoutes } from "./routes/auth";
import { branchRoutes } from "./routes/branches";
import { calibrationRoutes } from "./routes/calibrations";
import { checklistRoutes, checklistTemplateRoutes, checklistVersionRoutes } from "./routes/checklists";
import { complaintFigureRoutes } from "./routes/complaint-figures";
import { calendarRoutes, complaintRoutes } from "./routes/complaints";
import { auditDisputeRoutes, disputeRoutes } from "./routes/disputes";
import { evidenceRoutes } from "./routes/evidence";
import { expenseRoutes } from "./routes/expenses";
import { exportRoutes } from "./routes/exports";
import { importRoutes } from "./routes/imports";
import { invitationRoutes } from "./routes/invitations";
import { jobBoardRoutes } from "./routes/job-board";
import { meRoutes } from "./routes/me";
import { myDataRoutes } from "./routes/my-data";
import { notificationRoutes } from "./routes/notifications";
import { organizationRoutes } from "./routes/organization";
import { payoutRoutes } from "./routes/payouts";
import { phraseListRoutes, transcriptRoutes } from "./routes/phrases";
import { regionRoutes } from "./routes/regions";
import { meReliabilityRoutes, shopperReliabilityRoutes } from "./routes/reliability";
import { reviewAuditRoutes, reviewQueueRoutes } from "./routes/review";
import { roundRoutes } from "./routes/rounds";
import { scorecardRoutes } from "./routes/scorecards";
import { shopperProfileRoutes } from "./routes/shopper-profiles";
import { twoFactorRoutes } from "./routes/two-factor";
import { userRoutes } from "./routes/users";

/**
 * The problem response for an error. Built through the context so headers set before the
 * error (X-Request-Id, a cleared session cookie) are kept.
 */
function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  return c.body(JSON.stringify(toProblem(error, c.get("requestId"))), error.status as ContentfulStatusCode, {
    ...error.headers,
    "Content-Type": "application/problem+json",
  });
}

const app = new Hono<AppEnv>()
  .use("/api/*", requestId())
  .use("/api/*", apiSecurityHeaders())
  .use("/api/*", database())
  .use("/api/*", sameOrigin())
  .use("/api/*", jsonBody())
  .use("/api/*", loadSession())
  .get("/api/v1/health", (c) => c.json({ ok: true as const }))
  .route("/api/v1/auth", authRoutes)
  .route("/api/v1/me", meRoutes)
  .route("/api/v1/me", meReliabilityRoutes)
  .route("/api/v1/me", myDataRoutes)
  .route("/api/v1/me/two-factor", twoFactorRoutes)
  .route("/api/v1/regions", regionRoutes)
  .route("/api/v1/branches", branchRoutes)
  .route("/api/v1/users", userRoutes)
  .route("/api/v1/invitations", invitationRoutes)
  .route("/api/v1/checklists", checklistRoutes)
  .route("/api/v1/checklist-templates", checklistTemplateRoutes)
  .route("/api/v1/checklist-versions", checklistVersionRoutes)
  .route("/api/v1/assignments", assignmentRoutes)
  .route("/api/v1/assignments", assignmentAnswerRoutes)
  .route("/api/v1/assignments", expenseRoutes)
  .route("/api/v1/audits", auditRoutes)
  .route("/api/v1/audits", reviewAuditRoutes)
  .route("/api/v1/audits", auditDisputeRoutes)
  .route("/api/v1/disputes", disputeRoutes)
  .route("/api/v1/review-queue", reviewQueueRoutes)
  .route("/api/v1/organization/calendar", calendarRoutes)
  .route("/api/v1/organization", organizationRoutes)
  // Before the complaint routes: `/figures`, `/by-section` and `/export.csv` are not complaint ids.
  .route("/api/v1/complaints", complaintFigureRoutes)
  .route("/api/v1/exports", exportRoutes)
  .route("/api/v1/imports", importRoutes)
  .route("/api/v1/evidence", evidenceRoutes)
  .route("/api/v1/scorecards", scorecardRoutes)
  .route("/api/v1/actions", actionRoutes)
  .route("/api/v1/complaints", complaintRoutes)
  .route("/api/v1/audit-log", auditLogRoutes)
  .route("/api/v1/receipts", receiptRoutes)
  .route("/api/v1/notifications", notificationRoutes)
  .route("/api/v1/rounds", roundRoutes)
  .route("/api/v1/shoppers", shopperReliabilityRoutes)
  .route("/api/v1/shoppers", shopperProfileRoutes)
  .route("/api/v1/job-board", jobBoardRoutes)
  .route("/api/v1/payouts", payoutRoutes)
  .route("/api/v1/calibrations", calibrationRoutes)
  .route("/api/v1/phrase-lists", phraseListRoutes)
  .route("/api/v1/transcripts", transcriptRoutes);

app.onError((error, c) => {
  const apiError = toApiError(error);
  const requestIdValue = c.get("requestId");
  if (apiError.status >= 500) {
    console.error(
      JSON.stringify({
        level: "error",
        requestId: requestIdValue,
        path: c.req.path,
        error: String(error),
        stack: error instanceof Error ? error.stack : undefined,
      }),
    );
  }
  return problemResponse(c, apiError);
});

app.notFound((c) => {
  return problemResponse(c, new ApiError("not_found", `No API route for ${c.req.method} ${c.req.path}`));
});

export default app;
export type AppType = typeof app;
