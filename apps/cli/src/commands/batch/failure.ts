import { AuthenticationError, isPermanentError, PermissionDeniedError, TranscriptFailedError } from "@org/soap-core";
import { InputError, UsageError } from "../../errors/cli-errors.js";
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
  const message = (typeof e.message === "string" ? e.message : String(err)).split("\n")[0] ?? "";
  const info: FailureInfo = { name, message, permanent: err instanceof InputError || err instanceof UsageError || isPermanentError(err) };
  if (err instanceof TranscriptFailedError) info.transcript_failed = true;
  return info;
}

/** True for the errors that mean every visit will fail the same way (stop the batch). */
export function isAuthFailure(err: unknown): boolean {
  return err instanceof AuthenticationError || err instanceof PermissionDeniedError;
}
