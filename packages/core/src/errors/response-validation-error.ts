import { SoapNotesError } from "./soap-notes-error.js";

/** One problem found in a response body: where (path of keys) and what. Never the value itself. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code?: string | undefined;
}

/**
 * A response did not fit the client's zod schema (or was not JSON). Unknown extra fields never
 * cause this; missing or mistyped known fields do. The message lists paths, never values.
 *
 * @example
 * ```ts
 * if (err instanceof ResponseValidationError) console.log(err.issues, err.status, err.requestId);
 * ```
 */
export class ResponseValidationError extends SoapNotesError {
  override name = "ResponseValidationError";
  readonly issues: ValidationIssue[];
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    options: { issues: ValidationIssue[]; status?: number; requestId?: string | undefined; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.issues = options.issues;
    this.status = options.status;
    this.requestId = options.requestId;
  }
}

/**
 * Parameters given to a client method were invalid; nothing was sent. `issues` say which.
 *
 * @example
 * ```ts
 * await transcripts.create({ audio_url: "" }).catch((e) => e instanceof RequestValidationError);
 * ```
 */
export class RequestValidationError extends SoapNotesError {
  override name = "RequestValidationError";
  readonly issues: ValidationIssue[];

  constructor(message: string, options: { issues: ValidationIssue[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.issues = options.issues;
  }
}
