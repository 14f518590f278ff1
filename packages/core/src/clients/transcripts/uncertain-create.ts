import type { ApiError } from "../../errors/api-errors.js";
import { TranscriptCreateUncertainError } from "../../errors/transcript-errors.js";
import type { SendFailure } from "../../http/http-client.js";
import { certainlyNotProcessed, type AttemptOutcome } from "../../internal/retry-policy.js";

const CREATED_NOTE =
  " AssemblyAI accepted the request, so the transcript probably exists: find it with list() before creating it again.";

/** True when a failed `POST /v2/transcript` may still have created (and billed) a transcript. */
function mayHaveCreated(outcome: AttemptOutcome | undefined): boolean {
  if (!outcome || certainlyNotProcessed(outcome)) return false;
  if (outcome.kind === "status") return outcome.status === 408 || outcome.status >= 500;
  return true; // timeout, or a connection lost after the request may have been sent
}

/**
 * The billing rule of `POST /v2/transcript`: a failure after which AssemblyAI may have accepted the
 * request becomes {@link TranscriptCreateUncertainError} (find the transcript with `list()`, never
 * create it again blindly); a 2xx whose body did not validate says the transcript probably exists.
 * Everything else (a 4xx, a 429/503 or a refused connection after the retries) passes unchanged.
 */
export function createFailure(failure: SendFailure): Error {
  if (failure.kind === "answered") {
    failure.error.message += CREATED_NOTE;
    return failure.error;
  }
  const { error, outcome } = failure;
  if (!mayHaveCreated(outcome)) return error;
  const status = outcome?.kind === "status" ? outcome.status : undefined;
  const detail = status !== undefined ? `HTTP ${status}` : outcome?.kind === "timeout" ? "the request timed out" : "the connection failed";
  return new TranscriptCreateUncertainError(detail, { cause: error, status, requestId: (error as Partial<ApiError>).requestId });
}
