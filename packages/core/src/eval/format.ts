import type { MeanWithInterval } from "./bootstrap.js";
import { digitsFor } from "./verdict.js";
import type { MetricInfo } from "./metrics.js";

/** A value of `metric` as a report shows it (money with its currency). */
export function formatValue(value: number, metric: MetricInfo, currency: string | null): string {
  const text = value.toFixed(digitsFor(metric));
  return metric.unit === "money" && currency !== null ? `${text} ${currency}` : text;
}

/** `mean [low, high]`, or `n/a`. */
export function formatInterval(m: MeanWithInterval | null | undefined, metric: MetricInfo, currency: string | null): string {
  if (m === null || m === undefined) return "n/a";
  const d = digitsFor(metric);
  return `${formatValue(m.mean, metric, currency)} [${m.low.toFixed(d)}, ${m.high.toFixed(d)}]`;
}
