/**
 * The actions pages, loaded together (one download, one entry in the app's route table): the
 * board and one action. A manager moves between them all the time, and the shared parts
 * (strings, queries, chips) are most of both.
 */
export { default as ActionPage } from "./action";
export { default as ActionBoard } from "./board";
