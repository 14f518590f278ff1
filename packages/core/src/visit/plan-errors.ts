import { SoapNotesError } from "../errors/soap-notes-error.js";

/**
 * A plan (or a note's recorded plan) cannot be carried out as recorded: its template is gone or
 * changed, or the transcript given is not the one the note was written from. Nothing was sent.
 */
export class PlanMismatchError extends SoapNotesError {
  override name = "PlanMismatchError";
}
