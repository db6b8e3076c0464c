/**
 * The shopper's pages before a visit, loaded together (one download): the list and the
 * briefing. The form, its review and the outbox are routes of their own (main.tsx); each page
 * fetches the next one in the background once it is on screen, so moving on never waits for
 * the network, even offline right after an app update.
 */
import "./visits.css";

export { default as VisitBriefing } from "./briefing";
export { default as VisitsList } from "./list";
