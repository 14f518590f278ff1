/**
 * The edge API made no note for a visit (`status: "failed"`): its failure code and reason, as the API
 * stored them (no transcript text). Permanent: the API already retried what it could, and a rerun asks
 * for the same note (the visit's `Idempotency-Key` is the same for 24 hours).
 */
export class RemoteNoteFailedError extends Error {
  readonly noteId: string;
  readonly code: string;
  /** Like core's permanent errors: running again will not help without a change. */
  readonly permanent = true;

  constructor(noteId: string, code: string, reason: string) {
    super(`the API could not make note ${noteId} (${code})${reason ? `: ${reason.split("\n")[0]}` : ""}`);
    this.name = "RemoteNoteFailedError";
    this.noteId = noteId;
    this.code = code;
  }
}
