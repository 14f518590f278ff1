import type { SoapTemplate } from "@org/soap-prompts";
import type { GatewayClient } from "../clients/gateway/gateway-client.js";
import type { CreateTranscriptParams } from "../clients/transcripts/create-transcript-params.js";
import type { TranscriptsClient } from "../clients/transcripts/transcripts-client.js";
import type { WaitOptions } from "../clients/transcripts/wait-for-transcript.js";
import type { GenerateSoapNoteOptions } from "../generate/generate-soap-note.js";
import type { TranscriptMode } from "../generate/note-transcript.js";
import type { PipelineEvent } from "./pipeline-events.js";
import type { ListTranscripts } from "./recover-create.js";

/**
 * The part of `TranscriptsClient` the pipeline calls (a `TranscriptsClient`, or a fake in tests).
 * `list` is optional: without it a lost create cannot be looked up.
 */
export type VisitTranscripts = Pick<TranscriptsClient, "upload" | "create" | "wait"> & { list?: ListTranscripts };

/** The part of `GatewayClient` the pipeline calls (a `GatewayClient`, or a fake in tests). */
export type VisitGateway = Pick<GatewayClient, "chat" | "identifySpeakerRoles">;

// CreateTranscriptParams lets unknown fields through (an index signature), which would make a plain
// Omit<…> drop every known key; keep the known keys typed and the pass-through open.
type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** Transcript parameters other than `audio_url` (`Omit<CreateTranscriptParams, "audio_url">`, with its fields typed). */
export type TranscriptionParams = Omit<KnownKeys<CreateTranscriptParams>, "audio_url"> & { [key: string]: unknown };

/** Options of {@link runVisit} and {@link runVisitEvents}. */
export interface RunVisitOptions {
  /** Needed for `audio`, `audio_url` and `transcript_id` inputs; not used for text or JSON transcripts. */
  transcripts?: VisitTranscripts;
  gateway: VisitGateway;
  /** Resolved by `@org/soap-prompts` (`getTemplate` / `selectTemplate`). */
  template: SoapTemplate;
  /** @default computed with `templateHash(template)` */
  templateHash?: string;
  /** A/B experiment and variant from `selectTemplate`, recorded in the note's provenance. */
  experiment?: string;
  variant?: string;
  /** LLM Gateway model id, e.g. the config's `model`. */
  model: string;
  /**
   * `POST /v2/transcript` parameters (redaction, speakers, keyterms, domain…). When given, it replaces
   * the default as a whole (like the config's `transcription`): list every setting you want.
   * @default `DEFAULT_SOAP_CONFIG.transcription` of `@org/soap-prompts`: `speaker_labels`, PII
   * redaction of `person_name`, `organization`, `occupation` with `hash` substitution
   */
  transcription?: TranscriptionParams;
  /**
   * Ask the LLM Gateway (`POST /v1/understanding`) which speaker is the clinician and which the
   * patient. A failure does not fail the visit: the note gets a `roles_unavailable` warning.
   * Not done for `transcript_text` inputs (their labels already say who speaks).
   * @default false
   */
  identifyRoles?: boolean;
  /**
   * How the gateway gets the transcript: `inline` sends speaker-labelled utterances
   * (`Speaker A: …` lines) in the prompt; `transcript_id` lets the gateway substitute
   * `{{ transcript }}` (the seed's way). `transcript_text` inputs are always inline.
   * @default "inline" when the transcript has utterances, because the gateway substitutes the plain
   * `text`, which carries no speaker labels (so the model cannot attribute quotes); else "transcript_id"
   */
  transcriptMode?: TranscriptMode;
  /** Stops the run with AbortError; passed to every request. */
  signal?: AbortSignal;
  /** Progress. Called synchronously; an exception (or rejected promise) here never breaks the run. */
  onEvent?: (e: PipelineEvent) => void;
  /** Awaited after the upload, with the `upload_url`: record it to resume with an `audio_url` input. */
  onUploaded?: (uploadUrl: string) => void | Promise<void>;
  /** Awaited just before `POST /v2/transcript`, so a create whose answer is lost can be looked up later. */
  onCreating?: (audioUrl: string) => void | Promise<void>;
  /**
   * Awaited with the new transcript id BEFORE waiting: record it durably, so a crash resumes with a
   * `transcript_id` input instead of a second (billed) transcript. If it throws, the run stops with
   * that error.
   */
  onTranscriptCreated?: (id: string) => void | Promise<void>;
  /**
   * When `POST /v2/transcript` fails in a way where AssemblyAI may have accepted it
   * (TranscriptCreateUncertainError), look for it with `list()` (same `audio_url`, created since
   * the request was sent, 10 minutes of clock skew allowed) and carry on with it instead of failing;
   * the original error is thrown when it is not found. Needs `transcripts.list`.
   * @default true
   */
  recoverUncertainCreate?: boolean;
  /** Wall clock in epoch ms, for the lost-create lookup. @default Date.now */
  wallClock?: () => number;
  /** Polling options of `wait()`; the run's `signal` is added, `onPoll` still called. */
  wait?: WaitOptions;
  /** Passed to `generateSoapNote`. */
  generate?: Pick<GenerateSoapNoteOptions, "concurrency" | "allowPartial" | "assessmentAndPlan" | "evidence" | "now">;
  /** Monotonic milliseconds for `elapsedMs` and the note's latency. @default () => performance.now() */
  clock?: () => number;
}
