import { isPermanentError } from "@org/soap-core";

/**
 * True for failures that another attempt cannot fix (the job fails now); everything else goes back
 * to the queue, which retries with backoff. The decision is core's `isPermanentError`, shared with
 * the CLI: 4xx other than 408/409/429, a failed transcript, our own request validation, a bad
 * template or prompt config.
 */
export function isPermanentFailure(error: unknown): boolean {
  return isPermanentError(error);
}
