import { SOAP_SECTIONS, type SoapSectionName } from "../note/soap-note.js";
import { ROUGE_TYPES, type RougeType } from "./rouge.js";

/** Which way a metric is better. `none`: a cost or a count with no better side on its own. */
export type MetricDirection = "higher" | "lower";

/** How a metric's values read: a score or share in [0, 1], a count, tokens, milliseconds, money. */
export type MetricUnit = "score" | "share" | "count" | "tokens" | "ms" | "money";

/** What a metric is, for reports. */
export interface MetricInfo {
  key: string;
  label: string;
  group: "rouge" | "section" | "faithfulness" | "cost";
  better: MetricDirection;
  unit: MetricUnit;
}

const ROUGE_LABELS: Record<RougeType, string> = { rouge1: "ROUGE-1", rouge2: "ROUGE-2", rougeL: "ROUGE-L", rougeLsum: "ROUGE-Lsum" };
const SECTION_LABELS: Record<SoapSectionName, string> = { subjective: "Subjective", objective: "Objective", assessment: "Assessment", plan: "Plan" };

/** Key of a per-section ROUGE metric, e.g. `subjective.rougeL`. */
export function sectionMetricKey(section: SoapSectionName, type: RougeType): string {
  return `${section}.${type}`;
}

/**
 * Every metric of an evaluation, in report order: whole-note ROUGE F1 (reference-based), per-section
 * ROUGE F1, faithfulness from our own checks, and cost and speed.
 */
export const METRICS: readonly MetricInfo[] = [
  ...ROUGE_TYPES.map((t): MetricInfo => ({ key: t, label: `${ROUGE_LABELS[t]} F1`, group: "rouge", better: "higher", unit: "score" })),
  ...SOAP_SECTIONS.flatMap((s) =>
    ROUGE_TYPES.map((t): MetricInfo => ({ key: sectionMetricKey(s, t), label: `${SECTION_LABELS[s]} ${ROUGE_LABELS[t]} F1`, group: "section", better: "higher", unit: "score" })),
  ),
  { key: "verified_share", label: "statements with verified evidence", group: "faithfulness", better: "higher", unit: "share" },
  { key: "unsupported_quotes", label: "unsupported quotes per note", group: "faithfulness", better: "lower", unit: "count" },
  { key: "missing_sections", label: "missing or empty sections per note", group: "faithfulness", better: "lower", unit: "count" },
  { key: "redaction_leaks", label: "redaction leaks per note", group: "faithfulness", better: "lower", unit: "count" },
  { key: "input_tokens", label: "input tokens per note", group: "cost", better: "lower", unit: "tokens" },
  { key: "output_tokens", label: "output tokens per note", group: "cost", better: "lower", unit: "tokens" },
  { key: "requests", label: "requests per note", group: "cost", better: "lower", unit: "count" },
  { key: "wall_ms", label: "wall time per note (ms)", group: "cost", better: "lower", unit: "ms" },
  { key: "cost", label: "cost per note", group: "cost", better: "lower", unit: "money" },
];

const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));

/** The description of metric `key`. @throws {RangeError} for an unknown key. */
export function metricInfo(key: string): MetricInfo {
  const info = BY_KEY.get(key);
  if (info === undefined) throw new RangeError(`unknown metric "${key}" (known: ${METRICS.map((m) => m.key).join(", ")})`);
  return info;
}

/** The values of one note: a number per metric, `null` where it does not apply (no reference, no note JSON, no price). */
export type MetricValues = Record<string, number | null>;
