import type { Transcript } from "../clients/transcripts/transcript-schemas.js";
import type { WaitOptions } from "../clients/transcripts/wait-for-transcript.js";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { TranscriptCreateUncertainError, TranscriptFailedError } from "../errors/transcript-errors.js";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import type { NoteTranscript } from "../generate/note-transcript.js";
import { throwIfAborted, untilAborted } from "./abort.js";
import type { VisitCheckpoint } from "./checkpoint.js";
import type { Progress } from "./progress.js";
import { findCreatedTranscript, type ListTranscripts } from "./recover-create.js";
import type { VisitInput } from "./visit-input.js";
import type { StartTranscriptOptions, VisitTranscripts } from "./visit-ports.js";

type AudioInput = Extract<VisitInput, { kind: "audio" | "audio_url" }>;

/** Where a visit's transcript comes from once {@link startTranscript} ran. */
export type StartedTranscript =
  | { kind: "assemblyai"; transcriptId: string }
  | { kind: "ready"; transcript: NoteTranscript };

/** A completed transcript from a `transcript_json` input, or the typed error its status calls for. */
function completedJson(t: Transcript): Transcript {
  if (t.status === "completed") return t;
  if (t.status === "error") throw new TranscriptFailedError(t.id, t.error ?? "AssemblyAI gave no reason");
  throw new RequestValidationError(
    `Transcript ${t.id} is still ${t.status}: pass { kind: "transcript_id", transcriptId } to wait for it.`,
    { issues: [{ path: ["transcript", "status"], message: `expected "completed", got "${t.status}"` }] },
  );
}

/** The transcript a lost create made, or `undefined`. A failed lookup is reported as the create's uncertainty. */
async function lookUpCreate(
  transcripts: VisitTranscripts,
  audioUrl: string,
  sentAt: number,
  signal: AbortSignal | undefined,
  uncertain?: TranscriptCreateUncertainError,
): Promise<{ id: string; status: string } | undefined> {
  try {
    return await findCreatedTranscript((p, r) => (transcripts.list as ListTranscripts)(p, r), audioUrl, sentAt, signal);
  } catch (lookupError) {
    if (signal?.aborted || uncertain === undefined) throw lookupError;
    throw new TranscriptCreateUncertainError(`status unknown; the automatic lookup failed too: ${lookupError instanceof Error ? lookupError.name : "error"}`, {
      cause: lookupError,
      status: uncertain.status,
      requestId: uncertain.requestId,
    });
  }
}

/**
 * The resume decision: what is left to do for an audio input given what an earlier run recorded.
 * A recorded transcript id is used as is; a create whose answer was lost is looked up before
 * creating again; a recorded upload is not uploaded again.
 */
async function resumeAudio(
  input: AudioInput,
  cp: VisitCheckpoint,
  o: StartTranscriptOptions,
  progress: Progress,
): Promise<{ transcriptId: string } | { audioUrl: string } | { upload: Extract<VisitInput, { kind: "audio" }> }> {
  if (cp.transcriptId !== undefined) return { transcriptId: cp.transcriptId };
  const audioUrl = input.kind === "audio_url" ? input.url : (cp.uploadUrl ?? cp.audioUrl);
  if (audioUrl !== undefined && cp.createSentAt !== undefined && cp.audioUrl === audioUrl && o.transcripts.list) {
    // The run died between sending the create and recording its answer: find it, never pay twice.
    const found = await progress.stage("transcribe", () => lookUpCreate(o.transcripts, audioUrl, cp.createSentAt as number, o.signal));
    if (found !== undefined) {
      progress.transcriptId = found.id;
      await o.onCheckpoint?.({ step: "transcript_created", transcriptId: found.id, recovered: true });
      return { transcriptId: found.id };
    }
  }
  if (audioUrl !== undefined) return { audioUrl };
  return { upload: input as Extract<VisitInput, { kind: "audio" }> };
}

/** Where {@link runVisit} keeps the transcription slot its create took, to give it back after the wait. */
export interface HeldSlot {
  release?: () => void;
}

/** Create (after an upload when needed); the new id is recorded through `onCheckpoint` before anything else. */
async function createTranscript(audioUrl: string, o: StartTranscriptOptions, progress: Progress, held?: HeldSlot): Promise<string> {
  const { transcripts, signal } = o;
  const req = signal ? { signal } : undefined;
  const clock = o.clock ?? Date.now;
  // Taken before the `creating` checkpoint: a run that dies while waiting for it has sent nothing.
  if (held && o.transcriptionSlots) held.release = await o.transcriptionSlots.acquire(signal);
  return progress.stage("transcribe", async () => {
    const sentAt = clock();
    await o.onCheckpoint?.({ step: "creating", audioUrl, at: sentAt });
    throwIfAborted(signal, "before the transcript was created");
    const params = { ...o.plan.transcription, ...o.delivery, audio_url: audioUrl };
    let created: { id: string; status: string; recovered?: true };
    try {
      // Not raced against the signal: an abort mid-create must not hide an id AssemblyAI returned.
      created = await transcripts.create(params, req);
    } catch (err) {
      if (!(err instanceof TranscriptCreateUncertainError) || o.recoverUncertainCreate === false || !transcripts.list) throw err;
      const found = await lookUpCreate(transcripts, audioUrl, sentAt, signal, err);
      if (found === undefined) throw err;
      created = { ...found, recovered: true };
    }
    progress.transcriptId = created.id;
    progress.emit("transcribe", "progress", { status: created.status, ...(created.recovered ? { recovered: true } : {}) });
    // Durable record first: no waiting on a transcript nobody could find again after a crash.
    await o.onCheckpoint?.({ step: "transcript_created", transcriptId: created.id, recovered: created.recovered === true });
    return created.id;
  });
}

/**
 * The first step of a visit: a transcript AssemblyAI is making (after upload and create, each
 * checkpointed), or one that is ready (plain text, a completed transcript JSON). Resumes from
 * `checkpoint`: never uploads or creates again what an earlier run recorded, and looks a lost create
 * up before creating again. A `transcript_id` input is never created.
 */
export async function startTranscriptWith(input: VisitInput, o: StartTranscriptOptions, progress: Progress, held?: HeldSlot): Promise<StartedTranscript> {
  switch (input.kind) {
    case "transcript_text":
      return { kind: "ready", transcript: parseTranscriptText(input.text) };
    case "transcript_json":
      progress.transcriptId = input.transcript.id;
      return { kind: "ready", transcript: completedJson(input.transcript) };
    case "transcript_id":
      progress.transcriptId = input.transcriptId;
      return { kind: "assemblyai", transcriptId: input.transcriptId };
    case "audio":
    case "audio_url":
      break;
  }
  const next = await resumeAudio(input, o.checkpoint ?? {}, o, progress);
  if ("transcriptId" in next) {
    progress.transcriptId = next.transcriptId;
    return { kind: "assemblyai", transcriptId: next.transcriptId };
  }
  let audioUrl: string;
  if ("upload" in next) {
    const req = o.signal ? { signal: o.signal } : undefined;
    const uploaded = await progress.stage("upload", () => untilAborted(o.transcripts.upload(next.upload.body, req), o.signal, "while uploading"));
    audioUrl = uploaded.upload_url;
    await o.onCheckpoint?.({ step: "uploaded", uploadUrl: audioUrl });
    throwIfAborted(o.signal, "after the upload");
  } else {
    audioUrl = next.audioUrl;
  }
  return { kind: "assemblyai", transcriptId: await createTranscript(audioUrl, o, progress, held) };
}

/** Both signals, when both are given. */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a && b && a !== b) return AbortSignal.any([a, b]);
  return a ?? b;
}

/** Waits for a transcript to complete (`wait` progress events per poll). */
export async function waitForTranscript(
  transcripts: VisitTranscripts,
  id: string,
  o: { signal?: AbortSignal | undefined; wait?: WaitOptions | undefined },
  progress: Progress,
): Promise<Transcript> {
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
