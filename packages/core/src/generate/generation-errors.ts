import { SoapNotesError } from "../errors/soap-notes-error.js";
import type { SoapNote, SoapSectionName } from "../note/soap-note.js";

/**
 * Some section requests of a `sectioned` generation failed. The sections that succeeded are kept in
 * `note` (evidence checked, a `section_failed` warning per missing section); `missingSections` names
 * the others; `cause` is an `AggregateError` of the request errors.
 *
 * @example
 * ```ts
 * try { note = await generateSoapNote(o); }
 * catch (e) { if (e instanceof SectionGenerationError) { note = e.note; retry(e.missingSections); } }
 * ```
 */
export class SectionGenerationError extends SoapNotesError {
  override name = "SectionGenerationError";
  readonly missingSections: SoapSectionName[];
  readonly note: SoapNote;

  constructor(missingSections: SoapSectionName[], note: SoapNote, causes: unknown[]) {
    super(`section request(s) failed: ${missingSections.join(", ")}`, {
      cause: new AggregateError(causes, "section request errors"),
    });
    this.missingSections = missingSections;
    this.note = note;
  }
}

/** A zod issue reduced to where and what (never the offending value). */
export interface AnswerIssue {
  path: (string | number)[];
  message: string;
}

/**
 * A structured answer did not fit the answer schema, even after the one repair retry.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StructuredAnswerError) console.error(e.issues); }
 * ```
 */
export class StructuredAnswerError extends SoapNotesError {
  override name = "StructuredAnswerError";
  readonly issues: AnswerIssue[];
  readonly attempts: number;

  constructor(issues: AnswerIssue[], attempts: number) {
    super(`structured answer does not fit the schema after ${attempts} attempt(s): ${issues.length} issue(s), first at ${issues[0]?.path.join(".") || "(root)"}`);
    this.issues = issues;
    this.attempts = attempts;
  }
}
