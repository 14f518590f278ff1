/**
 * One visit through core's `runVisit`, with the CLI's I/O around it: a checked local file becomes a
 * file-backed Blob (read as it is sent), progress events become the reporter's stages. Every
 * decision (what to resume, what to create, how to write the note) is core's, from the plan and
 * the checkpoint the ledger recorded.
 */
import { openAsBlob } from "node:fs";
import type { GatewayClient, TranscriptsClient } from "@org/soap-core";
import {
  runVisit,
  type CheckpointUpdate,
  type TranscriptionSlots,
  type VisitCheckpoint,
  type VisitEvent,
  type VisitInput,
  type VisitPlan,
  type VisitResult,
} from "@org/soap-core/visit";
import type { AudioFile, TranscriptFileContent } from "../io/visit-input.js";
import type { ProgressStage } from "../terminal/progress-format.js";

/** A visit's input once checked. */
export type CheckedVisitInput =
  | { kind: "audio_file"; file: AudioFile }
  | { kind: "audio_bytes"; bytes: Uint8Array; contentType: string }
  | { kind: "audio_url"; url: string }
  | { kind: "transcript_id"; transcriptId: string }
  | TranscriptFileContent;

/** Options of {@link runVisitDurably}. */
export interface VisitRunOptions {
  plan: VisitPlan;
  transcripts: TranscriptsClient;
  gateway: GatewayClient;
  signal?: AbortSignal;
  /** What an earlier, interrupted run recorded (from the ledger). */
  checkpoint?: VisitCheckpoint;
  /** Record each checkpoint durably; awaited before the visit moves on. */
  onCheckpoint?: (update: CheckpointUpdate) => Promise<void>;
  onStage?: (stage: ProgressStage) => void;
  /** A batch's limit on transcriptions in progress (core's `BatchScheduler.transcriptionSlots`). */
  transcriptionSlots?: TranscriptionSlots;
}

const STAGE_OF: Record<VisitEvent["stage"], ProgressStage | undefined> = {
  upload: "upload",
  transcribe: "transcribe",
  wait: "transcribe",
  roles: "transcribe",
  generate: "generate",
  done: undefined,
};

/** Core's input for a checked one. A file-backed Blob is read from disk as it is sent, yet replayable, so core may retry the upload. */
export async function toVisitInput(input: CheckedVisitInput): Promise<VisitInput> {
  switch (input.kind) {
    case "audio_file":
      return { kind: "audio", body: await openAsBlob(input.file.path, { type: input.file.format.contentType }), name: input.file.path };
    case "audio_bytes":
      return { kind: "audio", body: input.bytes };
    default:
      return input;
  }
}

/** Runs one visit to a note with core's `runVisit`, resuming from the ledger's checkpoint. */
export async function runVisitDurably(input: CheckedVisitInput, o: VisitRunOptions): Promise<VisitResult> {
  return runVisit(await toVisitInput(input), {
    plan: o.plan,
    transcripts: o.transcripts,
    gateway: o.gateway,
    signal: o.signal,
    checkpoint: o.checkpoint,
    onCheckpoint: o.onCheckpoint,
    transcriptionSlots: o.transcriptionSlots,
    onEvent: (e) => {
      const stage = STAGE_OF[e.stage];
      if (e.phase === "start" && stage !== undefined) o.onStage?.(stage);
    },
  });
}
