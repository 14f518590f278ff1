import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRetryAfterMs } from "./retry-after.js";
import { certainlyNotProcessed, isRetriableStatus, retryDelayMs, shouldRetry, type RetryMode } from "./retry-policy.js";

describe("shouldRetry", () => {
  const statuses = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504];

  it("retries reads and deletes on 408/409/429/5xx and never on other 4xx", () => {
    const retried = statuses.filter((status) => shouldRetry("idempotent", { kind: "status", status }));
    expect(retried).toEqual([408, 409, 429, 500, 502, 503, 504]);
  });

  it("retries reads on connection errors and timeouts", () => {
    expect(shouldRetry("idempotent", { kind: "connection", beforeSend: false })).toBe(true);
    expect(shouldRetry("idempotent", { kind: "timeout" })).toBe(true);
  });

  it("retries a transcript create only on 429, 503 and a connection never made", () => {
    const retried = statuses.filter((status) => shouldRetry("at-most-once", { kind: "status", status }));
    expect(retried).toEqual([429, 503]);
    expect(shouldRetry("at-most-once", { kind: "connection", beforeSend: true })).toBe(true);
    expect(shouldRetry("at-most-once", { kind: "connection", beforeSend: false })).toBe(false);
    expect(shouldRetry("at-most-once", { kind: "timeout" })).toBe(false);
  });

  it("never retries a streamed body, whatever happened", () => {
    const outcomes = [
      ...statuses.map((status) => ({ kind: "status" as const, status })),
      { kind: "connection" as const, beforeSend: true },
      { kind: "timeout" as const },
    ];
    expect(outcomes.some((o) => shouldRetry("no-replay", o))).toBe(false);
  });

  it("treats replayable and billed POSTs (byte uploads; chat) like reads when they got an answer", () => {
    const modes: RetryMode[] = ["idempotent", "replayable", "billed"];
    for (const status of statuses) {
      const [a, b, c] = modes.map((m) => shouldRetry(m, { kind: "status", status }));
      expect(a).toBe(b);
      expect(a).toBe(c);
    }
  });

  it("never retries a billed POST after a timeout (the first answer may still be billed)", () => {
    expect(shouldRetry("billed", { kind: "timeout" })).toBe(false);
    expect(shouldRetry("replayable", { kind: "timeout" })).toBe(true);
    expect(shouldRetry("billed", { kind: "connection", beforeSend: false })).toBe(true);
  });

  it("knows which outcomes prove the server did not process the request", () => {
    expect(certainlyNotProcessed({ kind: "status", status: 429 })).toBe(true);
    expect(certainlyNotProcessed({ kind: "status", status: 503 })).toBe(true);
    expect(certainlyNotProcessed({ kind: "status", status: 502 })).toBe(false);
    expect(certainlyNotProcessed({ kind: "timeout" })).toBe(false);
    expect(isRetriableStatus(599)).toBe(true);
  });
});

describe("retryDelayMs", () => {
  it("doubles from 500 ms and stops growing at the 8 s cap", () => {
    const top = [0, 1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, { random: () => 1 }));
    expect(top).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("keeps jittered delays between half and all of the step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const step = Math.min(8000, 500 * 2 ** attempt);
        const d = retryDelayMs(attempt, { random: () => r });
        return d >= Math.floor(step / 2) && d <= step;
      }),
    );
  });

  it("waits at least the Retry-After the server asked for, plus at most 10 % jitter", () => {
    expect(retryDelayMs(0, { retryAfterMs: 2000, random: () => 0 })).toBe(2000);
    expect(retryDelayMs(5, { retryAfterMs: 2000, random: () => 0.5 })).toBe(2100);
  });

  it("caps a huge Retry-After at maxRetryAfterMs", () => {
    expect(retryDelayMs(0, { retryAfterMs: 3_600_000, random: () => 0 })).toBe(60_000);
    expect(retryDelayMs(0, { retryAfterMs: 3_600_000, random: () => 0, maxRetryAfterMs: 5000 })).toBe(5000);
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-11-25T10:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs(new Headers({ "Retry-After": "3" }), now)).toBe(3000);
  });

  it("reads an HTTP date against the injected clock", () => {
    const h = new Headers({ "Retry-After": "Wed, 25 Nov 2026 10:00:07 GMT" });
    expect(parseRetryAfterMs(h, now)).toBe(7000);
  });

  it("never returns a negative wait for a date in the past", () => {
    const h = new Headers({ "Retry-After": "Wed, 25 Nov 2026 09:00:00 GMT" });
    expect(parseRetryAfterMs(h, now)).toBe(0);
  });

  it("prefers retry-after-ms and ignores garbage", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after-ms": "250", "Retry-After": "9" }), now)).toBe(250);
    expect(parseRetryAfterMs(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
