import { AbortError, ConnectionError, TimeoutError } from "../errors/transport-errors.js";
import { redactSecrets } from "../errors/redact.js";
import type { AttemptOutcome } from "../internal/retry-policy.js";

/** Result of one HTTP attempt: an answer with its body read, or a transport failure. */
export type AttemptResult =
  | { kind: "response"; response: Response; text: string }
  | { kind: "failed"; error: AbortError | TimeoutError | ConnectionError; outcome: AttemptOutcome | undefined };

// System codes that mean no connection was ever made, so no byte of the request left this machine.
const PRE_CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** System error code of a fetch failure (undici nests it in `cause`). */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Inputs of {@link runAttempt}. */
export interface AttemptInput {
  fetch: typeof fetch;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  operation: string;
  secrets: readonly string[];
}

/**
 * Sends one request with its own timeout (an AbortController cleared in `finally`) linked to the
 * caller's signal, and reads the whole answer body under the same timeout.
 */
export async function runAttempt(input: AttemptInput): Promise<AttemptResult> {
  const { signal, operation, secrets } = input;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  const fail = (err: unknown, phase: "send" | "read"): AttemptResult => {
    if (signal?.aborted) {
      return { kind: "failed", error: new AbortError(`${operation} was aborted.`, { cause: signal.reason }), outcome: undefined };
    }
    if (timedOut) {
      return {
        kind: "failed",
        error: new TimeoutError(`${operation} timed out after ${input.timeoutMs} ms.`, { cause: err }),
        outcome: { kind: "timeout" },
      };
    }
    const code = errorCode(err);
    const detail = code ?? (err instanceof Error ? err.message : "unknown error");
    return {
      kind: "failed",
      error: new ConnectionError(redactSecrets(`${operation} could not connect: ${detail}`, secrets), { cause: err, code }),
      outcome: { kind: "connection", beforeSend: phase === "send" && code !== undefined && PRE_CONNECT_CODES.has(code) },
    };
  };

  try {
    let response: Response;
    try {
      response = await input.fetch.call(undefined, input.url, { ...input.init, signal: controller.signal });
    } catch (err) {
      return fail(err, "send");
    }
    try {
      return { kind: "response", response, text: await response.text() };
    } catch (err) {
      return fail(err, "read");
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
