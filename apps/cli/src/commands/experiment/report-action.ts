import { resolve } from "node:path";
import { experimentReport, porterStem } from "@org/soap-core/eval";
import { z } from "zod";
import { loadSettings } from "../../config/load-settings.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";
import { reportOrUsageError } from "../eval/action.js";
import { loadDataset } from "../eval/dataset.js";
import { readNoteFolder } from "../eval/notes-folder.js";
import { loadPriceTable } from "../eval/price-table.js";
import { reportSummary, writeReportFiles } from "../eval/report-files.js";

const whole = (what: string, min: number, max: number) =>
  z.coerce.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

const optionsSchema = z.object({
  references: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  seed: whole("--seed", 0, 2 ** 32 - 1).default(42),
  resamples: whole("--resamples", 100, 100_000).default(2000),
  baseline: z.string().min(1).optional(),
  stem: z.boolean().default(false),
  json: z.boolean().default(false),
});

/** Folder of the report inside a batch's output folder (`_` keeps it apart from `<id>.json` notes). */
export const REPORT_FOLDER = "_report";

/**
 * `experiment report <batch-out>`: the notes of a batch grouped by arm (template, and variant when
 * an experiment chose it), evidence-based metrics always, ROUGE where `--references` has the visit,
 * cost from the price table, paired differences with bootstrap intervals and a verdict; written
 * as JSON, Markdown and HTML to `<batch-out>/_report` (or `--out`).
 */
export async function runExperimentReport(ctx: CliContext, batchOut: string, options: Record<string, unknown>): Promise<void> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid options");
  const o = parsed.data;
  const settings = await loadSettings(ctx, { config: options["config"], sandbox: true });
  const prices = await loadPriceTable(options["prices"], settings, ctx.cwd);
  const dir = resolve(ctx.cwd, batchOut);
  const notes = await readNoteFolder(dir);
  let references: Record<string, string> | undefined;
  let attribution: string | undefined;
  if (o.references !== undefined) {
    const dataset = await loadDataset(resolve(ctx.cwd, o.references));
    references = Object.fromEntries(dataset.visits.flatMap((v) => (v.reference !== undefined ? [[v.id, v.reference]] : [])));
    attribution = dataset.attribution;
    if (!notes.some((n) => references?.[n.id] !== undefined)) {
      throw new UsageError(`--references ${o.references}: no visit of ${dir} has a reference there (first note: ${notes[0]?.id}); the ids must match the batch's visit ids`);
    }
  }
  const report = reportOrUsageError(() =>
    experimentReport(
      notes.map((n) => ({ id: n.id, note: n.note })),
      {
        title: `Experiment report: ${batchOut}`,
        seed: o.seed,
        resamples: o.resamples,
        ...(references !== undefined ? { references } : {}),
        ...(attribution !== undefined ? { attribution } : {}),
        ...(o.stem ? { stemmer: porterStem } : {}),
        ...(prices !== undefined ? { prices } : {}),
        ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
      },
    ),
  );
  const files = await writeReportFiles(resolve(ctx.cwd, o.out ?? resolve(dir, REPORT_FOLDER)), report);
  if (o.json) ctx.stdout.write(`${JSON.stringify({ files, arms: report.arms.map((a) => ({ arm: a.arm, notes: a.notes })), verdicts: report.comparisons.map((c) => c.headline) }, null, 2)}\n`);
  else ctx.stdout.write(`${reportSummary(report, files)}\n`);
}
