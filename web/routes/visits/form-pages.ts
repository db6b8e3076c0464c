/**
 * The visit's form and its review, loaded together: once the form is open, the review (and
 * back) needs nothing from the network, even after an app update.
 */
import "../../styles/visits.css";

export { default as VisitForm } from "./form";
export { default as VisitReview } from "./review";
