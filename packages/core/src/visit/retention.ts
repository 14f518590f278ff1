/**
 * How long a transcript stays at AssemblyAI once the note written from it is safely stored. The CLI's
 * `--delete-after` is `{ deleteAfterMs: 0 }`; the edge API's `RETENTION_HOURS` is hours in ms; no
 * policy (`undefined`) keeps the transcript until someone deletes it.
 */
export interface RetentionPolicy {
  /** Milliseconds after the note was stored; 0 deletes at once; undefined never deletes. */
  deleteAfterMs: number | undefined;
}

/** The transcript a retention decision is about. */
export interface RetentionSubject {
  /**
   * The AssemblyAI transcript this run created, if any. Pass nothing for a transcript the caller did
   * not create (a transcript file, a dialogue): retention never deletes what it does not own.
   */
  transcriptId: string | null | undefined;
  /** When the note was safely stored (epoch ms); nothing while it is not (a failed or running visit). */
  noteStoredAt: number | null | undefined;
  /** True once the transcript was deleted (by retention, or by a user): nothing is left to do. */
  deleted?: boolean | undefined;
}

/** Why a transcript is kept. */
export type RetentionKeepReason = "no_policy" | "no_transcript" | "note_not_stored" | "already_deleted";

/**
 * What to do with a transcript now: keep it (and why), wait until `dueAt`, or delete it. The caller
 * deletes with its own client (a failed delete is tried again later, from the same decision).
 */
export type RetentionDecision =
  | { action: "keep"; reason: RetentionKeepReason }
  | { action: "wait"; dueAt: number }
  | { action: "delete"; transcriptId: string; dueAt: number };

/** Longest accepted retention: one year. */
export const MAX_RETENTION_MS = 366 * 24 * 3_600_000;

/**
 * Checks a policy: `deleteAfterMs` is undefined or a whole number of milliseconds from 0 to one year.
 * @throws {RangeError} naming the value and what is accepted.
 */
export function checkRetentionPolicy(policy: RetentionPolicy): RetentionPolicy {
  const ms = policy.deleteAfterMs;
  if (ms === undefined) return policy;
  if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0 || ms > MAX_RETENTION_MS) {
    throw new RangeError(
      `Retention deleteAfterMs must be a whole number of milliseconds from 0 (delete at once) to ${MAX_RETENTION_MS} (one year), or undefined (keep); got ${String(ms)}.`,
    );
  }
  return policy;
}

/**
 * The policy of "delete N hours after the note is stored" (`RETENTION_HOURS`); undefined keeps.
 * @throws {RangeError} when `hours` is not a number from 0 to 8784 (one leap year).
 * @example retentionFromHours(72) // { deleteAfterMs: 259200000 }
 */
export function retentionFromHours(hours: number | undefined): RetentionPolicy {
  if (hours === undefined) return { deleteAfterMs: undefined };
  if (typeof hours !== "number" || !Number.isFinite(hours) || hours < 0 || hours * 3_600_000 > MAX_RETENTION_MS) {
    throw new RangeError(`Retention hours must be a number from 0 to ${MAX_RETENTION_MS / 3_600_000}; got ${String(hours)}.`);
  }
  return { deleteAfterMs: Math.round(hours * 3_600_000) };
}

/**
 * The one retention rule of the CLI and the edge API: a transcript this run created is deleted once
 * the note written from it is safely stored and the policy's delay has passed; never before the note
 * is stored (a failed write must still be able to start again from the transcript), never without a
 * policy, never one the caller did not create.
 *
 * @throws {RangeError} for a policy {@link checkRetentionPolicy} refuses.
 * @example
 * ```ts
 * const d = retentionDecision({ deleteAfterMs: 0 }, { transcriptId, noteStoredAt: Date.now() }, Date.now());
 * if (d.action === "delete") await transcripts.delete(d.transcriptId);
 * ```
 */
export function retentionDecision(policy: RetentionPolicy, subject: RetentionSubject, now: number): RetentionDecision {
  const { deleteAfterMs } = checkRetentionPolicy(policy);
  if (deleteAfterMs === undefined) return { action: "keep", reason: "no_policy" };
  if (!subject.transcriptId) return { action: "keep", reason: "no_transcript" };
  if (subject.deleted === true) return { action: "keep", reason: "already_deleted" };
  if (subject.noteStoredAt === null || subject.noteStoredAt === undefined) return { action: "keep", reason: "note_not_stored" };
  const dueAt = subject.noteStoredAt + deleteAfterMs;
  return now >= dueAt ? { action: "delete", transcriptId: subject.transcriptId, dueAt } : { action: "wait", dueAt };
}

/**
 * The latest note-stored time whose transcript is due at `now` (for a query that selects the due
 * ones: `stored_at <= cutoff`), or undefined when the policy keeps everything.
 */
export function retentionCutoff(policy: RetentionPolicy, now: number): number | undefined {
  const { deleteAfterMs } = checkRetentionPolicy(policy);
  return deleteAfterMs === undefined ? undefined : now - deleteAfterMs;
}
