/**
 * Runs `task` over `items` with at most `limit` in flight, in order of `items`. Stops starting new
 * items once `shouldStop()` is true; resolves when every started task settled. Tasks must not throw
 * (they report their own failures); a throw is rethrown after the others settle.
 */
export async function runPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
  let next = 0;
  let firstError: unknown;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!shouldStop() && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (err) {
        if (!failed) {
          failed = true;
          firstError = err;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw firstError;
}
