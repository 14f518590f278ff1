/** Where the sandbox reads the time (ms since epoch). Inject a fake one in tests. */
export interface Clock {
  now(): number;
}

/** setTimeout-like scheduling. Inject a manual one in tests and drive it with `sandbox.tick()`. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemScheduler: Scheduler = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on the given scheduler (immediately for 0). */
export function sleep(scheduler: Scheduler, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    scheduler.setTimeout(resolve, ms);
  });
}
