import { describe, expect, it } from "vitest";
import { REMOTE_MAX_DELAY_MS, remoteRetryDelayMs, retryAfterMs, shouldRetryRemote } from "./remote-retry.js";

describe("remote retry policy", () => {
  it("retries limits, busy keys and edge failures, never a create's own failure", () => {
    expect(shouldRetryRemote(429, "rate_limited")).toBe(true);
    expect(shouldRetryRemote(429, "quota_exceeded")).toBe(true);
    expect(shouldRetryRemote(409, "request_in_progress")).toBe(true);
    expect(shouldRetryRemote(409, "idempotency_key_reused")).toBe(false);
    expect(shouldRetryRemote(503, undefined)).toBe(true);
    expect(shouldRetryRemote(502, "upstream_error")).toBe(true);
    expect(shouldRetryRemote(502, "transcript_create_failed")).toBe(false);
    expect(shouldRetryRemote(502, "transcript_create_uncertain")).toBe(false);
    expect(shouldRetryRemote(400, "validation_failed")).toBe(false);
    expect(shouldRetryRemote(401, "unauthorized")).toBe(false);
  });

  it("waits Retry-After (capped, with a little jitter), else backs off exponentially", () => {
    expect(remoteRetryDelayMs(1, { retryAfterMs: 7_000, random: () => 0 })).toBe(7_000);
    expect(remoteRetryDelayMs(1, { retryAfterMs: 7_000, random: () => 1 })).toBe(7_700);
    expect(remoteRetryDelayMs(1, { retryAfterMs: 86_400_000, random: () => 0 })).toBe(REMOTE_MAX_DELAY_MS);
    expect(remoteRetryDelayMs(1, { random: () => 0 })).toBe(250);
    expect(remoteRetryDelayMs(3, { random: () => 1 })).toBe(2_000);
    expect(remoteRetryDelayMs(20, { random: () => 1 })).toBe(30_000);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("30", 0)).toBe(30_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });
});
