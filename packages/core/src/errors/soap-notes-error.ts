/**
 * Base class of every error thrown by `@org/soap-core`. Catch this to handle all of them.
 *
 * No message of this hierarchy ever contains an API key, a webhook secret or transcript text.
 *
 * @example
 * ```ts
 * try {
 *   await transcripts.get(id);
 * } catch (err) {
 *   if (err instanceof SoapNotesError) console.error(err.name, err.message);
 * }
 * ```
 */
export class SoapNotesError extends Error {
  override name = "SoapNotesError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
