/**
 * `@org/soap-core/errors` — every error class core throws, and nothing else: no clients, no
 * schemas, no zod. For code that only needs `instanceof` checks at start-up (a CLI's error
 * handler), where loading the validator would cost time. The root entry exports the same classes.
 *
 * @example
 * ```ts
 * import { AuthenticationError } from "@org/soap-core/errors";
 * if (err instanceof AuthenticationError) console.error("check ASSEMBLYAI_API_KEY");
 * ```
 * @packageDocumentation
 */
export { SoapNotesError } from "./soap-notes-error.js";
export {
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
} from "./api-errors.js";
export { ConnectionError, TimeoutError, AbortError } from "./transport-errors.js";
export { ResponseValidationError, RequestValidationError } from "./response-validation-error.js";
export { TranscriptFailedError, TranscriptCreateUncertainError } from "./transcript-errors.js";
export { SoapParseError } from "../parse/soap-parse-error.js";
export { InvalidNoteError } from "../note/invalid-note-error.js";
export { SectionGenerationError, StructuredAnswerError } from "../generate/generation-errors.js";
export { PlanMismatchError, TranscriptMismatchError } from "../visit/plan-errors.js";
export { UnredactedTextError } from "../visit/text-redaction-error.js";
