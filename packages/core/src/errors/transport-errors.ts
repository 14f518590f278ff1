import { SoapNotesError } from "./soap-notes-error.js";

/**
 * The request never got an HTTP answer (DNS failure, refused or reset connection, TLS error...).
 * Carries no status. `code` is the system error code when the runtime exposes one (e.g.
 * `ECONNREFUSED` on Node).
 *
 * @example
 * ```ts
 * if (err instanceof ConnectionError) console.log("network problem", err.code);
 * ```
 */
export class ConnectionError extends SoapNotesError {
  override name = "ConnectionError";
  /** System error code, e.g. `ECONNREFUSED`, when known. */
  readonly code: string | undefined;
  /** Host (with its port, if any) of the URL the request was sent to, e.g. `api.assemblyai.com`. */
  readonly host: string | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string | undefined; host?: string | undefined }) {
    super(message, options);
    this.code = options?.code;
    this.host = options?.host;
  }
}

/**
 * A request (or a whole `wait()`) ran out of time. When thrown by `wait()`, `transcriptId` and
 * `lastStatus` say which transcript is still processing: call `wait()` again later.
 *
 * @example
 * ```ts
 * if (err instanceof TimeoutError && err.transcriptId) resumeLater(err.transcriptId);
 * ```
 */
export class TimeoutError extends SoapNotesError {
  override name = "TimeoutError";
  /** Set when a `wait()` deadline passed. */
  readonly transcriptId: string | undefined;
  /** Last status seen by `wait()`. */
  readonly lastStatus: string | undefined;

  constructor(
    message: string,
    options?: { cause?: unknown; transcriptId?: string | undefined; lastStatus?: string | undefined },
  ) {
    super(message, options);
    this.transcriptId = options?.transcriptId;
    this.lastStatus = options?.lastStatus;
  }
}

/**
 * The caller's `AbortSignal` fired. `cause` holds the signal's reason.
 *
 * @example
 * ```ts
 * const ac = new AbortController();
 * setTimeout(() => ac.abort(), 1000);
 * await transcripts.wait(id, { signal: ac.signal }).catch((e) => e instanceof AbortError);
 * ```
 */
export class AbortError extends SoapNotesError {
  override name = "AbortError";
}
