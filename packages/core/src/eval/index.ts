/**
 * `@org/soap-core/eval` — measure notes: ROUGE-1/2/L/Lsum compatible with Google's `rouge-score`
 * (whole note and per SOAP section), faithfulness from our evidence checks, cost and speed from the
 * notes' provenance and a user's price table, seeded bootstrap intervals, and experiment reports
 * that compare template arms with a plain-language verdict, as JSON, Markdown and self-contained HTML.
 *
 * @example
 * ```ts
 * import { rougeScores, porterStem, experimentReport, reportMarkdown } from "@org/soap-core/eval";
 * rougeScores(reference, prediction, { stemmer: porterStem }).rougeLsum.f1;
 * const report = experimentReport(notes.map((note) => ({ note })), { references, seed: 42 });
 * console.log(reportMarkdown(report));
 * ```
 * @packageDocumentation
 */
export { rougeScores, ROUGE_TYPES } from "./rouge.js";
export type { RougeType, RougeScore, RougeOptions } from "./rouge.js";
export { rougeTokens } from "./tokenize.js";
export type { Stemmer } from "./tokenize.js";
export { porterStem } from "./porter-stem.js";
export { seededRandom } from "./prng.js";
export type { Random } from "./prng.js";
export { bootstrapMean, bootstrapMeanDifference, BOOTSTRAP_DEFAULTS } from "./bootstrap.js";
export type { BootstrapOptions, MeanWithInterval, Difference } from "./bootstrap.js";
export { METRICS, metricInfo, sectionMetricKey } from "./metrics.js";
export type { MetricInfo, MetricDirection, MetricUnit, MetricValues } from "./metrics.js";
export { noteFaithfulness, textFaithfulness } from "./faithfulness.js";
export type { Faithfulness } from "./faithfulness.js";
export { priceTableSchema, modelPriceSchema, costOf } from "./prices.js";
export type { PriceTable, ModelPrice, PricedUsage } from "./prices.js";
export { textSections, noteSections } from "./sections.js";
export type { NoteTexts } from "./sections.js";
export { scoreNote } from "./score-note.js";
export type { EvalInput, ScoreOptions, NoteResult } from "./score-note.js";
export { buildReport, evaluateNotes } from "./report.js";
export type { EvaluateOptions, EvalReport, ArmSummary, ArmComparison } from "./report.js";
export { verdict, MIN_PAIRS } from "./verdict.js";
export type { Verdict, VerdictCode } from "./verdict.js";
export { experimentReport, armOf } from "./experiment.js";
export type { ExperimentNote, ExperimentReportOptions } from "./experiment.js";
export { reportMarkdown } from "./render-markdown.js";
export { reportHtml } from "./render-html.js";
export { estimateNoteCost, CHARS_PER_TOKEN } from "./estimate.js";
export type { NoteCostEstimate } from "./estimate.js";
