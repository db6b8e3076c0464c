/**
 * The check a report must pass before it may go to the outbox: the server's own rules
 * (`checkSubmission`: worker/domain's audits and scoring), plus visit times that are missing (the
 * server would refuse them as malformed). A chunk of its own: the session fetches it as it opens,
 * after the form's first screen, which does not carry the whole scoring rule.
 */
import { checkSubmission, type SubmissionProblem } from "../../../worker/domain/audits";
import type { ChecklistDocument } from "../../../worker/domain/checklists";
import type { ReportBody } from "../../lib/outbox";

const isInstant = (value: string) => value !== "" && Number.isFinite(Date.parse(value));

/**
 * Everything that stops a report from being sent: the server's own rules, plus missing visit times.
 * @example checkReport(doc, body) // [] when the report may go to the outbox
 */
export function checkReport(doc: ChecklistDocument, body: ReportBody): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (!isInstant(body.visitStartedAt))
    problems.push({ path: "visitStartedAt", code: "required", message: "When did the visit start?" });
  if (!isInstant(body.visitEndedAt))
    problems.push({ path: "visitEndedAt", code: "required", message: "When did the visit end?" });
  return [...problems, ...checkSubmission(doc, body)];
}
