import { resolve } from "node:path";
import { NotFoundError } from "@org/soap-core";
import { checkTextInput, retentionDecision } from "@org/soap-core/visit";
import { loadSettings } from "../../config/load-settings.js";
import { planFor } from "../../config/plan.js";
import { createRuntime } from "../../config/runtime.js";
import type { NoteFormat } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { InputError, InterruptedError, UsageError } from "../../errors/cli-errors.js";
import { sniffAudio } from "../../io/magic-bytes.js";
import { readAll } from "../../io/read-stream.js";
import { checkAudioFile, readTranscriptFile } from "../../io/visit-input.js";
import { checkOutputTarget, writeOutputOrRescue } from "../../io/output-target.js";
import { pageSources, renderOutput } from "../../io/render-output.js";
import { idFromName } from "../../visit/visit-id.js";
import { type CheckedVisitInput, runVisitDurably } from "../../visit/visit-runner.js";
import { printNoteDryRun } from "./dry-run.js";

async function checkInput(ctx: CliContext, input: string | undefined, options: Record<string, unknown>): Promise<{ visit: CheckedVisitInput; key: string }> {
  const transcriptId = options["transcriptId"] as string | undefined;
  const transcriptFile = options["transcriptFile"] as string | undefined;
  const given = [input, transcriptId, transcriptFile].filter((v) => v !== undefined).length;
  if (given === 0) throw new UsageError("nothing to do: give an audio file, an https:// audio URL, --transcript-id <id> or --transcript-file <file>");
  if (given > 1) throw new UsageError("give only one input: an audio file or URL, --transcript-id, or --transcript-file");
  if (transcriptId !== undefined) {
    if (transcriptId.trim() === "") throw new UsageError("--transcript-id is empty");
    return { visit: { kind: "transcript_id", transcriptId: transcriptId.trim() }, key: transcriptId.trim() };
  }
  if (transcriptFile !== undefined) {
    const path = transcriptFile === "-" ? "-" : resolve(ctx.cwd, transcriptFile);
    return { visit: await readTranscriptFile(path, ctx.stdin), key: transcriptFile === "-" ? "stdin" : idFromName(transcriptFile) };
  }
  const arg = input as string;
  if (/^http:\/\//i.test(arg)) throw new UsageError(`audio URLs must use https:// (got ${arg.slice(0, 80)})`);
  if (/^https:\/\//i.test(arg)) return { visit: { kind: "audio_url", url: arg }, key: idFromName(arg) };
  if (arg === "-") {
    const bytes = await readAll(ctx.stdin);
    if (bytes.length === 0) throw new InputError("no audio on stdin (0 bytes)");
    const format = sniffAudio(bytes.subarray(0, 16));
    if (format === null) throw new InputError("stdin is not audio (expected mp3, wav, ogg, flac, m4a/mp4 or webm; for a transcript use --transcript-file -)");
    return { visit: { kind: "audio_bytes", bytes, contentType: format.contentType }, key: "stdin" };
  }
  const file = await checkAudioFile(resolve(ctx.cwd, arg));
  return { visit: { kind: "audio_file", file }, key: idFromName(arg) };
}

/** `note <input>`: one visit, one note, to stdout or `--out`. */
export async function runNote(ctx: CliContext, input: string | undefined, options: Record<string, unknown>): Promise<void> {
  const settings = await loadSettings(ctx, { ...options, format: undefined });
  const format = (options["format"] as NoteFormat | undefined) ?? (options["json"] ? "json" : "md");
  // `--out -` is stdout, like most CLIs; any other target is proven writable before anything is paid for.
  const out = options["out"] === "-" ? undefined : (options["out"] as string | undefined);
  const outPath = out === undefined ? undefined : resolve(ctx.cwd, out);
  if (outPath !== undefined) await checkOutputTarget(outPath);
  const { visit, key } = await checkInput(ctx, input, options);
  if (options["deidentified"] === true && visit.kind !== "transcript_text") {
    throw new UsageError("--deidentified states that a text dialogue (--transcript-file with [doctor] … lines) is already de-identified; audio and AssemblyAI transcripts are redacted by AssemblyAI (--redact): drop it");
  }
  const plan = await planFor(settings, key);
  // Core's rule for text, checked before any client exists: a refused dialogue stops here, nothing sent (exit 2).
  if (visit.kind === "transcript_text") checkTextInput(plan);
  // --dry-run: every check above is the real run's; print the plan, create no client, send nothing.
  if (options["dryRun"] === true) return printNoteDryRun(ctx, { settings, visit, visitId: key, plan, format, outPath, deleteAfter: settings.deleteAfter });
  const log = (line: string): void => {
    if (settings.verbosity === "verbose") ctx.stderr.write(`soap-notes: ${line}\n`);
  };
  const runtime = await createRuntime(settings, ctx, 2);
  const abort = new AbortController();
  const offInterrupt = ctx.onInterrupt(() => abort.abort(new InterruptedError("interrupted")));
  try {
    let result;
    try {
      result = await runVisitDurably(visit, {
        plan,
        transcripts: runtime.transcripts,
        gateway: runtime.gateway,
        signal: abort.signal,
        onStage: (stage) => log(`${stage}…`),
        onCheckpoint: async (u) => {
          if (u.step === "transcript_created") log(`transcript ${u.transcriptId} created`);
        },
      });
    } catch (err) {
      if (abort.signal.aborted) throw new InterruptedError("interrupted; nothing was written");
      if (runtime.mode === "sandbox" && visit.kind === "transcript_id" && err instanceof NotFoundError) {
        throw new InputError(`transcript ${visit.transcriptId} is not in the in-process sandbox (it starts empty on every run); set ASSEMBLYAI_API_KEY for AssemblyAI, or point --base-url at a served sandbox`, { cause: err });
      }
      throw err;
    }
    const text = renderOutput(result.note, format, pageSources(visit, result.transcript), outPath);
    if (out !== undefined && outPath !== undefined) {
      await writeOutputOrRescue(outPath, text, { transcriptId: result.transcript?.id, visitId: key });
      log(`wrote ${out}`);
    } else {
      ctx.stdout.write(text);
    }
    // Core's retention rule (shared with the edge API's RETENTION_HOURS): --delete-after is "0 ms after the note is written".
    const retention = retentionDecision(
      { deleteAfterMs: settings.deleteAfter ? 0 : undefined },
      { transcriptId: visit.kind !== "transcript_json" ? result.transcript?.id : undefined, noteStoredAt: Date.now() },
      Date.now(),
    );
    if (retention.action === "delete") {
      await runtime.transcripts.delete(retention.transcriptId);
      log(`deleted transcript ${retention.transcriptId} at AssemblyAI`);
    }
  } finally {
    offInterrupt();
    await runtime.close();
  }
}
