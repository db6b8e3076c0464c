/**
 * The disputes pages in one lazy module (main.tsx imports it once for the three routes): one
 * dynamic import in the app's first download instead of three.
 */
export { default as DisputePage } from "./dispute";
export { default as DisputesPage } from "./disputes";
export { default as DisputeFiguresPage } from "./figures";
