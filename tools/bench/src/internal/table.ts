import type { BenchRow } from "./result.js";

/** Columns of the results table, in order. */
export const TABLE_HEADERS = ["benchmark", "ours", "baseline", "limit", "ratio", "target", "met?"] as const;

function metText(met: boolean | null): string {
  return met === null ? "not measured" : met ? "yes" : "NO";
}

function cells(row: BenchRow): string[] {
  return [row.name, row.ours, row.baseline, row.limit, row.ratio, row.target, metText(row.met)];
}

/** The rows as a plain-text table with aligned columns (for stdout). */
export function renderTextTable(rows: readonly BenchRow[]): string {
  const all = [[...TABLE_HEADERS], ...rows.map(cells)];
  const widths = TABLE_HEADERS.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c] ?? 0)).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(all[0] as string[]), rule, ...all.slice(1).map(line)].join("\n");
}

/** Escapes a cell for a GitHub-flavoured Markdown table. */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The rows as a Markdown table. */
export function renderMarkdownTable(rows: readonly BenchRow[]): string {
  const head = `| ${TABLE_HEADERS.join(" | ")} |`;
  const sep = `|${TABLE_HEADERS.map(() => "---").join("|")}|`;
  const body = rows.map((r) => `| ${cells(r).map(escapeCell).join(" | ")} |`);
  return [head, sep, ...body].join("\n");
}
