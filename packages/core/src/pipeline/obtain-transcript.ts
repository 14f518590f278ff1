import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import type { WaitOptions } from "../clients/transcripts/wait-for-transcript.js";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { TranscriptCreateUncertainError, TranscriptFailedError } from "../errors/transcript-errors.js";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import type { NoteTranscript } from "../generate/note-transcript.js";
import { throwIfAborted, untilAborted } from "./abort.js";
import type { Progress } from "./progress.js";
import { findCreatedTranscript, type ListTranscripts } from "./recover-create.js";
import type { RunVisitOptions, VisitTranscripts } from "./run-visit-options.js";
import { defaultTranscriptionParams } from "./transcription-params.js";
import type { VisitInput } from "./visit-input.js";

type AudioInput = Extract<VisitInput, { kind: "audio" | "audio_url" }>;

function needTranscripts(o: RunVisitOptions, kind: VisitInput["kind"]): VisitTranscripts {
  if (o.transcripts) return o.transcripts;
  throw new RequestValidationError(`A "${kind}" visit needs the transcripts client: pass options.transcripts.`, {
    issues: [{ path: ["transcripts"], message: `required for "${kind}" inputs` }],
  });
}

/** Both signals, when both are given. */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a && b && a !== b) return AbortSignal.any([a, b]);
  return a ?? b;
}

/** A completed transcript from a `transcript_json` input, or the typed error its status calls for. */
function completedJson(t: Transcript): Transcript {
  if (t.status === "completed") return t;
  if (t.status === "error") throw new TranscriptFailedError(t.id, t.error ?? "AssemblyAI gave no reason");
  throw new RequestValidationError(
    `Transcript ${t.id} is still ${t.status}: pass { kind: "transcript_id", transcriptId } to wait for it.`,
    { issues: [{ path: ["transcript", "status"], message: `expected "completed", got "${t.status}"` }] },
  );
}

/** The transcript a lost create made, or the create's own error when none is found. */
async function recoverCreate(
  transcripts: VisitTranscripts,
  audioUrl: string,
  sentAt: number,
  uncertain: TranscriptCreateUncertainError,
  signal: AbortSignal | undefined,
): Promise<{ id: string; status: string; recovered: true }> {
  let found: { id: string; status: string } | undefined;
  try {
    found = await findCreatedTranscript((p, r) => (transcripts.list as ListTranscripts)(p, r), audioUrl, sentAt, signal);
  } catch (lookupError) {
    if (signal?.aborted) throw lookupError;
    throw new TranscriptCreateUncertainError(`status unknown; the automatic lookup failed too: ${lookupError instanceof Error ? lookupError.name : "error"}`, {
      cause: lookupError,
      status: uncertain.status,
      requestId: uncertain.requestId,
    });
  }
  if (found === undefined) throw uncertain;
  return { ...found, recovered: true };
}

/** Upload (for `audio`), then create; the new id is recorded through the hooks before anything else. */
async function createTranscript(input: AudioInput, o: RunVisitOptions, progress: Progress): Promise<string> {
  const transcripts = needTranscripts(o, input.kind);
  const signal = o.signal;
  const req = signal ? { signal } : undefined;
  let audioUrl: string;
  if (input.kind === "audio") {
    const uploaded = await progress.stage("upload", () => untilAborted(transcripts.upload(input.body, req), signal, "while uploading"));
    audioUrl = uploaded.upload_url;
    await o.onUploaded?.(audioUrl);
    throwIfAborted(signal, "after the upload");
  } else {
    audioUrl = input.url;
  }
  return progress.stage("transcribe", async () => {
    await o.onCreating?.(audioUrl);
    throwIfAborted(signal, "before the transcript was created");
    const params = { ...(o.transcription ?? defaultTranscriptionParams()), audio_url: audioUrl };
    const sentAt = (o.wallClock ?? Date.now)();
    let created: { id: string; status: string; recovered?: true };
    try {
      // Not raced against the signal: an abort mid-create must not hide an id AssemblyAI returned.
      created = await transcripts.create(params, req);
    } catch (err) {
      if (!(err instanceof TranscriptCreateUncertainError) || o.recoverUncertainCreate === false || !transcripts.list) throw err;
      created = await recoverCreate(transcripts, audioUrl, sentAt, err, signal);
    }
    progress.transcriptId = created.id;
    progress.emit("transcribe", "progress", { status: created.status, ...(created.recovered ? { recovered: true } : {}) });
    // Durable record first: no waiting on a transcript nobody could find again after a crash.
    await o.onTranscriptCreated?.(created.id);
    return created.id;
  });
}

async function waitFor(id: string, o: RunVisitOptions, progress: Progress): Promise<Transcript> {
  const transcripts = needTranscripts(o, "transcript_id");
  throwIfAborted(o.signal, "before waiting for the transcript");
  const wait: WaitOptions = {
    ...o.wait,
    onPoll: (t, info) => {
      progress.emit("wait", "progress", { status: t.status, attempt: info.attempt });
      o.wait?.onPoll?.(t, info);
    },
  };
  const signal = eitherSignal(o.signal, o.wait?.signal);
  if (signal) wait.signal = signal;
  return progress.stage(
    "wait",
    () => untilAborted(transcripts.wait(id, wait), o.signal, "while waiting for the transcript"),
    (t) => ({ status: t.status, ...(t.audio_duration != null ? { audioDurationS: t.audio_duration } : {}) }),
  );
}

/**
 * The transcript a visit's note is written from: parsed plain text, a validated transcript JSON,
 * or an AssemblyAI transcript waited for (after upload and create when the input is audio). A
 * `transcript_id` input is only waited for: it never creates a transcript.
 */
export async function obtainTranscript(input: VisitInput, o: RunVisitOptions, progress: Progress): Promise<NoteTranscript> {
  switch (input.kind) {
    case "transcript_text":
      return parseTranscriptText(input.text);
    case "transcript_json":
      progress.transcriptId = input.transcript.id;
      return completedJson(input.transcript);
    case "transcript_id":
      progress.transcriptId = input.transcriptId;
      return waitFor(input.transcriptId, o, progress);
    case "audio":
    case "audio_url": {
      const id = await createTranscript(input, o, progress);
      return waitFor(id, o, progress);
    }
  }
}
