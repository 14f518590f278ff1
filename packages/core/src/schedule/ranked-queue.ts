/** An entry of a {@link RankedQueue}: lower `rank` first, then lower `seq` (arrival order). */
export interface Ranked {
  rank: number;
  seq: number;
}

function before(a: Ranked, b: Ranked): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq);
}

/**
 * Waiters kept sorted by rank, then arrival: a sorted array with binary insertion (a batch has at
 * most a few thousand waiters, so this beats a heap on clarity at no measurable cost).
 */
export class RankedQueue<T extends Ranked> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.#items[mid] as T, item)) lo = mid + 1;
      else hi = mid;
    }
    this.#items.splice(lo, 0, item);
  }

  /** The first waiter, removed. */
  shift(): T | undefined {
    return this.#items.shift();
  }

  /** Removes `item` (an aborted waiter); false when it was not queued. */
  remove(item: T): boolean {
    const i = this.#items.indexOf(item);
    if (i < 0) return false;
    this.#items.splice(i, 1);
    return true;
  }
}
