import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  TranscriptFailedError,
  UnprocessableEntityError,
} from "@org/soap-core";
import { SoapPromptsError } from "@org/soap-prompts";

/**
 * True for failures that another attempt cannot fix: AssemblyAI or the gateway refused the request
 * itself (400, 401, 403, 404, 422), the transcript failed, or the template/config is wrong. Everything
 * else (429, 5xx, connection, timeout, an answer that did not validate, anything unknown) is retried.
 *
 * Belongs in @org/soap-core (next to its retry policy) as `isPermanentError(error)`: the CLI needs the
 * same decision. Kept here as an adapter until core exports it.
 */
export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof BadRequestError ||
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError ||
    error instanceof NotFoundError ||
    error instanceof UnprocessableEntityError ||
    error instanceof TranscriptFailedError ||
    error instanceof SoapPromptsError
  );
}
