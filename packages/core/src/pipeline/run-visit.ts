import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import { generateSoapNote, type GenerateSoapNoteOptions } from "../generate/generate-soap-note.js";
import { isDialogue, type NoteTranscript, type TranscriptMode } from "../generate/note-transcript.js";
import type { NoteWarning, SoapNote } from "../note/soap-note.js";
import { abortAware, throwIfAborted, untilAborted } from "./abort.js";
import { obtainTranscript } from "./obtain-transcript.js";
import type { PipelineEvent } from "./pipeline-events.js";
import { Progress } from "./progress.js";
import type { RunVisitOptions } from "./run-visit-options.js";
import { identifyRoles } from "./speaker-roles.js";
import { parseVisitInput, type VisitInput } from "./visit-input.js";

/** What {@link runVisit} returns: the note, and the AssemblyAI transcript when there is one. */
export interface VisitResult {
  note: SoapNote;
  /** Absent for `transcript_text` inputs. */
  transcript?: Transcript;
}

/**
 * The default transcript mode: inline when there are utterances, because the gateway's
 * `{{ transcript }}` substitution sends the plain `text`, without speaker labels. Plain-text
 * dialogues are always inline (AssemblyAI has no copy of them).
 *
 * @example
 * ```ts
 * chooseTranscriptMode(transcript, undefined); // "inline" when transcript.utterances is non-empty
 * chooseTranscriptMode(parseTranscriptText(text), "transcript_id"); // "inline": text is never on AssemblyAI
 * ```
 */
export function chooseTranscriptMode(t: NoteTranscript, requested: TranscriptMode | undefined): TranscriptMode {
  if (isDialogue(t)) return "inline";
  if (requested !== undefined) return requested;
  return (t.utterances?.length ?? 0) > 0 ? "inline" : "transcript_id";
}

/** Evidence counts of a checked note (no text). */
function checkSummary(note: SoapNote): Record<string, number> {
  let statements = 0;
  let quotes = 0;
  let found = 0;
  for (const section of Object.values(note.sections)) {
    statements += section.statements.length;
    for (const s of section.statements) {
      quotes += s.evidence.length;
      found += s.evidence.filter((e) => e.found).length;
    }
  }
  return { statements, quotes, found, unsupported: quotes - found, warnings: note.warnings.length };
}

/** The pipeline behind {@link runVisit} and {@link runVisitEvents}, with every listener to call. */
export async function executeVisit(rawInput: VisitInput, o: RunVisitOptions, listeners: readonly ((e: PipelineEvent) => void)[]): Promise<VisitResult> {
  const signal = o.signal;
  const clock = o.clock ?? (() => globalThis.performance.now());
  const progress = new Progress(listeners, clock);
  try {
    const input = parseVisitInput(rawInput);
    throwIfAborted(signal, "before it started");
    const transcript = await obtainTranscript(input, o, progress);

    const warnings: NoteWarning[] = [];
    let speakerRoles: Record<string, string> | undefined;
    if (o.identifyRoles === true && !isDialogue(transcript)) {
      const outcome = await progress.stage(
        "roles",
        () => identifyRoles(o.gateway, transcript.id, signal),
        (r) => ({ speakers: Object.keys(r.roles ?? {}).length, identified: r.roles !== undefined }),
      );
      speakerRoles = outcome.roles;
      if (outcome.warning) warnings.push(outcome.warning);
    }

    const transcriptMode = chooseTranscriptMode(transcript, o.transcriptMode);
    throwIfAborted(signal, "before the note was generated");
    const generateOptions: GenerateSoapNoteOptions = {
      ...o.generate,
      gateway: o.gateway,
      template: o.template,
      transcript,
      model: o.model,
      transcriptMode,
      clock,
      ...(o.templateHash !== undefined ? { templateHash: o.templateHash } : {}),
      ...(o.experiment !== undefined ? { experiment: o.experiment } : {}),
      ...(o.variant !== undefined ? { variant: o.variant } : {}),
      ...(speakerRoles !== undefined ? { speakerRoles } : {}),
      ...(signal !== undefined ? { signal } : {}),
    };
    const generated = await progress.stage(
      "generate",
      () => untilAborted(generateSoapNote(generateOptions), signal, "while generating the note"),
      (n) => ({ mode: transcriptMode, requests: n.provenance.requests, totalTokens: n.provenance.usage.total_tokens }),
    );
    const note: SoapNote = warnings.length > 0 ? { ...generated, warnings: [...generated.warnings, ...warnings] } : generated;

    // generateSoapNote checks the quotes itself (its time is inside `generate`); this stage reports the outcome.
    await progress.stage("check", async () => note, checkSummary);
    progress.emit("done", "end", { totalMs: progress.elapsed(), listenerErrors: progress.listenerErrors });
    return isDialogue(transcript) ? { note } : { note, transcript };
  } catch (err) {
    throw abortAware(err, signal, "while running");
  }
}

/**
 * Runs one visit from its input to a SOAP note: upload (audio), create the transcript with the
 * requested redaction and speaker options, record its id through `onTranscriptCreated` (awaited
 * before waiting), wait, optionally identify speaker roles, generate the note with the template
 * and check its quotes against the transcript. Progress goes to `onEvent`.
 *
 * A `transcript_id` input is only waited for (never creates a transcript); `transcript_text` and
 * `transcript_json` make no transcripts API call. Errors are typed: `TranscriptFailedError` when
 * AssemblyAI fails the transcript, `AbortError` when `signal` fires, `RequestValidationError` for a
 * bad input, and whatever `onTranscriptCreated` threw (the run stops there).
 *
 * @example
 * ```ts
 * const { template, experiment, variant } = selectTemplate(config, visitId);
 * const { note, transcript } = await runVisit(
 *   { kind: "audio", body: file.stream() },
 *   {
 *     transcripts: new TranscriptsClient({ apiKey }),
 *     gateway: new GatewayClient({ apiKey }),
 *     template, experiment, variant, model: config.model,
 *     transcription: transcriptionParams(config.transcription),
 *     identifyRoles: true,
 *     onTranscriptCreated: async (id) => ledger.record(visitId, id),
 *     onEvent: (e) => console.error(e.stage, e.phase, e.elapsedMs),
 *   },
 * );
 * ```
 */
export async function runVisit(input: VisitInput, o: RunVisitOptions): Promise<VisitResult> {
  return executeVisit(input, o, o.onEvent ? [o.onEvent] : []);
}
