import { SoapNotesError } from "../errors/soap-notes-error.js";
/** Why {@link parseSoapText} refused its input. */
export type SoapParseErrorCode = "invalid_input" | "input_too_large" | "internal";

/**
 * The only error the free-text parser throws. Its message never contains the input text.
 *
 * @example
 * ```ts
 * try { parseSoapText(answer); } catch (e) { if (e instanceof SoapParseError) console.error(e.code); }
 * ```
 */
export class SoapParseError extends SoapNotesError {
  override name = "SoapParseError";
  /** Machine-readable reason. */
  readonly code: SoapParseErrorCode;

  constructor(code: SoapParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
