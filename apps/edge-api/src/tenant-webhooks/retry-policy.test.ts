import { describe, expect, it } from "vitest";
import { decideAfterAttempt, QUEUE_MAX_DELAY_SECONDS, WEBHOOK_GIVE_UP_AFTER_MS, WEBHOOK_MAX_ATTEMPTS, webhookRetryDelaySeconds } from "./retry-policy.js";

const base = { seriesStartedAt: 0, now: 0, random: () => 0 };

describe("webhookRetryDelaySeconds", () => {
  it("grows 4× per attempt from one minute and stops at the queue's 12-hour maximum", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => webhookRetryDelaySeconds(a, () => 0))).toEqual([
      60, 240, 960, 3840, 15360, 43200, 43200, 43200,
    ]);
  });

  it("adds up to 20 % jitter, never beyond 12 hours", () => {
    expect(webhookRetryDelaySeconds(1, () => 0.5)).toBe(66);
    expect(webhookRetryDelaySeconds(2, () => 0.999)).toBe(288);
    expect(webhookRetryDelaySeconds(7, () => 0.999)).toBe(QUEUE_MAX_DELAY_SECONDS);
  });
});

describe("decideAfterAttempt", () => {
  it("calls any 2xx delivered", () => {
    for (const status of [200, 202, 204, 299]) expect(decideAfterAttempt({ status }, { ...base, attempts: 1 })).toEqual({ kind: "delivered" });
  });

  it("disables the endpoint on 410 Gone, on any attempt", () => {
    expect(decideAfterAttempt({ status: 410 }, { ...base, attempts: 1 })).toEqual({ kind: "endpoint_gone" });
    expect(decideAfterAttempt({ status: 410 }, { ...base, attempts: WEBHOOK_MAX_ATTEMPTS })).toEqual({ kind: "endpoint_gone" });
  });

  it("retries 5xx, 4xx, redirects, timeouts and connection failures with backoff", () => {
    for (const outcome of [{ status: 500 }, { status: 404 }, { status: 301 }, { error: "timeout" as const }, { error: "connect_failed" as const }]) {
      expect(decideAfterAttempt(outcome, { ...base, attempts: 2 })).toEqual({ kind: "retry", delaySeconds: 240 });
    }
  });

  it("gives up after the last attempt", () => {
    expect(decideAfterAttempt({ status: 500 }, { ...base, attempts: WEBHOOK_MAX_ATTEMPTS - 1 }).kind).toBe("retry");
    expect(decideAfterAttempt({ status: 500 }, { ...base, attempts: WEBHOOK_MAX_ATTEMPTS })).toEqual({ kind: "give_up" });
  });

  it("gives up when the next attempt would fall more than 72 hours after the event", () => {
    const now = WEBHOOK_GIVE_UP_AFTER_MS - 30_000;
    expect(decideAfterAttempt({ status: 503 }, { ...base, now, attempts: 1 })).toEqual({ kind: "give_up" });
    expect(decideAfterAttempt({ status: 503 }, { ...base, now: WEBHOOK_GIVE_UP_AFTER_MS - 120_000, attempts: 1 }).kind).toBe("retry");
  });
});
