import type { Difference } from "./bootstrap.js";
import type { MetricInfo } from "./metrics.js";

/** Fewer paired notes than this and no verdict is given: the interval would mean little. */
export const MIN_PAIRS = 5;

/** What a paired difference says: the arm is better, worse, not clearly different, or the sample is too small. */
export type VerdictCode = "better" | "worse" | "unclear" | "too_small";

/** A verdict on one metric of one arm against the baseline. */
export interface Verdict {
  code: VerdictCode;
  /** One plain-language sentence. */
  text: string;
}

function signed(x: number, digits: number): string {
  const s = Math.abs(x).toFixed(digits);
  return x < 0 ? `\u2212${s}` : `+${s}`;
}

/** Digits that show a difference of this metric meaningfully. */
export function digitsFor(metric: MetricInfo): number {
  switch (metric.unit) {
    case "score":
    case "share":
      return 3;
    case "money":
      return 5;
    case "count":
      return 2;
    default:
      return 0;
  }
}

/**
 * The plain-language verdict of `arm` against `baseline` on `metric`, from the paired difference
 * (arm minus baseline) and its confidence interval: too small to decide under {@link MIN_PAIRS}
 * pairs; better or worse when the interval excludes 0 (by the metric's direction); otherwise no
 * clear difference, naming the smallest difference the sample could have shown.
 *
 * @example
 * ```ts
 * verdict(diff, metricInfo("rougeL"), "b@1", "a@1", 0.95).text;
 * // "b@1 scores higher than a@1 on ROUGE-L F1: +0.031 (95 % CI +0.012 to +0.050, 20 paired notes)."
 * ```
 */
export function verdict(diff: Difference | null, metric: MetricInfo, arm: string, baseline: string, confidence: number): Verdict {
  const n = diff?.n ?? 0;
  const pct = Math.round(confidence * 100);
  if (diff === null || n < MIN_PAIRS) {
    const what = diff?.method === "paired" ? `${n} visit${n === 1 ? "" : "s"} scored by both ${arm} and ${baseline}` : `${n} note${n === 1 ? "" : "s"} in the smaller of ${arm} and ${baseline}, and too few visits scored by both`;
    return {
      code: "too_small",
      text: `Too small to decide on ${metric.label}: ${what}; at least ${MIN_PAIRS} are needed (tens to see a small difference).`,
    };
  }
  const d = digitsFor(metric);
  const ci = `${pct} % CI ${signed(diff.low, d)} to ${signed(diff.high, d)}, ${diff.method === "paired" ? `${n} paired notes` : `unpaired, ${n}+ notes per arm`}`;
  if (diff.low > 0 || diff.high < 0) {
    const up = diff.low > 0;
    const good = up === (metric.better === "higher");
    const how = metric.unit === "score" || metric.unit === "share" ? (up ? "scores higher than" : "scores lower than") : up ? "is higher than" : "is lower than";
    return { code: good ? "better" : "worse", text: `${arm} ${how} ${baseline} on ${metric.label} (${good ? "better" : "worse"}): ${signed(diff.mean, d)} (${ci}).` };
  }
  if (diff.low === 0 && diff.high === 0) {
    return { code: "unclear", text: `No difference on ${metric.label}: ${arm} and ${baseline} score the same${diff.method === "paired" ? ` on all ${n} paired notes` : ""}.` };
  }
  const halfWidth = (diff.high - diff.low) / 2;
  return {
    code: "unclear",
    text: `No clear difference on ${metric.label}: ${arm} \u2212 ${baseline} = ${signed(diff.mean, d)} (${ci}); the interval includes 0, so this sample cannot tell a difference smaller than about ${halfWidth.toFixed(d)} from none. Add notes to decide.`,
  };
}
