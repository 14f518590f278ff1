/**
 * One visit through core's `runVisit`, made resumable: what the ledger recorded decides the input
 * (a recorded transcript id resumes with `transcript_id`, a recorded upload URL with `audio_url`,
 * a create whose answer was lost is looked up first), and core's hooks record each new checkpoint.
 */
import { openAsBlob } from "node:fs";
import {
  findCreatedTranscript,
  type GatewayClient,
  type PipelineEvent,
  runVisit,
  type SoapNote,
  type Transcript,
  type TranscriptionParams,
  type TranscriptsClient,
  type VisitInput,
} from "@org/soap-core";
import type { SoapTemplate } from "@org/soap-prompts";
import type { ProgressStage } from "./progress-format.js";
import type { AudioFile, TranscriptFileContent } from "./visit-input.js";

/** A visit's input once checked. */
export type CheckedVisitInput =
  | { kind: "audio_file"; file: AudioFile }
  | { kind: "audio_bytes"; bytes: Uint8Array; contentType: string }
  | { kind: "audio_url"; url: string }
  | { kind: "transcript_id"; transcriptId: string }
  | TranscriptFileContent;

/** What an earlier, interrupted run of this visit left (from the ledger). */
export interface VisitResume {
  transcriptId?: string;
  uploadUrl?: string;
  /** ISO time a create request was sent whose answer was never recorded. */
  creatingAt?: string;
}

/** Durable checkpoints; each is awaited before the visit moves on. */
export interface VisitHooks {
  onStage?(stage: ProgressStage): void;
  onUploaded?(uploadUrl: string): Promise<void>;
  /** Called before `POST /v2/transcript`, so a lost answer can be looked up on resume. */
  onCreating?(audioUrl: string): Promise<void>;
  /** Called with the id the moment AssemblyAI returns it, BEFORE waiting (record it durably). */
  onTranscriptCreated?(transcriptId: string): Promise<void>;
}

/** Options of {@link runVisitDurably}. */
export interface VisitRunOptions {
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
  template: SoapTemplate;
  templateHash?: string;
  experiment?: string;
  variant?: string;
  model: string;
  /** Transcript request parameters other than `audio_url`. */
  transcription: Record<string, unknown>;
  /** Ask the gateway which speaker is the clinician (`POST /v1/understanding`). */
  identifyRoles?: boolean;
  /** How the gateway gets the transcript; core decides when unset. */
  transcriptMode?: "inline" | "transcript_id";
  signal?: AbortSignal;
  resume?: VisitResume;
  hooks?: VisitHooks;
}

/** Result of one visit. */
export interface VisitResult {
  note: SoapNote;
  transcript?: Transcript;
}

const STAGE_OF: Record<PipelineEvent["stage"], ProgressStage | undefined> = {
  upload: "upload",
  transcribe: "transcribe",
  wait: "transcribe",
  roles: "transcribe",
  generate: "generate",
  check: "generate",
  done: undefined,
};

/** The input core's `runVisit` gets, given what was checked and what the ledger knows. */
async function toVisitInput(input: CheckedVisitInput, o: VisitRunOptions): Promise<VisitInput> {
  switch (input.kind) {
    case "transcript_text":
    case "transcript_json":
    case "transcript_id":
      return input;
    default:
      break;
  }
  const resume = o.resume ?? {};
  if (resume.transcriptId !== undefined) return { kind: "transcript_id", transcriptId: resume.transcriptId };
  const audioUrl = input.kind === "audio_url" ? input.url : resume.uploadUrl;
  if (audioUrl !== undefined && resume.creatingAt !== undefined) {
    // The process died between sending the create and recording its answer: find it, never pay twice.
    o.hooks?.onStage?.("transcribe");
    const found = await findCreatedTranscript((p, r) => o.transcripts.list(p, r), audioUrl, Date.parse(resume.creatingAt), o.signal);
    if (found !== undefined) {
      await o.hooks?.onTranscriptCreated?.(found.id);
      return { kind: "transcript_id", transcriptId: found.id };
    }
  }
  if (audioUrl !== undefined) return { kind: "audio_url", url: audioUrl };
  if (input.kind === "audio_file") {
    // A file-backed Blob is read from disk as it is sent, yet replayable, so core may retry the upload.
    return { kind: "audio", body: await openAsBlob(input.file.path, { type: input.file.format.contentType }), name: input.file.path };
  }
  if (input.kind === "audio_bytes") return { kind: "audio", body: input.bytes };
  throw new Error(`unreachable: ${input.kind}`);
}

/**
 * Runs one visit to a note with core's `runVisit`. Never creates a transcript when the ledger (or
 * the input) has its id, looks a lost create up before creating again, reuses a recorded upload.
 */
export async function runVisitDurably(input: CheckedVisitInput, o: VisitRunOptions): Promise<VisitResult> {
  const hooks = o.hooks ?? {};
  const visitInput = await toVisitInput(input, o);
  return runVisit(visitInput, {
    transcripts: o.transcripts,
    gateway: o.gateway,
    template: o.template,
    model: o.model,
    transcription: o.transcription as TranscriptionParams,
    ...(o.templateHash !== undefined ? { templateHash: o.templateHash } : {}),
    ...(o.experiment !== undefined ? { experiment: o.experiment } : {}),
    ...(o.variant !== undefined ? { variant: o.variant } : {}),
    ...(o.identifyRoles === true ? { identifyRoles: true } : {}),
    ...(o.transcriptMode !== undefined ? { transcriptMode: o.transcriptMode } : {}),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    onEvent: (e) => {
      const stage = STAGE_OF[e.stage];
      if (e.phase === "start" && stage !== undefined) hooks.onStage?.(stage);
    },
    ...(hooks.onUploaded ? { onUploaded: hooks.onUploaded } : {}),
    ...(hooks.onCreating ? { onCreating: hooks.onCreating } : {}),
    ...(hooks.onTranscriptCreated ? { onTranscriptCreated: hooks.onTranscriptCreated } : {}),
  });
}
