/** Send times of requests, by kind, for the request-budget benchmark (B7). */
export interface RequestLog {
  /** ms since the log started, in send order. */
  times: number[];
  /** How many were status polls (`GET /v2/transcript/{id}`). */
  polls: number;
  record(url: string): void;
}

/** A log whose clock is `now` (ms). */
export function requestLog(now: () => number): RequestLog {
  const start = now();
  const log: RequestLog = {
    times: [],
    polls: 0,
    record(url) {
      log.times.push(now() - start);
      if (/\/v2\/transcript\/[^/?#]+$/.test(new URL(url).pathname)) log.polls++;
    },
  };
  return log;
}

/** Most entries of sorted `times` inside any window of `windowMs` (a sliding window over sends). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= windowMs) lo++;
    peak = Math.max(peak, hi - lo + 1);
  }
  return peak;
}
