import { AuthenticationError, ConnectionError, isPermanentError, PermissionDeniedError, TranscriptFailedError } from "@org/soap-core";
import { InputError, NetworkError, UsageError } from "../../errors/cli-errors.js";
import { describeConnectionFailure, isUnreachable } from "../../errors/network-message.js";
import { RemoteNoteFailedError } from "../../remote/remote-errors.js";
/** A visit failure as reported in the summary, the ledger and failures.jsonl. */
export interface FailureInfo {
  name: string;
  /** One line, never a key or transcript text (core's errors guarantee it for theirs). */
  message: string;
  /** Running again will not help without a change (bad audio, bad request, failed transcript…). */
  permanent: boolean;
  transcript_failed?: boolean;
}

/** Classifies an error thrown by a visit. */
export function describeFailure(err: unknown): FailureInfo {
  if (typeof err !== "object" || err === null) return { name: "Error", message: String(err), permanent: false };
  const e = err as { name?: unknown; message?: unknown; status?: unknown };
  const name = typeof e.name === "string" ? e.name : "Error";
  const firstLine = (typeof e.message === "string" ? e.message : String(err)).split("\n")[0] ?? "";
  // Core's connection message names the request, not where it went: add the host.
  const message = err instanceof ConnectionError && err.host !== undefined ? `${firstLine} (${err.host})` : firstLine;
  const info: FailureInfo = { name, message, permanent: err instanceof InputError || err instanceof UsageError || err instanceof RemoteNoteFailedError || isPermanentError(err) };
  if (err instanceof TranscriptFailedError) info.transcript_failed = true;
  return info;
}

/** True for the errors that mean every visit will fail the same way (stop the batch). */
export function isAuthFailure(err: unknown): boolean {
  return err instanceof AuthenticationError || err instanceof PermissionDeniedError;
}

/**
 * Visits in a row that must fail without reaching AssemblyAI (after core's retries) before a batch
 * stops: the network, DNS, a proxy or the URL is down for every visit alike.
 */
export const CONNECTION_FAILURES_TO_STOP = 5;

/**
 * True for a failure where AssemblyAI (or the proxy before it) could not be reached at all: DNS,
 * refused, connect timeout, no route, TLS, proxy. A connection reset mid-request is not counted: the
 * host was reached, and the visit fails (and is retried by the next run) like any transient fault.
 */
export function isConnectionFailure(err: unknown): boolean {
  return err instanceof ConnectionError && isUnreachable(err);
}

/**
 * The error a batch ends with when it could not reach AssemblyAI (exit 4): the host, the likely
 * cause and the fix, how far the batch got, and the command that resumes it.
 */
export function unreachableError(outcome: { networkError?: unknown; unreachable: number; done: number }, rerun: string): NetworkError {
  const cause = outcome.networkError;
  const what = cause instanceof ConnectionError ? describeConnectionFailure(cause) : "cannot reach AssemblyAI";
  const done = outcome.done > 0 ? `, ${outcome.done} done` : "";
  return new NetworkError(`${what}; the batch stopped (${outcome.unreachable} visits could not connect${done}); progress is saved, run the same command again to resume: ${rerun}`, { cause });
}
