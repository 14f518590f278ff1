import * as z from "zod/mini";

/**
 * How far a visit got, as plain data the caller stores (the CLI in its ledger, the edge API in D1)
 * and passes back to resume. Times are epoch milliseconds.
 */
export interface VisitCheckpoint {
  /** The audio was uploaded here: a resume transcribes it without uploading again. */
  uploadUrl?: string;
  /** A create for this URL was sent at `createSentAt` and its answer not recorded. */
  audioUrl?: string;
  createSentAt?: number;
  /** AssemblyAI returned this id: the visit is never transcribed again. */
  transcriptId?: string;
  transcribedAt?: number;
  noteWrittenAt?: number;
  deletedAt?: number;
}

/** One step a visit records as it goes; each is awaited before the visit moves on. */
export type CheckpointUpdate =
  | { step: "uploaded"; uploadUrl: string }
  | { step: "creating"; audioUrl: string; at: number }
  | { step: "transcript_created"; transcriptId: string; recovered: boolean }
  | { step: "transcribed"; transcriptId: string; at: number }
  | { step: "note_written"; at: number }
  | { step: "deleted"; at: number };

/**
 * Folds one update into a checkpoint (pure; the input is not changed). Both apps fold with this,
 * so a ledger line and a D1 row mean the same thing.
 * @example
 * ```ts
 * let cp: VisitCheckpoint = {};
 * cp = applyCheckpoint(cp, { step: "uploaded", uploadUrl });
 * ```
 */
export function applyCheckpoint(c: VisitCheckpoint, u: CheckpointUpdate): VisitCheckpoint {
  switch (u.step) {
    case "uploaded":
      return { ...c, uploadUrl: u.uploadUrl };
    case "creating":
      return { ...c, audioUrl: u.audioUrl, createSentAt: u.at };
    case "transcript_created": {
      const { createSentAt: _sent, ...rest } = c;
      return { ...rest, transcriptId: u.transcriptId };
    }
    case "transcribed":
      return { ...c, transcriptId: u.transcriptId, transcribedAt: u.at };
    case "note_written":
      return { ...c, noteWrittenAt: u.at };
    case "deleted":
      return { ...c, deletedAt: u.at };
  }
}

/** zod schema of a stored {@link VisitCheckpoint}. */
export const visitCheckpointSchema = z.object({
  uploadUrl: z.optional(z.string()),
  audioUrl: z.optional(z.string()),
  createSentAt: z.optional(z.number()),
  transcriptId: z.optional(z.string()),
  transcribedAt: z.optional(z.number()),
  noteWrittenAt: z.optional(z.number()),
  deletedAt: z.optional(z.number()),
});
