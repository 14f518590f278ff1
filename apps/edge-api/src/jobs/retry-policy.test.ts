import { describe, expect, it } from "vitest";
import { isLastAttempt, NOTE_JOB_MAX_ATTEMPTS, queueRetryDelaySeconds } from "./retry-policy.js";

describe("queueRetryDelaySeconds", () => {
  const noJitter = { random: () => 0 };

  it("doubles from 10 s per delivery and caps at 300 s", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => queueRetryDelaySeconds(a, noJitter))).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it("adds at most 20 % jitter", () => {
    expect(queueRetryDelaySeconds(1, { random: () => 0.999 })).toBe(12);
    expect(queueRetryDelaySeconds(3, { random: () => 0.5 })).toBe(44);
  });

  it("waits at least as long as Retry-After asked, capped at 900 s", () => {
    expect(queueRetryDelaySeconds(1, { ...noJitter, retryAfterMs: 45_000 })).toBe(45);
    expect(queueRetryDelaySeconds(1, { ...noJitter, retryAfterMs: 3_600_000 })).toBe(900);
    expect(queueRetryDelaySeconds(4, { ...noJitter, retryAfterMs: 1_000 })).toBe(80);
  });
});

describe("isLastAttempt", () => {
  it("is true from the configured number of deliveries on", () => {
    expect(isLastAttempt(NOTE_JOB_MAX_ATTEMPTS - 1)).toBe(false);
    expect(isLastAttempt(NOTE_JOB_MAX_ATTEMPTS)).toBe(true);
    expect(isLastAttempt(2, 2)).toBe(true);
  });
});
