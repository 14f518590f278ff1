import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import { createRuntime } from "../../config/runtime.js";
import type { Settings } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { AuthError, InputError, InterruptedError, UsageError, VisitsFailedError } from "../../errors/cli-errors.js";
import { TEXT_REFUSAL } from "../../errors/describe-error.js";
import { removeStaleTempFiles, writeFileAtomic } from "../../io/fs-durable.js";
import { prepareOutputFolder } from "../../io/out-folder.js";
import { readAll } from "../../io/read-stream.js";
import { checkAudioFile, readTranscriptFile } from "../../io/visit-input.js";
import { canRedraw, colorEnabled } from "../../terminal/color.js";
import { heartbeatMs } from "../../terminal/heartbeat.js";
import { emptyCounts } from "../../terminal/progress-format.js";
import { createProgressReporter, progressMode } from "../../terminal/progress-reporter.js";
import { type BatchOutcome, originConflict, runBatch as runVisits } from "./batch-runner.js";
import { LEDGER_FILE, Ledger } from "./ledger.js";
import { ManifestError, parseCsvManifest, parseJsonlManifest, type VisitSpec, visitsFromFolder } from "./manifest.js";
import { unreachableError } from "./failure.js";
import { lockOutputFolder } from "./out-lock.js";
import { batchConnections, batchScheduler } from "./batch-scheduler.js";
import { printBatchDryRun } from "./dry-run.js";
import { loadPriceTable } from "../eval/price-table.js";
import { batchSummaryReport, writeSummaryFile } from "./summary-file.js";
import { checkRemoteRows, remoteNoteOptions, remoteTarget, type RemoteTarget } from "../../remote/remote-settings.js";
import type { RemoteRun } from "../../remote/remote-run.js";
import { UnredactedTextError } from "@org/soap-core/errors";
import { checkTextInput, forEachWithLimit } from "@org/soap-core/visit";

/** File name of the failures report in the output folder. */
export const FAILURES_FILE = "failures.jsonl";

function manifestError(err: unknown): never {
  if (err instanceof ManifestError) throw new InputError(err.message, { cause: err });
  throw err;
}

/** Reads the visits of a folder, a .csv / .jsonl manifest, or `-` (a manifest on stdin). */
export async function readVisits(ctx: CliContext, input: string): Promise<VisitSpec[]> {
  try {
    if (input === "-") {
      const text = new TextDecoder().decode(await readAll(ctx.stdin));
      if (text.trim() === "") throw new InputError("no manifest on stdin (give CSV with a header row, or JSON lines)");
      return text.trimStart().startsWith("{") ? parseJsonlManifest(text, ctx.cwd) : parseCsvManifest(text, ctx.cwd);
    }
    const path = resolve(ctx.cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(`batch input not found: ${path} (give a folder of audio files, a manifest.csv, a manifest.jsonl, or -)`);
    }
    if (info.isDirectory()) {
      const visits = visitsFromFolder(path, await readdir(path));
      if (visits.length === 0) throw new InputError(`no audio files in ${path} (looked for .mp3, .wav, .m4a, .ogg, .flac, .webm…)`);
      return visits;
    }
    const ext = extname(path).toLowerCase();
    const text = await readFile(path, "utf8");
    if (ext === ".csv") return parseCsvManifest(text, dirname(path));
    if (ext === ".jsonl" || ext === ".ndjson") return parseJsonlManifest(text, dirname(path));
    throw new InputError(`cannot tell what ${path} is: a batch takes a folder, a .csv or .jsonl manifest, or - (for one recording use \`soap-notes note\`)`);
  } catch (err) {
    return manifestError(err);
  }
}

/**
 * Checks every local input before anything is uploaded or billed; one line for the first problem.
 * Returns the rows whose file is a text dialogue (core's text rule applies to them).
 */
async function preflight(visits: readonly VisitSpec[]): Promise<VisitSpec[]> {
  const problems: { line: number; message: string }[] = [];
  const dialogues: VisitSpec[] = [];
  await forEachWithLimit(visits, 16, async (v) => {
    if (v.source.kind === "audio_file") {
      try {
        await checkAudioFile(v.source.path);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        problems.push({ line: v.line ?? 0, message: v.line !== undefined ? `manifest line ${v.line}: ${err.message}` : err.message });
      }
    } else if (v.source.kind === "transcript_file") {
      // Read and checked in full (text files are small): audio, prose or a bad JSON fail here, not per visit.
      try {
        if ((await readTranscriptFile(v.source.path)).kind === "transcript_text") dialogues.push(v);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        problems.push({ line: v.line ?? 0, message: v.line !== undefined ? `manifest line ${v.line}: ${err.message}` : err.message });
      }
    }
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; nothing was sent)` : " (nothing was sent)";
    throw new InputError(`${problems[0]?.message}${more}`);
  }
  return dialogues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Core's rule for text dialogues, for every text row before anything is sent: on a real gateway a
 * row needs `--deidentified` (or its `deidentified` column) or `--no-redact`. One line naming the rows.
 */
async function checkTextRows(settings: Settings, dialogues: readonly VisitSpec[]): Promise<void> {
  const refused: VisitSpec[] = [];
  for (const v of dialogues) {
    try {
      checkTextInput(await planFor(settings, v.id, v.template, undefined, v.deidentified));
    } catch (err) {
      if (!(err instanceof UnredactedTextError)) throw err;
      refused.push(v);
    }
  }
  const first = refused[0];
  if (first === undefined) return;
  const where = first.line !== undefined ? `manifest line ${first.line}` : first.id;
  const more = refused.length > 1 ? ` (and ${refused.length - 1} more text rows)` : "";
  throw new InputError(`${where}${more}: ${TEXT_REFUSAL}; a manifest row can also state it in a deidentified column`);
}

/** Resolves `--template` and every row's template before anything is written or sent (exit 2, not a failure per visit). */
async function checkTemplates(settings: Settings, visits: readonly VisitSpec[]): Promise<void> {
  if (settings.templateExplicit) await planFor(settings, "check");
  const seen = new Set<string>();
  for (const v of visits) {
    if (v.template === undefined || seen.has(v.template)) continue;
    seen.add(v.template);
    try {
      await planFor(settings, v.id, v.template);
    } catch (err) {
      if (err instanceof UsageError && v.line !== undefined) throw new InputError(`manifest line ${v.line}: ${err.message}`, { cause: err });
      throw err;
    }
  }
}

function originOf(settings: Settings, mode: "api" | "sandbox"): string {
  if (mode === "sandbox") return "sandbox";
  return settings.baseUrl ?? `assemblyai:${settings.region}`;
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

async function writeFailures(outDir: string, outcome: BatchOutcome): Promise<void> {
  const text = outcome.failures.map((f) => JSON.stringify(f)).join("\n");
  await writeFileAtomic(resolve(outDir, FAILURES_FILE), text === "" ? "" : `${text}\n`);
}

/** `batch <input>`. */
export async function runBatch(ctx: CliContext, input: string, options: Record<string, unknown>): Promise<void> {
  // --api: the key comes from the environment only; both are checked before anything is read.
  const remote = options["api"] !== undefined || options["apiKey"] !== undefined ? remoteTarget(options["api"], ctx.env, options["apiKey"]) : undefined;
  const settings = await loadSettings(ctx, options);
  const visits = await readVisits(ctx, input);
  if (remote !== undefined) {
    checkRemoteRows(visits);
    remoteNoteOptions(settings, options);
  }
  const dialogues = await preflight(visits);
  // With --api, templates are the deployment's: it answers 400 unknown_template per visit.
  if (remote === undefined) await checkTemplates(settings, visits);
  await checkTextRows(settings, dialogues);
  const heartbeat = heartbeatMs(ctx.env);
  const outDir = resolve(ctx.cwd, (options["out"] as string | undefined) ?? "soap-notes-output");
  // --dry-run: everything above was checked as a real run checks it; print the plan, create and send nothing.
  if (options["dryRun"] === true) {
    const prices = await loadPriceTable(options["prices"], settings, ctx.cwd);
    return printBatchDryRun(ctx, settings, visits, outDir, remote?.origin ?? originOf(settings, settings.sandbox ? "sandbox" : "api"), prices);
  }
  if (options["prices"] !== undefined) throw new UsageError("--prices only prices a --dry-run (a run records each note's real token usage); add --dry-run, or use `soap-notes experiment report --prices` after the run");
  // Created and proven writable before anything is sent (exit 2 with the path, the reason and the fix).
  await prepareOutputFolder(outDir);
  const unlock = await lockOutputFolder(outDir);
  try {
    await runLocked(ctx, settings, visits, outDir, heartbeat, remote === undefined ? undefined : { target: remote, flags: options });
  } finally {
    await unlock();
  }
}

async function runLocked(
  ctx: CliContext,
  settings: Settings,
  visits: VisitSpec[],
  outDir: string,
  heartbeat: number,
  remote?: { target: RemoteTarget; flags: Record<string, unknown> },
): Promise<void> {
  await removeStaleTempFiles(outDir);
  const ledger = await Ledger.open(resolve(outDir, LEDGER_FILE));
  const mode = progressMode({ json: settings.json, quiet: settings.verbosity === "quiet", canRedraw: canRedraw(ctx.stderr, ctx.env) });
  const reporter = await createProgressReporter({
    sink: ctx.stderr,
    mode,
    counts: emptyCounts(visits.length, Date.now()),
    color: mode !== "json" && colorEnabled(ctx.stderr, ctx.env),
    verbose: settings.verbosity === "verbose",
    heartbeatMs: heartbeat,
  });
  for (const w of ledger.warnings) reporter.notice(`warning: ${w}`);
  let runtime;
  const scheduler = batchScheduler(settings);
  const abort = new AbortController();
  let remoteRun: RemoteRun | undefined;
  try {
    const conflict = originConflict(ledger.states.values(), remote?.target.origin ?? originOf(settings, settings.sandbox ? "sandbox" : "api"), outDir);
    if (conflict !== undefined) throw new UsageError(conflict);
    if (remote === undefined) {
      runtime = await createRuntime(settings, ctx, batchConnections(scheduler), scheduler);
    } else {
      const { createRemoteRun } = await import("../../remote/remote-run.js");
      remoteRun = await createRemoteRun(ctx, remote.target, {
        ledger,
        options: remoteNoteOptions(settings, remote.flags),
        concurrency: settings.concurrency,
        signal: abort.signal,
        timeoutMs: settings.timeoutMs,
        verbose: (line) => {
          if (settings.verbosity === "verbose") reporter.notice(line);
        },
      });
    }
  } catch (err) {
    await ledger.close();
    throw err;
  }
  const origin = remote?.target.origin ?? originOf(settings, runtime?.mode ?? "api");
  const resumeHint = `soap-notes ${ctx.argv.map(shellQuote).join(" ")}`;
  const offInterrupt = ctx.onInterrupt(() => {
    if (!abort.signal.aborted) reporter.notice("stopping: no new visits start; in-flight ones are stopped at their last checkpoint…");
    abort.abort(new InterruptedError("interrupted"));
  });
  const startedAt = Date.now();
  let outcome: BatchOutcome;
  try {
    reporter.start();
    outcome = await runVisits({
      visits,
      outDir,
      formats: settings.formats,
      ledger,
      ...(runtime !== undefined ? { runtime } : {}),
      ...(remoteRun !== undefined ? { remote: remoteRun.visit } : {}),
      origin,
      settings,
      reporter,
      signal: abort.signal,
      concurrency: settings.concurrency,
      // Remote: a visit in progress is a note at the API, which counts them against the tenant's in-flight cap;
      // `--concurrency` of them at once, so that a batch sized to the cap is never refused for it.
      visitsInFlight: remoteRun !== undefined ? settings.concurrency : scheduler.visitsInFlight,
      transcriptionSlots: scheduler.transcriptionSlots,
    });
    await writeFailures(outDir, outcome);
  } finally {
    offInterrupt();
    reporter.stop();
    await ledger.close();
    await runtime?.close();
    await remoteRun?.close();
  }
  const finishedAt = new Date();
  const counts = {
    total: visits.length,
    done: outcome.done,
    failed: outcome.failed,
    skipped: outcome.skipped,
    audio_minutes: reporter.counts.audioMs / 60_000,
    tokens: reporter.counts.tokens,
    wall_ms: finishedAt.getTime() - startedAt,
    out_dir: outDir,
    interrupted: outcome.interrupted,
  };
  // The summary file the README documents, written atomically whatever the outcome (an interrupted run's counts too).
  const report = batchSummaryReport({
    counts,
    startedAt: new Date(startedAt),
    finishedAt,
    sandbox: remote === undefined && (runtime?.mode === "sandbox" || settings.overrides.environment === "sandbox"),
    origin,
    stoppedBy: outcome.authError !== undefined ? "auth" : outcome.networkError !== undefined ? "network" : outcome.interrupted ? "interrupt" : null,
    visitMs: reporter.visitMs,
    failures: outcome.failures,
  });
  const summaryPath = await writeSummaryFile(outDir, report);
  reporter.summary(counts, summaryPath);
  if (settings.json) ctx.stdout.write(`${JSON.stringify(report)}\n`);
  if (outcome.authError !== undefined && remote !== undefined) {
    throw new AuthError("the soap-notes API refused the key (401/403): check SOAP_NOTES_API_KEY (a key of your tenant, not revoked or expired); the batch stopped, re-run the same command to resume", { cause: outcome.authError });
  }
  if (outcome.authError !== undefined) {
    throw new AuthError("AssemblyAI rejected the API key (401/403): check ASSEMBLYAI_API_KEY (and --region); the batch stopped, re-run the same command to resume", { cause: outcome.authError });
  }
  if (outcome.networkError !== undefined) throw unreachableError(outcome, resumeHint);
  if (outcome.interrupted) {
    if (settings.verbosity !== "quiet") ctx.stderr.write(`Interrupted. Progress is saved in ${resolve(outDir, LEDGER_FILE)}; to resume, run the same command again:\n  ${resumeHint}\n`);
    throw new InterruptedError("interrupted");
  }
  if (outcome.failed > 0) throw new VisitsFailedError(outcome.failed, visits.length);
}
