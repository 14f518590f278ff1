import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { isDialogue } from "../generate/note-transcript.js";
import type { SoapNote } from "../note/soap-note.js";
import { abortAware, throwIfAborted } from "./abort.js";
import { draftNoteWith } from "./draft-note.js";
import { Progress } from "./progress.js";
import { startTranscriptWith, waitForTranscript, type HeldSlot, type StartedTranscript } from "./start-transcript.js";
import { parseVisitInput, type VisitInput } from "./visit-input.js";
import type { DraftNoteOptions, RunVisitOptions, StartTranscriptOptions, VisitContext, VisitTranscripts } from "./visit-ports.js";
import type { NoteTranscript } from "../generate/note-transcript.js";

/** What {@link runVisit} returns: the note, and the AssemblyAI transcript when there is one. */
export interface VisitResult {
  note: SoapNote;
  /** Absent for `transcript_text` inputs. */
  transcript?: Transcript;
}

function progressFor(o: VisitContext): Progress {
  return new Progress(o.onEvent ? [o.onEvent] : [], o.clock ?? Date.now);
}

function needTranscripts(t: VisitTranscripts | undefined, kind: VisitInput["kind"]): VisitTranscripts {
  if (t) return t;
  throw new RequestValidationError(`A "${kind}" visit needs the transcripts client: pass options.transcripts.`, {
    issues: [{ path: ["transcripts"], message: `required for "${kind}" inputs` }],
  });
}

/**
 * Step 1 of a visit: uploads and creates the transcript as the plan says (each step checkpointed
 * through `onCheckpoint` before the next), resuming from `checkpoint`. Returns the transcript id
 * AssemblyAI is working on, or the transcript itself for text and JSON inputs. The edge API calls
 * this with its webhook as `delivery`; {@link runVisit} calls it and then waits.
 */
export async function startTranscript(input: VisitInput, o: StartTranscriptOptions): Promise<StartedTranscript> {
  const progress = progressFor(o);
  try {
    return await startTranscriptWith(parseVisitInput(input), o, progress);
  } catch (err) {
    throw abortAware(err, o.signal, "while starting the transcript");
  }
}

/**
 * Step 2 of a visit: writes the note from a finished transcript exactly as the plan says (template
 * and hash, model, transcript mode, speaker roles, redaction and environment recorded in the
 * provenance). The CLI reaches it through {@link runVisit}; the edge API's queue consumer calls it
 * directly, so the same transcript gives the same prompt in both.
 *
 * @throws {PlanMismatchError} when the plan's template is gone or changed.
 */
export async function draftNote(transcript: NoteTranscript, o: DraftNoteOptions): Promise<SoapNote> {
  try {
    return await draftNoteWith(transcript, o, progressFor(o));
  } catch (err) {
    throw abortAware(err, o.signal, "while writing the note");
  }
}

/**
 * Runs one visit from its input to a checked SOAP note, as planned ({@link planVisit}): upload
 * (audio), create the transcript, record each checkpoint through `onCheckpoint` (awaited before
 * moving on), wait, optionally identify speaker roles, generate the note and check its quotes.
 * With `checkpoint` it resumes where an earlier run stopped and never pays for a transcript twice.
 *
 * Errors are typed: `TranscriptFailedError` when AssemblyAI fails the transcript, `AbortError` when
 * `signal` fires, `RequestValidationError` for a bad input, `PlanMismatchError` for a stale plan,
 * and whatever `onCheckpoint` threw (the run stops there).
 *
 * @example
 * ```ts
 * const plan = await planVisit(config, visitId);
 * const { note } = await runVisit({ kind: "audio", body: file }, {
 *   plan, transcripts: new TranscriptsClient({ apiKey }), gateway: new GatewayClient({ apiKey }),
 *   checkpoint: await store.load(visitId),
 *   onCheckpoint: (update) => store.record(visitId, update),
 * });
 * ```
 */
export async function runVisit(rawInput: VisitInput, o: RunVisitOptions): Promise<VisitResult> {
  const progress = progressFor(o);
  try {
    const input = parseVisitInput(rawInput);
    throwIfAborted(o.signal, "before it started");
    const needsClient = input.kind !== "transcript_text" && input.kind !== "transcript_json";
    const transcripts = needsClient ? needTranscripts(o.transcripts, input.kind) : (o.transcripts as VisitTranscripts);
    // A transcription slot (o.transcriptionSlots) is held from the create to the end of the wait only.
    const held: HeldSlot = {};
    const giveBack = (): void => {
      const release = held.release;
      held.release = undefined;
      release?.();
    };
    let transcript: NoteTranscript;
    try {
      const started = await startTranscriptWith(input, { ...o, transcripts }, progress, held);
      if (started.kind === "ready") {
        transcript = started.transcript;
      } else {
        transcript = await waitForTranscript(transcripts, started.transcriptId, o, progress);
        giveBack();
        await o.onCheckpoint?.({ step: "transcribed", transcriptId: transcript.id, at: (o.clock ?? Date.now)() });
      }
    } finally {
      giveBack();
    }
    const note = await draftNoteWith(transcript, o, progress);
    progress.emit("done", "end", { totalMs: progress.elapsed(), listenerErrors: progress.listenerErrors });
    return isDialogue(transcript) ? { note } : { note, transcript };
  } catch (err) {
    throw abortAware(err, o.signal, "while running");
  }
}
