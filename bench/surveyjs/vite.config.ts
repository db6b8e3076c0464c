/**
 * Builds SurveyJS's benchmark page (index.html + main.ts) into .bench-dist/surveyjs, apart from
 * the app: nothing here is imported by web/, and the app's build never sees survey-core.
 *
 *   npx vite build --config bench/surveyjs/vite.config.ts --configLoader runner   (bench/surveyjs-bench.ts does it)
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { formOpenChecklist } from "../form-open";
import { toSurveyJson } from "./survey-json";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  publicDir: false,
  logLevel: "warn",
  define: { __SURVEY_JSON__: JSON.stringify(toSurveyJson(formOpenChecklist())) },
  // The app's target (vite.config.ts), so both pages are built alike.
  build: {
    target: "es2022",
    outDir: fileURLToPath(new URL("../../.bench-dist/surveyjs", import.meta.url)),
    emptyOutDir: true,
    // survey-core is one 1.4 MB chunk: that is what is measured, not a mistake to warn about.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
