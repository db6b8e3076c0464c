/**
 * The complaints pages, loaded together (one download, one entry in the app's route table): the
 * log, the phone form and one complaint. A manager moves between them all the time, and the
 * shared parts (strings, queries, chips, deadlines) are most of all three.
 */
export { default as ComplaintPage } from "./complaint";
export { default as ComplaintList } from "./list";
export { default as NewComplaintPage } from "./new";
