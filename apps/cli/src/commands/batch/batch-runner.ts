import { setMaxListeners } from "node:events";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import type { CheckpointUpdate, TranscriptionSlots, VisitCheckpoint } from "@org/soap-core/visit";
import { planFor } from "../../config/plan.js";
import type { Runtime } from "../../config/runtime.js";
import type { NoteFormat, Settings } from "../../config/settings.js";
import { writeFileAtomic } from "../../io/fs-durable.js";
import { OUTPUT_EXTENSIONS, pageSources, renderOutput, type PageSources } from "../../io/render-output.js";
import { checkAudioFile, readTranscriptFile } from "../../io/visit-input.js";
import type { ProgressStage } from "../../terminal/progress-format.js";
import type { ProgressReporter } from "../../terminal/progress-reporter.js";
import { type CheckedVisitInput, runVisitDurably } from "../../visit/visit-runner.js";
import { CONNECTION_FAILURES_TO_STOP, describeFailure, type FailureInfo, isAuthFailure, isConnectionFailure } from "./failure.js";
import type { VisitState } from "./ledger-format.js";
import type { Ledger } from "./ledger.js";
import type { VisitSpec } from "./manifest.js";
import { forEachWithLimit, retentionDecision } from "@org/soap-core/visit";

/** One line of failures.jsonl. */
export interface FailureRecord extends FailureInfo {
  id: string;
  line?: number;
  stage: string;
  transcript_id?: string;
}

/** Options of {@link runBatch}. */
export interface BatchRunOptions {
  visits: readonly VisitSpec[];
  outDir: string;
  formats: readonly NoteFormat[];
  ledger: Ledger;
  /** Core's clients (unused, and absent, with {@link BatchRunOptions.remote}). */
  runtime?: Runtime;
  /** Where transcript ids of this run live (`sandbox` for the in-process one: never reusable). */
  origin: string;
  settings: Settings;
  reporter: ProgressReporter;
  /** Aborted by Ctrl-C: no new visits start, in-flight ones are aborted (their ids are recorded). */
  signal: AbortSignal;
  /** Requests in flight per stage (the scheduler's); sizes the abort signal's listeners. */
  concurrency: number;
  /** Visits in progress at once (core's `visitsInFlightFor(concurrency)` in a batch). @default concurrency */
  visitsInFlight?: number;
  /** Limit on transcriptions in progress (core's `BatchScheduler.transcriptionSlots`). @default none */
  transcriptionSlots?: TranscriptionSlots;
  now?: () => number;
  /**
   * `--api`: makes each visit's note at the edge API instead of with `runtime` (same ledger, resume,
   * outputs, failures and stop rules; no transcript to delete here: the API's retention applies).
   */
  remote?: (spec: VisitSpec, state: VisitState | undefined, onStage: (stage: ProgressStage) => void) => Promise<{ note: SoapNote }>;
}

/** What a batch run did. */
export interface BatchOutcome {
  done: number;
  failed: number;
  skipped: number;
  failures: FailureRecord[];
  interrupted: boolean;
  /** Set when the API refused the key: the batch stopped. */
  authError?: unknown;
  /**
   * Set when AssemblyAI could not be reached: {@link CONNECTION_FAILURES_TO_STOP} visits in a row
   * failed on the connection (the batch stopped), or every visit that ended did, none succeeding.
   * The last such error (a core `ConnectionError`).
   */
  networkError?: unknown;
  /** Visits of this run that failed without reaching AssemblyAI. */
  unreachable: number;
}

/** Output files of a visit, the canonical JSON first (it is what resume recovers from). */
export function outputFiles(outDir: string, id: string, formats: readonly NoteFormat[]): { format: NoteFormat; path: string }[] {
  const ordered: NoteFormat[] = ["json", ...formats.filter((f) => f !== "json")];
  return [...new Set(ordered)].map((format) => ({ format, path: join(outDir, `${id}${OUTPUT_EXTENSIONS[format]}`) }));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses to add notes to a folder whose finished notes came from another real origin (another
 * region or base URL), or to add sandbox notes to a folder of real ones: that would mix data
 * regions or pass demo notes off as real. Sandbox notes in a run against AssemblyAI are fine: they
 * are replaced (see {@link replacesSandboxNote}). Returns the problem as one line, or `undefined`.
 */
export function originConflict(states: Iterable<VisitState>, origin: string, outDir: string): string | undefined {
  for (const s of states) {
    if (s.done && s.origin !== undefined && s.origin !== origin && s.origin !== "sandbox") {
      const where = (o: string) => (o === "sandbox" ? "the local sandbox" : o.startsWith("assemblyai:") ? `AssemblyAI (${o.slice(11)})` : o);
      return `${outDir} holds notes made on ${where(s.origin)}, but this run uses ${where(origin)}; write to a new --out folder (or delete this one)`;
    }
  }
  return undefined;
}

/** A note the embedded sandbox made is demo output: a run against a real API writes it again. */
export function replacesSandboxNote(state: VisitState | undefined, origin: string): boolean {
  return state?.origin === "sandbox" && origin !== "sandbox";
}

/** Core's checkpoint of a visit from what the ledger recorded: only ids recorded against this same API origin. */
export function checkpointFrom(state: VisitState | undefined, origin: string): VisitCheckpoint | undefined {
  // In-process sandbox ids die with the process, and ids of another origin mean nothing here.
  if (!state || origin === "sandbox" || state.origin !== origin) return undefined;
  const c: VisitCheckpoint = {};
  if (state.transcriptId !== undefined) c.transcriptId = state.transcriptId;
  if (state.uploadUrl !== undefined) c.uploadUrl = state.uploadUrl;
  if (state.creatingAt !== undefined && state.transcriptId === undefined) {
    c.createSentAt = Date.parse(state.creatingAt);
    const audioUrl = state.audioUrl ?? state.uploadUrl;
    if (audioUrl !== undefined) c.audioUrl = audioUrl;
  }
  return c;
}

/** The ledger line of a checkpoint core reports (`transcribed` is not kept: the next step's line says it). */
function ledgerLine(visit: string, origin: string, u: CheckpointUpdate): Parameters<Ledger["append"]>[0] | undefined {
  switch (u.step) {
    case "uploaded":
      return { visit, stage: "uploaded", origin, upload_url: u.uploadUrl };
    case "creating":
      return { visit, stage: "creating", origin, audio_url: u.audioUrl, at: new Date(u.at).toISOString() };
    case "transcript_created":
      return { visit, stage: "transcript_created", origin, transcript_id: u.transcriptId };
    default:
      return undefined;
  }
}

async function checkedInput(spec: VisitSpec): Promise<CheckedVisitInput> {
  const s = spec.source;
  switch (s.kind) {
    case "audio_file":
      return { kind: "audio_file", file: await checkAudioFile(s.path) };
    case "audio_url":
      return { kind: "audio_url", url: s.url };
    case "transcript_id":
      return { kind: "transcript_id", transcriptId: s.transcriptId };
    case "transcript_file":
      return readTranscriptFile(s.path);
  }
}

/**
 * Runs a batch: each visit at most once to completion, with every checkpoint in the ledger before
 * the next step. Finished notes are skipped (never rewritten); notes whose JSON was written but not
 * recorded are recovered from it; permanent and transient faults fail that visit only; an auth
 * failure or Ctrl-C stops the batch.
 */
export async function runBatch(o: BatchRunOptions): Promise<BatchOutcome> {
  const now = o.now ?? Date.now;
  const stop = new AbortController();
  // Every in-flight request listens on this one signal (core adds a few per visit): not a leak.
  const inFlight = o.visitsInFlight ?? o.concurrency;
  setMaxListeners(Math.max(10, inFlight * 16), stop.signal);
  const onOuterAbort = (): void => stop.abort(o.signal.reason);
  o.signal.addEventListener("abort", onOuterAbort, { once: true });
  const outcome: BatchOutcome = { done: 0, failed: 0, skipped: 0, failures: [], interrupted: false, unreachable: 0 };
  const { ledger, reporter } = o;
  const origin = o.origin;
  // Visits that failed on the connection since the last one that got through (or failed otherwise).
  let unreachableInARow = 0;
  let lastConnectionError: unknown;
  const stoppedEarly = (): boolean => outcome.authError !== undefined || outcome.networkError !== undefined;

  const fail = async (spec: VisitSpec, stage: string, err: unknown): Promise<void> => {
    const info = describeFailure(err);
    const transcriptId = ledger.get(spec.id)?.transcriptId;
    await ledger.append({ visit: spec.id, stage: "failed", origin, error: info });
    outcome.failed++;
    if (isConnectionFailure(err)) {
      unreachableInARow++;
      outcome.unreachable++;
      lastConnectionError = err;
    } else {
      unreachableInARow = 0;
    }
    outcome.failures.push({ id: spec.id, ...(spec.line !== undefined ? { line: spec.line } : {}), stage, ...info, ...(transcriptId !== undefined ? { transcript_id: transcriptId } : {}) });
    reporter.failed(spec.id, `${info.name}: ${info.message}`);
  };

  const deleteAfter = async (spec: VisitSpec, transcriptId: string | undefined): Promise<void> => {
    // Core's retention rule (shared with the edge API): called once the note is written, so it is due at once.
    const retention = retentionDecision({ deleteAfterMs: o.settings.deleteAfter ? 0 : undefined }, { transcriptId, noteStoredAt: now() }, now());
    if (retention.action !== "delete" || o.runtime === undefined) return;
    try {
      await o.runtime.transcripts.delete(retention.transcriptId, { signal: stop.signal });
      await ledger.append({ visit: spec.id, stage: "deleted", origin, transcript_id: transcriptId });
    } catch (err) {
      if (stop.signal.aborted) return;
      const info = describeFailure(err);
      outcome.failures.push({ id: spec.id, stage: "delete", ...info, transcript_id: transcriptId });
      reporter.notice(`warning: ${spec.id}: the note is written but deleting transcript ${transcriptId} failed (${info.name}); run the command again to retry the deletion`);
    }
  };

  const writeOutputs = async (spec: VisitSpec, note: SoapNote, skipExisting: boolean, sources?: PageSources): Promise<string[]> => {
    const written: string[] = [];
    for (const f of outputFiles(o.outDir, spec.id, o.formats)) {
      if (!(skipExisting && (await exists(f.path)))) await writeFileAtomic(f.path, renderOutput(note, f.format, sources ?? pageSources(undefined, undefined), f.path));
      written.push(f.path);
    }
    return written;
  };

  const replacing = [...ledger.states.values()].filter((st) => st.done && replacesSandboxNote(st, origin)).length;
  if (replacing > 0) reporter.notice(`replacing ${replacing} note(s) made on the local sandbox with notes from ${origin}`);

  const processVisit = async (spec: VisitSpec): Promise<void> => {
    const started = now();
    const recorded = ledger.get(spec.id);
    // Sandbox output is never kept in a real run: start such a visit from scratch.
    const replace = replacesSandboxNote(recorded, origin);
    const state = replace ? undefined : recorded;
    if (state?.done) {
      reporter.skipped(spec.id);
      outcome.skipped++;
      if (o.remote === undefined && state.stage !== "deleted" && state.origin === origin && origin !== "sandbox") await deleteAfter(spec, state.transcriptId);
      return;
    }
    let stage = "prepare";
    try {
      const jsonPath = outputFiles(o.outDir, spec.id, o.formats)[0]?.path as string;
      if (!replace && (await exists(jsonPath))) {
        // The note was written before a crash, but not recorded: finish from it, never regenerate.
        reporter.stage(spec.id, "write");
        const note = SoapNote.parse(JSON.parse(await readFile(jsonPath, "utf8")));
        const outputs = await writeOutputs(spec, note, true);
        await ledger.append({ visit: spec.id, stage: "note_written", origin, outputs, tokens: note.provenance.usage.total_tokens });
        outcome.done++;
        unreachableInARow = 0;
        reporter.done(spec.id, { elapsedMs: now() - started, tokens: note.provenance.usage.total_tokens, recovered: true });
        if (o.remote === undefined) await deleteAfter(spec, state?.origin === origin ? state?.transcriptId : undefined);
        return;
      }
      if (o.remote !== undefined) {
        const { note } = await o.remote(spec, state, (s) => {
          stage = s;
          reporter.stage(spec.id, s);
        });
        stage = "write";
        const outputs = await writeOutputs(spec, note, false);
        const tokens = note.provenance.usage.total_tokens;
        await ledger.append({ visit: spec.id, stage: "note_written", origin, outputs, tokens });
        outcome.done++;
        unreachableInARow = 0;
        reporter.done(spec.id, { elapsedMs: now() - started, tokens });
        return;
      }
      if (o.runtime === undefined) throw new Error("unreachable: a local batch always has its runtime");
      const input = await checkedInput(spec);
      const plan = await planFor(o.settings, spec.id, spec.template, undefined, spec.deidentified);
      const checkpoint = checkpointFrom(state, origin);
      const result = await runVisitDurably(input, {
        plan,
        transcripts: o.runtime.transcripts,
        gateway: o.runtime.gateway,
        signal: stop.signal,
        ...(checkpoint ? { checkpoint } : {}),
        ...(o.transcriptionSlots ? { transcriptionSlots: o.transcriptionSlots } : {}),
        onStage: (s) => {
          stage = s;
          reporter.stage(spec.id, s);
        },
        onCheckpoint: async (u) => {
          const line = ledgerLine(spec.id, origin, u);
          if (line !== undefined) await ledger.append(line);
        },
      });
      stage = "write";
      reporter.stage(spec.id, "write");
      const outputs = await writeOutputs(spec, result.note, false, pageSources(input, result.transcript));
      const audioMs = typeof result.transcript?.audio_duration === "number" ? Math.round(result.transcript.audio_duration * 1000) : undefined;
      const tokens = result.note.provenance.usage.total_tokens;
      await ledger.append({ visit: spec.id, stage: "note_written", origin, outputs, tokens, ...(audioMs !== undefined ? { audio_ms: audioMs } : {}) });
      outcome.done++;
      unreachableInARow = 0;
      reporter.done(spec.id, { elapsedMs: now() - started, tokens, ...(audioMs !== undefined ? { audioMs } : {}) });
      if (spec.source.kind !== "transcript_file") await deleteAfter(spec, result.transcript?.id);
    } catch (err) {
      if (stop.signal.aborted) {
        // Stopped mid-visit: its checkpoints are in the ledger; the next run resumes it.
        if (!stoppedEarly()) outcome.interrupted = true;
        return;
      }
      if (isAuthFailure(err)) {
        outcome.authError ??= err;
        stop.abort(err);
        return;
      }
      await fail(spec, stage, err);
      if (unreachableInARow >= CONNECTION_FAILURES_TO_STOP && !stoppedEarly()) {
        // Every visit would fail the same way (network, DNS, proxy, URL): stop, as on a refused key.
        outcome.networkError = err;
        stop.abort(err);
      }
    }
  };

  try {
    await forEachWithLimit(o.visits, inFlight, processVisit, () => stop.signal.aborted);
  } finally {
    o.signal.removeEventListener("abort", onOuterAbort);
  }
  if (o.signal.aborted) outcome.interrupted = true;
  // A batch smaller than the run above, or one where nothing got through: the same diagnosis.
  if (outcome.networkError === undefined && outcome.authError === undefined && outcome.done === 0 && outcome.unreachable > 0 && outcome.unreachable === outcome.failed) {
    outcome.networkError = lastConnectionError;
  }
  return outcome;
}
