import { SoapPromptsError } from "@org/soap-prompts";
import { ApiError } from "./api-errors.js";
import { RequestValidationError } from "./response-validation-error.js";
import { TranscriptFailedError } from "./transcript-errors.js";
import { PlanMismatchError } from "../visit/plan-errors.js";

/** 4xx statuses that another attempt can fix: timeout, conflict with a changing state, rate limit. */
const RETRIABLE_4XX = new Set([408, 409, 429]);

/**
 * True when trying the same work again cannot succeed without a change by someone: AssemblyAI or the
 * gateway refused the request itself (4xx other than 408, 409 and 429: bad request, bad key, no
 * permission, unknown id, too large, unprocessable), the transcript ended in `error`, our own request
 * validation failed, the template or prompt config is wrong (any `SoapPromptsError`), or a recorded
 * plan cannot be carried out as recorded (`PlanMismatchError`).
 *
 * Everything else is transient and worth another attempt later: 408/409/429, 5xx, connection resets,
 * timeouts, an answer that did not validate (`ResponseValidationError`: a garbled or truncated
 * response), a model answer that broke the template's format (`SectionGenerationError`,
 * `StructuredAnswerError`, `InvalidNoteError`: the next answer may not), `TranscriptCreateUncertainError`
 * (look the transcript up, then go on) and anything unknown.
 *
 * The one decision the CLI (failures.jsonl `permanent`) and the edge API (queue retry or fail the
 * job) share.
 *
 * @example
 * ```ts
 * try { await runVisit(input, options); }
 * catch (err) { if (isPermanentError(err)) markFailed(err); else retryLater(); }
 * ```
 */
export function isPermanentError(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 400 && error.status < 500 && !RETRIABLE_4XX.has(error.status);
  return (
    error instanceof TranscriptFailedError ||
    error instanceof RequestValidationError ||
    error instanceof SoapPromptsError ||
    error instanceof PlanMismatchError
  );
}
