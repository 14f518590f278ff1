import { join } from "node:path";
import { reportHtml, reportMarkdown, type EvalReport } from "@org/soap-core/eval";
import { writeFileAtomic } from "../../io/fs-durable.js";
import { prepareOutputFolder } from "../../io/out-folder.js";

/** The three files of a report. */
export interface ReportFiles {
  json: string;
  markdown: string;
  html: string;
}

/** Writes `report.json`, `report.md` and `report.html` into `dir` (created if needed), each atomically. */
export async function writeReportFiles(dir: string, report: EvalReport, flag = "--out"): Promise<ReportFiles> {
  await prepareOutputFolder(dir, flag);
  const files = { json: join(dir, "report.json"), markdown: join(dir, "report.md"), html: join(dir, "report.html") };
  await writeFileAtomic(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(files.markdown, reportMarkdown(report));
  await writeFileAtomic(files.html, reportHtml(report));
  return files;
}

/** What a command prints when a report is written: its verdicts and where the files are. */
export function reportSummary(report: EvalReport, files: ReportFiles): string {
  const arms = report.arms.map((a) => {
    const p = a.metrics[report.primary_metric];
    return `  ${a.arm}: ${a.notes} notes${p ? `, ${report.primary_metric} ${p.mean.toFixed(3)} [${p.low.toFixed(3)}, ${p.high.toFixed(3)}]` : ""}`;
  });
  const verdicts = report.comparisons.map((c) => `  ${c.headline.text}`);
  return [...arms, ...(verdicts.length > 0 ? ["verdict:", ...verdicts] : []), `report: ${files.html}`, `        ${files.markdown}`, `        ${files.json}`].join("\n");
}
