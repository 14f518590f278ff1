/** A visit failure as reported in the summary, the ledger and failures.jsonl. */
export interface FailureInfo {
  name: string;
  /** One line, never a key or transcript text (core's errors guarantee it for theirs). */
  message: string;
  /** Running again will not help without a change (bad audio, bad request, failed transcript…). */
  permanent: boolean;
  transcript_failed?: boolean;
}

const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 409, 413, 422]);
const PERMANENT_NAMES = new Set(["TranscriptFailedError", "InputError", "RequestValidationError", "ResponseValidationError", "InvalidNoteError", "TemplateNotFoundError", "UsageError"]);

/** Classifies an error thrown by a visit. */
export function describeFailure(err: unknown): FailureInfo {
  if (typeof err !== "object" || err === null) return { name: "Error", message: String(err), permanent: false };
  const e = err as { name?: unknown; message?: unknown; status?: unknown };
  const name = typeof e.name === "string" ? e.name : "Error";
  const message = (typeof e.message === "string" ? e.message : String(err)).split("\n")[0] ?? "";
  const status = typeof e.status === "number" ? e.status : undefined;
  const info: FailureInfo = { name, message, permanent: PERMANENT_NAMES.has(name) || (status !== undefined && PERMANENT_STATUSES.has(status)) };
  if (name === "TranscriptFailedError") info.transcript_failed = true;
  return info;
}

/** True for the errors that mean every visit will fail the same way (stop the batch). */
export function isAuthFailure(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "AuthenticationError" || name === "PermissionDeniedError";
}
