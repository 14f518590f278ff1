import type { GatewayClient } from "../clients/gateway/gateway-client.js";
import type { CreateTranscriptParams } from "../clients/transcripts/create-transcript-params.js";
import type { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import type { WaitOptions } from "../clients/transcripts/wait-for-transcript.js";
import type { GenerateSoapNoteOptions } from "../generate/generate-soap-note.js";
import type { CheckpointUpdate, VisitCheckpoint } from "./checkpoint.js";
import type { VisitPlan } from "./plan.js";
import type { ListTranscripts } from "./recover-create.js";
import type { VisitEvent } from "./visit-events.js";

/**
 * The part of `TranscriptsClient` a visit calls (a `TranscriptsClient`, or a fake in tests).
 * `list` is optional: without it a lost create cannot be looked up.
 */
export type VisitTranscripts = Pick<TranscriptsClient, "upload" | "create" | "wait"> & { list?: ListTranscripts };

/** The part of `GatewayClient` a visit calls (a `GatewayClient`, or a fake in tests). */
export type VisitGateway = Pick<GatewayClient, "chat" | "identifySpeakerRoles">;

/**
 * Transcript parameters other than `audio_url`. Closed like CreateTranscriptParams: a field the spec
 * does not document is a compile error here too.
 */
export type TranscriptionParams = Omit<CreateTranscriptParams, "audio_url">;

/** Create parameters that belong to the caller's delivery, not to the plan (the edge API's webhook). */
export type DeliveryParams = Pick<CreateTranscriptParams, "webhook_url" | "webhook_auth_header_name" | "webhook_auth_header_value">;

/**
 * Transcriptions a process keeps in progress at once (a batch's `BatchScheduler.transcriptionSlots`):
 * `acquire` resolves with the slot's release, or rejects when `signal` aborts.
 */
export interface TranscriptionSlots {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** Epoch milliseconds; the one clock a visit reads (timestamps, latency, the lost-create window). */
export type Clock = () => number;

/** What the steps of a visit share. */
export interface VisitContext {
  /** Every decision about the visit ({@link planVisit}). */
  plan: VisitPlan;
  /** Signal that stops the visit with AbortError; passed to every request. */
  signal?: AbortSignal | undefined;
  /** Progress. Called synchronously; an exception here never breaks the visit. */
  onEvent?: ((e: VisitEvent) => void) | undefined;
  /** @default Date.now */
  clock?: Clock | undefined;
}

/** Options of {@link startTranscript}. */
export interface StartTranscriptOptions extends VisitContext {
  transcripts: VisitTranscripts;
  /** What an earlier, interrupted run of this visit recorded. */
  checkpoint?: VisitCheckpoint | undefined;
  /**
   * Awaited with each new checkpoint BEFORE the visit moves on: record it durably, so a crash resumes
   * instead of paying for a second transcript. If it throws, the visit stops with that error.
   */
  onCheckpoint?: ((update: CheckpointUpdate) => void | Promise<void>) | undefined;
  /** Added to `POST /v2/transcript` (e.g. the edge API's webhook). */
  delivery?: DeliveryParams | undefined;
  /**
   * When `POST /v2/transcript` may have been accepted though its answer was lost
   * (TranscriptCreateUncertainError), look it up with `list()` and carry on with it. Needs `transcripts.list`.
   * @default true
   */
  recoverUncertainCreate?: boolean | undefined;
  /**
   * {@link runVisit} only: a slot is taken before the create is sent (before its `creating`
   * checkpoint) and given back once the transcript is finished, failed or the visit stopped, so a
   * batch never has more transcripts in progress than AssemblyAI works on at once (the rest would
   * only be polled while they queue). A recorded or recovered transcript takes no slot.
   * @default no limit
   */
  transcriptionSlots?: TranscriptionSlots | undefined;
}

/** Options of {@link draftNote}. */
export interface DraftNoteOptions extends VisitContext {
  gateway: VisitGateway;
  /** Passed to `generateSoapNote`. */
  generate?: Pick<GenerateSoapNoteOptions, "concurrency" | "allowPartial" | "assessmentAndPlan" | "evidence"> | undefined;
}

/** Options of {@link runVisit}: every step's options. */
export interface RunVisitOptions extends Omit<StartTranscriptOptions, "transcripts">, DraftNoteOptions {
  /** Needed for `audio`, `audio_url` and `transcript_id` inputs; not used for text or JSON transcripts. */
  transcripts?: VisitTranscripts | undefined;
  /** Polling options of `wait()`; the visit's `signal` is added, `onPoll` still called. */
  wait?: WaitOptions | undefined;
}
