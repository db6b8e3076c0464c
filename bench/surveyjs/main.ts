/// <reference types="vite/client" />
/**
 * SurveyJS's side of the form-open benchmark (bench/surveyjs-bench.ts): the survey JSON is embedded
 * at build time (vite.config.ts `define`), so the page needs no request after its own files.
 */
import "survey-core/survey-core.fontless.css";
import { Model } from "survey-core";
import { renderSurvey } from "survey-js-ui";

declare const __SURVEY_JSON__: object;

const root = document.getElementById("survey");
if (root) renderSurvey(new Model(__SURVEY_JSON__), root);
