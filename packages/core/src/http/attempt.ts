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

/** Host (and port) of a request URL, or undefined when it does not parse. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * How an attempt times out: `total` bounds the whole exchange (send, answer, body read); `idle`
 * fires only when nothing moved for `ms`: every request-body chunk fetch pulls, and the answer's
 * arrival, start the wait again.
 */
export interface AttemptTimeout {
  kind: "total" | "idle";
  ms: number;
}

/** Inputs of {@link runAttempt}. */
export interface AttemptInput {
  fetch: typeof fetch;
  url: string;
  init: RequestInit;
  timeout: AttemptTimeout;
  /**
   * Makes this attempt's body, given the function to call whenever a chunk of it is sent (used with
   * an `idle` timeout). Overrides `init.body`.
   */
  body?: ((onProgress: () => void) => BodyInit) | undefined;
  signal: AbortSignal | undefined;
  operation: string;
  secrets: readonly string[];
}

function timeoutMessage(operation: string, timeout: AttemptTimeout): string {
  return timeout.kind === "idle"
    ? `${operation} timed out: nothing was sent or received for ${timeout.ms} ms.`
    : `${operation} timed out after ${timeout.ms} ms.`;
}

/**
 * Sends one request with its own timeout (an AbortController cleared in `finally`) linked to the
 * caller's signal, and reads the whole answer body under the same timeout.
 */
export async function runAttempt(input: AttemptInput): Promise<AttemptResult> {
  const { signal, operation, secrets, timeout } = input;
  const controller = new AbortController();
  let timedOut = false;
  const expire = (): void => {
    timedOut = true;
    controller.abort();
  };
  let timer = setTimeout(expire, timeout.ms);
  const activity = (): void => {
    if (timeout.kind !== "idle" || timedOut) return;
    clearTimeout(timer);
    timer = setTimeout(expire, timeout.ms);
  };
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  const fail = (err: unknown, phase: "send" | "read"): AttemptResult => {
    if (signal?.aborted) {
      return { kind: "failed", error: new AbortError(`${operation} was aborted.`, { cause: signal.reason }), outcome: undefined };
    }
    if (timedOut) {
      return {
        kind: "failed",
        error: new TimeoutError(timeoutMessage(operation, timeout), { cause: err }),
        outcome: { kind: "timeout" },
      };
    }
    const code = errorCode(err);
    const detail = code ?? (err instanceof Error ? err.message : "unknown error");
    return {
      kind: "failed",
      error: new ConnectionError(redactSecrets(`${operation} could not connect: ${detail}`, secrets), { cause: err, code, host: hostOf(input.url) }),
      outcome: { kind: "connection", beforeSend: phase === "send" && code !== undefined && PRE_CONNECT_CODES.has(code) },
    };
  };

  try {
    let response: Response;
    try {
      const init: RequestInit = { ...input.init, signal: controller.signal };
      if (input.body) init.body = input.body(activity);
      response = await input.fetch.call(undefined, input.url, init);
    } catch (err) {
      return fail(err, "send");
    }
    activity();
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
