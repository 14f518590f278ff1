import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { planFor } from "../../config/plan.js";
import type { Settings } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";
import { probeCreate } from "../../io/output-target.js";
import { alignRows, describeTarget, planJson, planRows, targetJson } from "../../terminal/plan-view.js";
import { originConflict, outputFiles, replacesSandboxNote } from "./batch-runner.js";
import { parseLedger, reduceLedger, type VisitState } from "./ledger-format.js";
import { LEDGER_FILE } from "./ledger.js";
import type { VisitSource, VisitSpec } from "./manifest.js";
import { SUMMARY_FILE } from "./summary-file.js";
import { DEFAULT_MAX_REQUESTS_PER_5_MIN, visitsInFlightFor } from "@org/soap-core/visit";
import { estimateNoteCost, type PriceTable } from "@org/soap-core/eval";
import { readTranscriptFile } from "../../io/visit-input.js";

/** Visits listed one per line by the text output; `--json` lists them all. */
const TEXT_LIST_LIMIT = 20;

async function kindOf(path: string): Promise<"dir" | "file" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new UsageError(`--out: cannot look at ${path} (${code ?? "error"}); check the path and its permissions; nothing was sent`, { cause: err });
  }
}

/**
 * Checks, creating nothing, that the output folder could be used: it is a folder (or can be created
 * under its nearest existing parent), and a file can be created there (a probe file is created and
 * removed at once). Returns whether it exists.
 * @throws {UsageError} naming the path, the problem and the fix.
 */
export async function checkOutFolderDry(outDir: string): Promise<boolean> {
  let at = outDir;
  for (;;) {
    const kind = await kindOf(at);
    if (kind === "file") throw new UsageError(`--out: ${at} is a file, not a folder, so ${outDir} cannot be the output folder; move the file or choose another --out; nothing was sent`);
    if (kind === "dir") break;
    if (dirname(at) === at) throw new UsageError(`--out: cannot create ${outDir}: no part of the path exists; nothing was sent`);
    at = dirname(at);
  }
  const refused = await probeCreate(at, "soap-notes");
  if (refused !== undefined) {
    const what = at === outDir ? `cannot write in ${outDir}` : `cannot create ${outDir} in ${at}`;
    throw new UsageError(`--out: ${what} (${refused.code ?? "error"}); choose a folder you can write to; nothing was sent`, { cause: refused.error });
  }
  return at === outDir;
}

/** What the ledger of `outDir` recorded, read without repairing or locking anything. */
async function ledgerStates(outDir: string): Promise<Map<string, VisitState>> {
  let text: string;
  try {
    text = await readFile(join(outDir, LEDGER_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw new UsageError(`--out: cannot read the ledger ${join(outDir, LEDGER_FILE)} (${(err as NodeJS.ErrnoException).code ?? "error"}); nothing was sent`, { cause: err });
  }
  return reduceLedger(parseLedger(text).events);
}

function sourceJson(s: VisitSource): Record<string, unknown> {
  switch (s.kind) {
    case "audio_file":
      return { kind: s.kind, path: s.path };
    case "audio_url":
      return { kind: s.kind, url: s.url };
    case "transcript_id":
      return { kind: s.kind, transcript_id: s.transcriptId };
    case "transcript_file":
      return { kind: s.kind, path: s.path };
  }
}

function sourceText(s: VisitSource): string {
  switch (s.kind) {
    case "audio_file":
      return s.path;
    case "audio_url":
      return s.url;
    case "transcript_id":
      return `transcript ${s.transcriptId}`;
    case "transcript_file":
      return s.path;
  }
}

/** What a batch may cost, from the user's price table: the sum of core's per-note estimates. */
export interface BatchCostEstimate {
  currency: string;
  requests: number;
  input_tokens: number;
  max_output_tokens: number;
  /** Upper bound (every request writes its max_tokens); `null` when a model has no price in the table. */
  max_cost: number | null;
  /** Visits whose transcript is not known before the run (audio, transcript ids): their estimate covers the prompts only. */
  transcript_unknown: number;
  /** Models without a price in the table. */
  unpriced_models: string[];
}

async function transcriptTextOf(v: VisitSpec): Promise<string | null> {
  if (v.source.kind !== "transcript_file") return null;
  const content = await readTranscriptFile(v.source.path);
  return content.kind === "transcript_text" ? content.text : (content.transcript.text ?? null);
}

/** Sums core's estimate of every visit to run: text dialogues with their text, other inputs with the prompts only. */
async function estimateBatchCost(visits: readonly { spec: VisitSpec; template: string; model: string }[], prices: PriceTable): Promise<BatchCostEstimate> {
  const out: BatchCostEstimate = { currency: prices.currency, requests: 0, input_tokens: 0, max_output_tokens: 0, max_cost: 0, transcript_unknown: 0, unpriced_models: [] };
  for (const v of visits) {
    const text = await transcriptTextOf(v.spec);
    if (text === null) out.transcript_unknown++;
    const e = estimateNoteCost(v.template, text, v.model, prices);
    out.requests += e.requests;
    out.input_tokens += e.input_tokens;
    out.max_output_tokens += e.max_output_tokens;
    if (e.max_cost === null) {
      if (!out.unpriced_models.includes(v.model)) out.unpriced_models.push(v.model);
      out.max_cost = null;
    } else if (out.max_cost !== null) out.max_cost += e.max_cost;
  }
  return out;
}

function costText(e: BatchCostEstimate): string {
  const money = e.max_cost !== null ? `at most ${e.max_cost.toFixed(4)} ${e.currency}` : `unknown: no price for ${e.unpriced_models.join(", ")} in the price table`;
  const unknown = e.transcript_unknown > 0 ? `; ${e.transcript_unknown} visit${e.transcript_unknown === 1 ? "'s" : "s'"} transcript unknown before transcription (prompts only)` : "";
  return `${money} (${e.requests} requests, ~${e.input_tokens} input tokens at 4 characters per token, ≤${e.max_output_tokens} output tokens${unknown})`;
}

/**
 * `batch --dry-run`: once every check of a real run passed (inputs, templates, text rows, config,
 * key), checks the output folder and its ledger without writing, plans every visit, and prints
 * what a real run would do (text, or one JSON object with `--json`). Sends nothing.
 * @throws {UsageError} for an output folder a real run could not use, or one holding notes of another origin.
 */
export async function printBatchDryRun(ctx: CliContext, settings: Settings, visits: readonly VisitSpec[], outDir: string, origin: string, prices?: PriceTable): Promise<void> {
  const exists = await checkOutFolderDry(outDir);
  const states = exists ? await ledgerStates(outDir) : new Map<string, VisitState>();
  const conflict = originConflict(states.values(), origin, outDir);
  if (conflict !== undefined) throw new UsageError(conflict);
  const rows = [];
  const models: string[] = [];
  const templates = new Map<string, number>();
  let first;
  for (const v of visits) {
    const plan = planJson(await planFor(settings, v.id, v.template, undefined, v.deidentified));
    first ??= plan;
    models.push(plan.model);
    const ref = `${plan.template.ref} ${plan.template.hash}`;
    templates.set(ref, (templates.get(ref) ?? 0) + 1);
    const state = states.get(v.id);
    const action = state?.done ? (replacesSandboxNote(state, origin) ? "replace" : "skip") : "run";
    rows.push({
      id: v.id,
      line: v.line ?? null,
      input: sourceJson(v.source),
      template: plan.template,
      experiment: plan.experiment,
      variant: plan.variant,
      action,
      outputs: outputFiles(outDir, v.id, settings.formats).map((f) => f.path),
    });
  }
  const toRun = rows.filter((r) => r.action !== "skip").length;
  const costed = rows.flatMap((r, i) => (r.action === "skip" ? [] : [{ spec: visits[i] as VisitSpec, template: r.template.ref, model: models[i] as string }]));
  const cost = prices !== undefined ? await estimateBatchCost(costed, prices) : undefined;
  const target = targetJson(settings, ctx.env);
  if (settings.json) {
    const out = {
      dry_run: true,
      command: "batch",
      sent: false,
      target,
      plan: first ?? null,
      out_dir: outDir,
      out_dir_exists: exists,
      formats: settings.formats,
      concurrency: settings.concurrency,
      max_requests_per_5min: settings.maxRequestsPer5Min ?? DEFAULT_MAX_REQUESTS_PER_5_MIN,
      delete_after: settings.deleteAfter,
      files: { ledger: join(outDir, LEDGER_FILE), failures: join(outDir, "failures.jsonl"), summary: join(outDir, SUMMARY_FILE) },
      counts: { total: rows.length, to_run: toRun, already_done: rows.length - toRun },
      templates: Object.fromEntries(templates),
      ...(cost !== undefined ? { cost_estimate: cost } : {}),
      visits: rows,
    };
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines = [
    `soap-notes batch --dry-run: every check passed; nothing was sent or written. A real run would process ${toRun} of ${rows.length} visits (${rows.length - toRun} already done):`,
    ...alignRows([
      ["send to", describeTarget(target)],
      ...(first ? planRows(first) : []),
      ["templates", [...templates].map(([ref, n]) => `${ref} × ${n}`).join("; ")],
      ["output folder", `${outDir}${exists ? "" : " (created by the run)"}: ${settings.formats.join(", ")} per visit, ledger, failures.jsonl, ${SUMMARY_FILE}`],
      ["concurrency", `${settings.concurrency} requests per stage, up to ${visitsInFlightFor(settings.concurrency)} visits in progress`],
      ["request budget", `at most ${settings.maxRequestsPer5Min ?? DEFAULT_MAX_REQUESTS_PER_5_MIN} requests in any 5 minutes`],
      ["delete after", settings.deleteAfter ? "yes" : "no"],
      ...(cost !== undefined ? [["cost estimate", costText(cost)] as [string, string]] : []),
    ]),
    "  visits:",
    ...rows.slice(0, TEXT_LIST_LIMIT).map((r, i) => `    ${r.action.padEnd(7)} ${r.id}  ${sourceText((visits[i] as VisitSpec).source)}  ${r.template.ref}`),
    ...(rows.length > TEXT_LIST_LIMIT ? [`    … and ${rows.length - TEXT_LIST_LIMIT} more (--json lists them all)`] : []),
  ];
  ctx.stdout.write(`${lines.join("\n")}\n`);
}
