import { AbortError } from "../errors/transport-errors.js";

/** Throws AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, during: string): void {
  if (signal?.aborted) throw new AbortError(`The visit was aborted ${during}.`, { cause: signal.reason });
}

/**
 * The error to propagate for `err`: an AbortError when the run's signal fired (whatever the
 * dependency threw on abort, e.g. a DOMException), else `err` itself.
 */
export function abortAware(err: unknown, signal: AbortSignal | undefined, during: string): unknown {
  if (err instanceof AbortError) return err;
  if (signal?.aborted) return new AbortError(`The visit was aborted ${during}.`, { cause: err });
  return err;
}

/**
 * Settles with `work`, or rejects with AbortError as soon as the signal fires, so the run stops
 * promptly even if a dependency ignores its signal. (`work` keeps running; its result is dropped.)
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, during: string): Promise<T> {
  if (!signal) return work;
  throwIfAborted(signal, during);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new AbortError(`The visit was aborted ${during}.`, { cause: signal.reason }));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (err) {
    throw abortAware(err, signal, during);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
    // The dropped work may still reject later; that is not an unhandled error of ours.
    work.catch(() => undefined);
  }
}
