/** What a {@link RequestGate} learns about an attempt before it is sent. */
export interface GatedRequest {
  method: "GET" | "POST" | "DELETE";
  /** Absolute URL of the attempt. */
  url: string;
  /** The call's name, e.g. `"GET /v2/transcript/{id}"`. */
  operation: string;
}

/**
 * Admission control around every HTTP attempt of a client (a batch scheduler, a request budget).
 * `acquire` is awaited before each attempt and before that attempt's timeout starts, so time spent
 * waiting for a turn never counts as the request's own time; the release it returns is called once
 * the attempt ended (answer read, or failed). Waits between retries (`Retry-After`) and between
 * polls happen outside the gate. `acquire` rejects when `signal` aborts.
 *
 * @example
 * ```ts
 * const gate: RequestGate = { acquire: async () => () => {} }; // lets everything through
 * ```
 */
export interface RequestGate {
  acquire(request: GatedRequest, signal: AbortSignal | undefined): Promise<() => void>;
}
