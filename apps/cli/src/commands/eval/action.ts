import { resolve } from "node:path";
import { estimateNoteCost, evaluateNotes, porterStem, type EvalInput, type EvaluateOptions } from "@org/soap-core/eval";
import { z } from "zod";
import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import type { Settings } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { UsageError, VisitsFailedError } from "../../errors/cli-errors.js";
import { writeFileAtomic } from "../../io/fs-durable.js";
import { loadDataset, type EvalDataset } from "./dataset.js";
import { generateNotes, type GenerationFailure } from "./generate.js";
import { loadPriceTable } from "./price-table.js";
import { loadPredictions } from "./predictions.js";
import { reportSummary, writeReportFiles } from "./report-files.js";
import { sampleDataset } from "./sample-dataset.js";

const whole = (what: string, min: number, max: number) =>
  z.coerce.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);

const optionsSchema = z.object({
  template: z.array(z.string().min(1)).default([]),
  predictions: z.array(z.string().min(1)).default([]),
  out: z.string().min(1).default("soap-notes-eval"),
  seed: whole("--seed", 0, 2 ** 32 - 1).default(42),
  resamples: whole("--resamples", 100, 100_000).default(2000),
  limit: whole("--limit", 1, 1_000_000).optional(),
  baseline: z.string().min(1).optional(),
  stem: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
});

function parseOptions(options: Record<string, unknown>): z.infer<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid options");
  return parsed.data;
}

/** Runs `build`; core's RangeError (a baseline that is no arm) is a usage error. */
export function reportOrUsageError<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message.startsWith("baseline") ? `--baseline: ${err.message}` : err.message, { cause: err });
    throw err;
  }
}

/** The estimate `eval --dry-run` prints: per template, the notes it would write and what they may cost. */
async function printDryRun(ctx: CliContext, settings: Settings, dataset: EvalDataset, templates: readonly (string | undefined)[], prices: EvaluateOptions["prices"], json: boolean): Promise<void> {
  const arms = [];
  for (const t of templates) {
    let requests = 0;
    let input = 0;
    let output = 0;
    let cost: number | null = 0;
    let ref = "";
    let model = "";
    for (const v of dataset.visits) {
      const plan = await planFor(settings, v.id, t);
      ref = plan.template.ref;
      model = plan.model;
      const text = v.input?.kind === "transcript_text" ? v.input.text : null;
      const e = estimateNoteCost(plan.template.ref, text, plan.model, prices);
      requests += e.requests;
      input += e.input_tokens;
      output += e.max_output_tokens;
      cost = cost === null || e.max_cost === null ? null : cost + e.max_cost;
    }
    arms.push({ template: ref, model, notes: dataset.visits.length, requests, input_tokens: input, max_output_tokens: output, max_cost: cost });
  }
  const currency = prices?.currency ?? null;
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ dry_run: true, command: "eval", sent: false, dataset: dataset.name, currency, arms }, null, 2)}\n`);
    return;
  }
  const lines = [`soap-notes eval --dry-run: nothing was sent. ${dataset.visits.length} visits of ${dataset.name}, ${arms.length} arm${arms.length === 1 ? "" : "s"}:`];
  for (const a of arms) {
    const money = a.max_cost === null ? (currency === null ? "no price table (--prices)" : `no price for ${a.model} in the table`) : `at most ${a.max_cost.toFixed(4)} ${currency}`;
    lines.push(`  ${a.template} (${a.model}): ${a.notes} notes, ${a.requests} requests, ~${a.input_tokens} input tokens, ≤${a.max_output_tokens} output tokens; ${money}`);
  }
  lines.push("Input tokens are estimated at 4 characters per token; output is bounded by each request's max_tokens.");
  ctx.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * `eval [dataset]`: writes notes for every visit of the dataset with each `--template` (or scores
 * `--predictions` that already exist), scores them against the reference notes, and writes the
 * report (JSON, Markdown, HTML) to `--out`.
 */
export async function runEval(ctx: CliContext, datasetPath: string | undefined, options: Record<string, unknown>): Promise<void> {
  const o = parseOptions(options);
  const settings = await loadSettings(ctx, { ...options, template: undefined, format: undefined });
  const prices = await loadPriceTable(options["prices"], settings, ctx.cwd);
  const dataset = datasetPath !== undefined ? await loadDataset(resolve(ctx.cwd, datasetPath)) : await sampleDataset();
  if (o.limit !== undefined) dataset.visits = dataset.visits.slice(0, o.limit);
  const references = new Map(dataset.visits.flatMap((v) => (v.reference !== undefined ? [[v.id, v.reference] as const] : [])));
  const outDir = resolve(ctx.cwd, o.out);
  const log = (line: string) => {
    if (settings.verbosity !== "quiet") ctx.stderr.write(`${line}\n`);
  };
  const generate = o.template.length > 0 || o.predictions.length === 0;
  const templates: (string | undefined)[] = o.template.length > 0 ? o.template : [undefined];
  for (const t of o.template) await planFor(settings, "check", t);
  if (o.dryRun) {
    if (!generate) throw new UsageError("--dry-run estimates the cost of writing notes; with only --predictions nothing would be sent (leave --dry-run out)");
    return printDryRun(ctx, settings, dataset, templates, prices, o.json);
  }
  const inputs: EvalInput[] = [];
  for (const spec of o.predictions) {
    const p = await loadPredictions(spec, ctx.cwd);
    const unknown = p.items.filter((i) => !references.has(i.id));
    if (unknown.length === p.items.length && references.size > 0) {
      throw new UsageError(`--predictions ${p.source}: none of its ids is in ${dataset.name} (first: ${unknown[0]?.id}); check that both use the same ids (ACI-BENCH's are encounter ids such as D2N068)`);
    }
    for (const item of p.items) {
      const reference = references.get(item.id);
      inputs.push({ ...item, ...(reference !== undefined ? { reference } : {}) });
    }
  }
  let failed = 0;
  const failures: GenerationFailure[] = [];
  if (generate) {
    log(`soap-notes eval: writing ${dataset.visits.length * templates.length} notes (${dataset.visits.length} visits × ${templates.length} template${templates.length === 1 ? "" : "s"})…`);
    const generated = await generateNotes(ctx, settings, dataset.visits, templates, outDir, log);
    failed = generated.failures.length;
    failures.push(...generated.failures);
    inputs.push(...generated.inputs);
  }
  if (inputs.length === 0) throw new VisitsFailedError(failed, failed);
  if (failed > 0) await writeFileAtomic(resolve(outDir, "failures.jsonl"), `${failures.map((f) => JSON.stringify(f)).join("\n")}\n`);
  const report = reportOrUsageError(() => evaluateNotes(inputs, {
    title: `Evaluation on ${dataset.name}`,
    ...(dataset.attribution !== undefined ? { attribution: dataset.attribution } : {}),
    seed: o.seed,
    resamples: o.resamples,
    ...(o.stem ? { stemmer: porterStem } : {}),
    ...(prices !== undefined ? { prices } : {}),
    ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
  }));
  const files = await writeReportFiles(outDir, report);
  if (o.json) ctx.stdout.write(`${JSON.stringify({ files, arms: report.arms.map((a) => ({ arm: a.arm, notes: a.notes })), verdicts: report.comparisons.map((c) => c.headline), failed }, null, 2)}\n`);
  else ctx.stdout.write(`${reportSummary(report, files)}\n`);
  if (failed > 0) throw new VisitsFailedError(failed, dataset.visits.length * templates.length);
}
