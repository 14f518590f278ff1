import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { NotFoundError, PlanMismatchError } from "@org/soap-core";
import { parseTranscriptText, SoapNote, type NoteTranscript, type SoapSectionName } from "@org/soap-core/engine";
import { regenerateNoteSection } from "@org/soap-core/visit";
import { loadSettings } from "../../config/load-settings.js";
import { createRuntime } from "../../config/runtime.js";
import type { NoteFormat } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { InputError, InterruptedError, UsageError } from "../../errors/cli-errors.js";
import { renderOutput } from "../../io/render-output.js";
import { readTranscriptFile } from "../../io/visit-input.js";
import { checkOutputTarget, writeOutputOrRescue } from "../../io/output-target.js";

async function readNote(path: string): Promise<SoapNote> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `note file not found: ${path} (check the path)` : `cannot read note file ${path}: ${code ?? "error"}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError(`note file ${path} is not JSON (regenerate takes a note written with --format json)`);
  }
  const parsed = SoapNote.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`note file ${path} is not a soap-notes note (${issue ? `${issue.path.join(".") || "root"}: ${issue.message}` : "invalid"})`);
  }
  return parsed.data;
}

/** `regenerate <note.json> --section <s>`. */
export async function runRegenerate(ctx: CliContext, notePath: string, options: Record<string, unknown>): Promise<void> {
  for (const flag of ["template", "model"] as const) {
    if (options[flag] !== undefined) {
      throw new UsageError(`regenerate takes no --${flag}: a section is rewritten with the note's own ${flag} (recorded in its provenance); to use another, write a new note`);
    }
  }
  const settings = await loadSettings(ctx, { ...options, format: undefined });
  const section = options["section"] as SoapSectionName;
  const format = (options["format"] as NoteFormat | undefined) ?? "json";
  const out = options["inPlace"] ? notePath : (options["out"] as string | undefined);
  if (options["inPlace"] && options["out"] !== undefined) throw new UsageError("give --in-place or --out, not both");
  if (options["inPlace"] && format !== "json") throw new UsageError("--in-place keeps the note as JSON; drop --format or use --out");
  const path = resolve(ctx.cwd, notePath);
  const note = await readNote(path);
  // The target (the note itself with --in-place) is proven writable before the paid request.
  const outPath = out === undefined || out === "-" ? undefined : resolve(ctx.cwd, out);
  if (outPath !== undefined) await checkOutputTarget(outPath, options["inPlace"] ? "--in-place" : "--out");
  const transcriptFile = options["transcriptFile"] as string | undefined;
  const runtime = await createRuntime(settings, ctx, 2);
  const abort = new AbortController();
  const offInterrupt = ctx.onInterrupt(() => abort.abort(new InterruptedError("interrupted")));
  try {
    let transcript: NoteTranscript;
    if (transcriptFile !== undefined) {
      const content = await readTranscriptFile(transcriptFile === "-" ? "-" : resolve(ctx.cwd, transcriptFile), ctx.stdin);
      transcript = content.kind === "transcript_text" ? parseTranscriptText(content.text) : content.transcript;
    } else if (note.provenance.transcript_source === "assemblyai" && note.provenance.transcript_id !== undefined) {
      try {
        transcript = await runtime.transcripts.get(note.provenance.transcript_id, { signal: abort.signal });
      } catch (err) {
        if (err instanceof NotFoundError && runtime.mode === "sandbox") {
          throw new InputError("the note's transcript is not in this sandbox (in-process sandbox transcripts end with the run); pass the dialogue with --transcript-file");
        }
        throw err;
      }
    } else {
      throw new UsageError("this note was made from a text transcript: pass the same dialogue with --transcript-file");
    }
    let updated;
    try {
      // The note's own plan: its template id@version (hash-checked), model and transcript mode; never a re-roll.
      updated = await regenerateNoteSection(note, section, { gateway: runtime.gateway, transcript, signal: abort.signal });
    } catch (err) {
      if (abort.signal.aborted) throw new InterruptedError("interrupted; the note was not changed");
      if (err instanceof PlanMismatchError) throw new InputError(`${err.message} (the note was not changed)`, { cause: err });
      throw err;
    }
    const text = renderOutput(updated, format, { transcript, audio: { unavailable: "No recording: regenerate works from the transcript, so quotes cannot be played here." } }, outPath);
    if (outPath !== undefined) await writeOutputOrRescue(outPath, text, { transcriptId: note.provenance.transcript_id, visitId: basename(notePath, ".json") });
    else ctx.stdout.write(text);
  } finally {
    offInterrupt();
    await runtime.close();
  }
}
