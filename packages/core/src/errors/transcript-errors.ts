import { SoapNotesError } from "./soap-notes-error.js";

/**
 * A transcript ended with `status: "error"`. `message` holds AssemblyAI's reason (e.g. "Download
 * error, unable to download ..."), `transcriptId` which transcript.
 *
 * @example
 * ```ts
 * try { await transcripts.wait(id); }
 * catch (err) { if (err instanceof TranscriptFailedError) console.log(err.transcriptId, err.reason); }
 * ```
 */
export class TranscriptFailedError extends SoapNotesError {
  override name = "TranscriptFailedError";
  readonly transcriptId: string;
  /** AssemblyAI's `error` field. */
  readonly reason: string;

  constructor(transcriptId: string, reason: string) {
    super(`Transcript ${transcriptId} failed: ${reason}`);
    this.transcriptId = transcriptId;
    this.reason = reason;
  }
}

/**
 * `POST /v2/transcript` failed in a way where AssemblyAI may still have accepted (and will bill)
 * the transcript, so the client did not send it again. Find it before retrying yourself:
 * `for await (const t of transcripts.list({ limit: 20 }))` lists recent transcripts newest first;
 * match on `audio_url` and `created`.
 *
 * @example
 * ```ts
 * if (err instanceof TranscriptCreateUncertainError) {
 *   for await (const t of transcripts.list({ limit: 20 })) if (t.audio_url === url) console.log(t.id);
 * }
 * ```
 */
export class TranscriptCreateUncertainError extends SoapNotesError {
  override name = "TranscriptCreateUncertainError";
  /** HTTP status when there was an answer (e.g. 500, 504). */
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(detail: string, options: { cause?: unknown; status?: number | undefined; requestId?: string | undefined }) {
    super(
      `Creating the transcript may have succeeded on AssemblyAI's side (${detail}), so it was not retried ` +
        "(a duplicate would be billed twice). Before creating it again, look for it among your recent transcripts: " +
        "`transcripts.list({ limit: 20 })` (GET /v2/transcript, newest first) and match on audio_url and created.",
      { cause: options.cause },
    );
    this.status = options.status;
    this.requestId = options.requestId;
  }
}
