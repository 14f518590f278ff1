import { SoapNotesError } from "../errors/soap-notes-error.js";

/**
 * A plan (or a note's recorded plan) cannot be carried out as recorded: its template is gone or
 * changed, or the transcript given is not the one the note was written from. Nothing was sent.
 */
export class PlanMismatchError extends SoapNotesError {
  override name = "PlanMismatchError";
}

/**
 * The transcript given to regenerate a section is not the one the note was written from (another
 * visit's words, a changed or deleted transcript). Names both. Nothing was sent.
 */
export class TranscriptMismatchError extends PlanMismatchError {
  override name = "TranscriptMismatchError";
  /** `provenance.transcript_hash` of the note (undefined for notes written before hashes). */
  readonly expectedHash: string | undefined;
  /** Hash of the transcript given. */
  readonly givenHash: string | undefined;

  constructor(message: string, options?: { cause?: unknown; expectedHash?: string | undefined; givenHash?: string | undefined }) {
    super(message, options);
    this.expectedHash = options?.expectedHash;
    this.givenHash = options?.givenHash;
  }
}
