import { describe, expect, it } from "vitest";
import { buildReport } from "./report.js";
import { reportHtml } from "./render-html.js";
import { reportMarkdown } from "./render-markdown.js";
import type { NoteResult } from "./score-note.js";

const EVIL = 'x|<script>alert("1")</script>*';

function report() {
  const notes: NoteResult[] = [];
  for (let i = 0; i < 6; i++) {
    for (const [arm, bump] of [["a@1", 0], [EVIL, 0.1]] as const) {
      notes.push({
        id: `visit-${i}`,
        arm,
        model: "m",
        metrics: { rouge1: 0.4 + bump, rougeL: 0.3 + bump + i / 100, "subjective.rougeL": 0.35 + bump, "plan.rougeL": 0.2, verified_share: 0.9, output_tokens: 300 + i, cost: 0.01 + bump / 10 },
      });
    }
  }
  return buildReport(notes, { seed: 2, title: "Eval <1>", attribution: "ACI-BENCH (CC BY 4.0)", prices: { currency: "USD", models: {} } });
}

describe("reportMarkdown", () => {
  it("leads with the verdict and escapes arm names in tables", () => {
    const md = reportMarkdown(report());
    expect(md).toContain("## Verdict");
    expect(md).toContain("Data: ACI-BENCH (CC BY 4.0)");
    expect(md).toMatch(/scores higher than a@1 on ROUGE-L F1/);
    expect(md).not.toContain("<script>");
    expect(md).toContain("x\\|\\<script\\>");
    expect(md).toContain("| ROUGE-L F1 | 0.325 [");
  });
});

describe("reportHtml", () => {
  const html = reportHtml(report());

  it("is self-contained: no script, no external resource", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain("&lt;script&gt;");
    expect(html.startsWith("<!doctype html>")).toBe(true);
  });

  it("draws both charts with titles and descriptions, and keeps the numbers in tables", () => {
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<title id="chart-sections-title">Per-section ROUGE-L F1 by arm</title>');
    expect(html).toContain('<desc id="chart-cost-desc">');
    expect(html).toContain("cost per note (USD)");
    expect(html).toContain("<caption>Per-section ROUGE F1</caption>");
    // One bar per arm and section with a value (subjective and plan here).
    expect(html.match(/<rect x="\d+" y="[\d.]+" width="20"/g)).toHaveLength(4);
  });
});
