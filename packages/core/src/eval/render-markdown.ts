import { escapeMarkdownInline } from "../export/markdown-escape.js";
import { METRICS, type MetricInfo } from "./metrics.js";
import { formatInterval, formatValue } from "./format.js";
import type { EvalReport } from "./report.js";

const GROUPS: { group: MetricInfo["group"]; title: string }[] = [
  { group: "rouge", title: "Whole-note ROUGE F1 (against the reference notes)" },
  { group: "section", title: "Per-section ROUGE F1" },
  { group: "faithfulness", title: "Faithfulness (our evidence checks)" },
  { group: "cost", title: "Cost and speed" },
];

const cell = (text: string): string => escapeMarkdownInline(text);

/** Metrics that have a value in at least one arm. */
export function shownMetrics(report: EvalReport, group?: MetricInfo["group"]): MetricInfo[] {
  return METRICS.filter((m) => (group === undefined || m.group === group) && report.arms.some((a) => a.metrics[m.key] !== null && a.metrics[m.key] !== undefined));
}

function settingsLine(report: EvalReport): string {
  const s = report.settings;
  return [
    `${report.arms.reduce((n, a) => n + a.notes, 0)} notes in ${report.arms.length} arm${report.arms.length === 1 ? "" : "s"}`,
    `means of per-note values with ${Math.round(s.confidence * 100)} % bootstrap intervals (${s.resamples} resamples, seed ${s.seed})`,
    s.stemmed ? "Porter stemming" : "no stemming",
    s.baseline !== null && report.arms.length > 1 ? `baseline ${cell(s.baseline)}` : undefined,
    s.currency !== null ? `prices in ${cell(s.currency)} from the user's price table` : "no price table (cost not computed)",
  ]
    .filter((x) => x !== undefined)
    .join("; ");
}

/**
 * The report as Markdown: verdicts first, then one table per group of metrics (arms as columns,
 * `mean [low, high]` per cell), the paired differences, and one row per note. Every text from the
 * data (arm names, ids, titles) is escaped.
 *
 * @example
 * ```ts
 * await writeFile("report.md", reportMarkdown(report));
 * ```
 */
export function reportMarkdown(report: EvalReport): string {
  const currency = report.settings.currency;
  const out: string[] = [`# ${cell(report.title)}`, ""];
  if (report.attribution !== undefined) out.push(`Data: ${cell(report.attribution)}`, "");
  out.push(settingsLine(report), "");
  if (report.comparisons.length > 0) {
    out.push("## Verdict", "");
    for (const c of report.comparisons) out.push(`- ${cell(c.headline.text)}`);
    out.push("");
  }
  const armHeader = `| metric | ${report.arms.map((a) => `${cell(a.arm)} (n=${a.notes})`).join(" | ")} |`;
  const rule = `| --- | ${report.arms.map(() => "--:").join(" | ")} |`;
  for (const { group, title } of GROUPS) {
    const metrics = shownMetrics(report, group);
    if (metrics.length === 0) continue;
    out.push(`## ${title}`, "", armHeader, rule);
    for (const m of metrics) out.push(`| ${cell(m.label)} | ${report.arms.map((a) => formatInterval(a.metrics[m.key], m, currency)).join(" | ")} |`);
    out.push("");
  }
  for (const c of report.comparisons) {
    out.push(`## ${cell(c.arm)} \u2212 ${cell(c.baseline)}`, "", "| metric | difference [interval] | n | method | verdict |", "| --- | --: | --: | --- | --- |");
    for (const m of shownMetrics(report)) {
      const d = c.differences[m.key];
      if (d === null || d === undefined) continue;
      out.push(`| ${cell(m.label)} | ${formatInterval(d, m, currency)} | ${d.n} | ${d.method} | ${c.verdicts[m.key]?.code.replace("_", " ") ?? ""} |`);
    }
    out.push("");
  }
  const perNote = ["rouge1", "rouge2", "rougeL", "rougeLsum", "verified_share", "unsupported_quotes", "missing_sections", "output_tokens", "cost"].flatMap((k) => shownMetrics(report).filter((m) => m.key === k));
  out.push("## Per note", "", `| visit | arm | ${perNote.map((m) => cell(m.label)).join(" | ")} |`, `| --- | --- | ${perNote.map(() => "--:").join(" | ")} |`);
  for (const n of report.notes) {
    const values = perNote.map((m) => {
      const v = n.metrics[m.key];
      return v === null || v === undefined ? "n/a" : formatValue(v, m, currency);
    });
    out.push(`| ${cell(n.id)} | ${cell(n.arm)} | ${values.join(" | ")} |`);
  }
  out.push("");
  return out.join("\n");
}
