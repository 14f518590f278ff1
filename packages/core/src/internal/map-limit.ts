/**
 * Runs `task` over `items` with at most `limit` calls in flight, starting them in input order. Stops
 * starting new items once `shouldStop()` is true and resolves when every started call settled. A
 * task that throws does not stop the others; the first error is rethrown once all have settled.
 *
 * @example
 * ```ts
 * await forEachWithLimit(visits, 8, (v) => processVisit(v), () => signal.aborted);
 * ```
 */
export async function forEachWithLimit<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!shouldStop() && next < items.length) {
      const i = next++;
      try {
        await task(items[i] as T, i);
      } catch (err) {
        if (!failed) {
          failed = true;
          firstError = err;
        }
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failed) throw firstError;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight and settles every call (like
 * `Promise.allSettled`, in input order).
 *
 * @example
 * ```ts
 * const settled = await mapSettledWithLimit(sections, 4, (s) => ask(s));
 * ```
 */
export async function mapSettledWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  await forEachWithLimit(items, limit, async (item, i) => {
    try {
      results[i] = { status: "fulfilled", value: await fn(item, i) };
    } catch (reason) {
      results[i] = { status: "rejected", reason };
    }
  });
  return results;
}
