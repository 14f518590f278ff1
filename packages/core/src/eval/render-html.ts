import { escapeXhtml as esc } from "../export/xhtml.js";
import { SOAP_SECTIONS } from "../note/soap-note.js";
import { formatInterval, formatValue } from "./format.js";
import { metricInfo, sectionMetricKey, type MetricInfo } from "./metrics.js";
import type { EvalReport } from "./report.js";
import { shownMetrics } from "./render-markdown.js";
import { groupedBarChart, scatterChart, type ChartValue } from "./svg-charts.js";

const SECTION_NAMES = { subjective: "Subjective", objective: "Objective", assessment: "Assessment", plan: "Plan" } as const;

const STYLE = `body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
caption{text-align:left;font-weight:600;padding:.25rem 0}.verdict{padding:.5rem .75rem;border-left:4px solid #0072B2;background:#f3f7fb;margin:.5rem 0}
.too_small,.unclear{border-color:#999}.worse{border-color:#D55E00}.better{border-color:#009E73}figure{margin:1rem 0 2rem}figcaption{font-size:.9em;color:#444}`;

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join("")}</tr>`).join("");
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function chartValue(m: { mean: number; low: number; high: number } | null | undefined): ChartValue | null {
  return m === null || m === undefined ? null : { mean: m.mean, low: m.low, high: m.high };
}

function sectionChart(report: EvalReport, type: string): string {
  const keys = SOAP_SECTIONS.map((s) => sectionMetricKey(s, type as "rougeL"));
  const label = metricInfo(type).label;
  if (!report.arms.some((a) => keys.some((k) => a.metrics[k] !== null))) {
    const verified = report.arms.map((a) => ({ name: a.arm, values: [chartValue(a.metrics["verified_share"])] }));
    return groupedBarChart({
      id: "chart-sections",
      title: "Statements with verified evidence, by arm",
      description: "No reference notes were given, so per-section ROUGE is not computed; bars show each arm's share of statements with verified evidence, whiskers its confidence interval. The table below has the same numbers.",
      categories: ["verified evidence"],
      series: verified,
    });
  }
  return groupedBarChart({
    id: "chart-sections",
    title: `Per-section ${label} by arm`,
    description: `Bars show each arm's mean ${label} per SOAP section against the reference notes, whiskers its ${Math.round(report.settings.confidence * 100)} % bootstrap interval. The per-section table has the same numbers.`,
    categories: SOAP_SECTIONS.map((s) => SECTION_NAMES[s]),
    series: report.arms.map((a) => ({ name: a.arm, values: keys.map((k) => chartValue(a.metrics[k])) })),
  });
}

function costChart(report: EvalReport): string {
  const xKey = report.settings.currency !== null && report.arms.some((a) => a.metrics["cost"] !== null) ? "cost" : "output_tokens";
  const x = metricInfo(xKey);
  const y = metricInfo(report.primary_metric);
  const points = report.arms.flatMap((a) => {
    const px = chartValue(a.metrics[xKey]);
    const py = chartValue(a.metrics[y.key]);
    return px !== null && py !== null ? [{ name: a.arm, x: px, y: py }] : [];
  });
  if (points.length === 0) return `<p>No arm has both ${esc(x.label)} and ${esc(y.label)}, so there is no cost-versus-quality chart.</p>`;
  const xLabel = xKey === "cost" ? `cost per note (${report.settings.currency ?? ""})` : "output tokens per note (no price table)";
  return scatterChart({
    id: "chart-cost",
    title: `Cost versus quality: ${y.label} against ${xLabel}`,
    description: `One point per arm at its mean ${xLabel} and mean ${y.label}, with interval whiskers in both directions. Up and to the left is better. The tables have the same numbers.`,
    xLabel,
    yLabel: y.label,
    points,
  });
}

function metricRows(report: EvalReport, metrics: readonly MetricInfo[]): string[][] {
  return metrics.map((m) => [m.label, ...report.arms.map((a) => formatInterval(a.metrics[m.key], m, report.settings.currency))]);
}

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG (per-section scores
 * by arm with intervals; cost versus quality), no script, no external resource, so it opens
 * offline. Every chart has a title and description for screen readers, and a table with the same
 * numbers. Every text from the data is escaped.
 */
export function reportHtml(report: EvalReport): string {
  const currency = report.settings.currency;
  const armHead = ["metric", ...report.arms.map((a) => `${a.arm} (n=${a.notes})`)];
  const parts: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(report.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(report.title)}</h1>`,
  ];
  if (report.attribution !== undefined) parts.push(`<p>Data: ${esc(report.attribution)}</p>`);
  const s = report.settings;
  parts.push(`<p>Means of per-note values with ${Math.round(s.confidence * 100)} % bootstrap intervals (${s.resamples} resamples, seed ${s.seed}); ${s.stemmed ? "Porter stemming" : "no stemming"}${s.currency !== null ? `; prices in ${esc(s.currency)} from the user's price table` : "; no price table"}.</p>`);
  if (report.comparisons.length > 0) {
    parts.push("<h2>Verdict</h2>");
    for (const c of report.comparisons) parts.push(`<p class="verdict ${c.headline.code}">${esc(c.headline.text)}</p>`);
  }
  parts.push("<h2>Charts</h2>", `<figure>${sectionChart(report, "rougeL")}<figcaption>Per-section scores by arm, with intervals.</figcaption></figure>`);
  parts.push(`<figure>${costChart(report)}<figcaption>Cost versus quality, one point per arm.</figcaption></figure>`);
  const groups: [MetricInfo["group"], string][] = [["rouge", "Whole-note ROUGE F1"], ["section", "Per-section ROUGE F1"], ["faithfulness", "Faithfulness"], ["cost", "Cost and speed"]];
  for (const [group, caption] of groups) {
    const metrics = shownMetrics(report, group);
    if (metrics.length > 0) parts.push(`<h2>${esc(caption)}</h2>`, table(caption, armHead, metricRows(report, metrics)));
  }
  for (const c of report.comparisons) {
    const rows = shownMetrics(report).flatMap((m) => {
      const d = c.differences[m.key];
      return d === null || d === undefined ? [] : [[m.label, formatInterval(d, m, currency), String(d.n), d.method, c.verdicts[m.key]?.text ?? ""]];
    });
    parts.push(`<h2>${esc(`${c.arm} \u2212 ${c.baseline}`)}</h2>`, table(`Differences, ${c.arm} minus ${c.baseline}`, ["metric", "difference [interval]", "n", "method", "verdict"], rows));
  }
  const perNote = shownMetrics(report).filter((m) => ["rouge1", "rouge2", "rougeL", "rougeLsum", "verified_share", "missing_sections", "output_tokens", "cost"].includes(m.key));
  parts.push(
    "<h2>Per note</h2>",
    table(
      "Per note",
      ["visit", "arm", ...perNote.map((m) => m.label)],
      report.notes.map((n) => [n.id, n.arm, ...perNote.map((m) => {
        const v = n.metrics[m.key];
        return v === null || v === undefined ? "n/a" : formatValue(v, m, currency);
      })]),
    ),
    "</body></html>\n",
  );
  return parts.join("\n");
}
