/**
 * The shopper's pages that come before and after a visit, loaded together (one download):
 * moving between them never waits for the network, which matters when there is none.
 */
import "../../styles/visits.css";

export { default as VisitBriefing } from "./briefing";
export { default as VisitsList } from "./list";
export { default as Outbox } from "./outbox";
