import { SoapNotesError } from "../errors/soap-notes-error.js";
import type * as z from "zod/mini";

/**
 * Thrown when a value does not fit the {@link SoapNote} schema (e.g. by `toJson`). Carries the zod
 * issues (paths and messages only; the message itself names no note text).
 *
 * @example
 * ```ts
 * try { toJson(value); } catch (e) { if (e instanceof InvalidNoteError) console.error(e.issues); }
 * ```
 */
export class InvalidNoteError extends SoapNotesError {
  override name = "InvalidNoteError";
  readonly issues: z.core.$ZodIssue[];

  constructor(issues: z.core.$ZodIssue[], options?: { cause?: unknown }) {
    super(`not a valid SOAP note: ${issues.length} issue(s), first at ${issues[0]?.path.join(".") || "(root)"}`, options);
    this.issues = issues;
  }
}
