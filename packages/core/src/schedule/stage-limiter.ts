import { AbortError } from "../errors/transport-errors.js";
import { RankedQueue, type Ranked } from "./ranked-queue.js";

interface Waiter extends Ranked {
  grant: () => void;
}

/**
 * At most `limit` holders at once (the uploads, creates, polls or chats of a batch); waiters are
 * served by rank, then in arrival order. No timers: a slot passes on when a holder releases it.
 *
 * @example
 * ```ts
 * const uploads = new StageLimiter(8);
 * const release = await uploads.acquire(0, signal);
 * try { await upload(); } finally { release(); }
 * ```
 */
export class StageLimiter {
  readonly #queue = new RankedQueue<Waiter>();
  #active = 0;
  #seq = 0;
  #peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a stage limit must be a positive integer, got ${limit}`);
  }

  /** Holders right now. */
  get active(): number {
    return this.#active;
  }

  /** Waiters right now. */
  get waiting(): number {
    return this.#queue.size;
  }

  /** Most holders seen at once. */
  get peak(): number {
    return this.#peak;
  }

  /**
   * Resolves with the release function once a slot is free and no better-ranked waiter is ahead;
   * rejects with AbortError when `signal` aborts first. Release is idempotent.
   */
  acquire(rank = 0, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortError("Aborted while waiting for a request slot.", { cause: signal.reason }));
    if (this.#active < this.limit && this.#queue.size === 0) return Promise.resolve(this.#take());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#queue.remove(waiter)) reject(new AbortError("Aborted while waiting for a request slot.", { cause: signal?.reason }));
      };
      const waiter: Waiter = {
        rank,
        seq: this.#seq++,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#take());
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #take(): () => void {
    this.#active++;
    this.#peak = Math.max(this.#peak, this.#active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#pass();
    };
  }

  #pass(): void {
    while (this.#active < this.limit) {
      const next = this.#queue.shift();
      if (!next) return;
      next.grant();
    }
  }
}
