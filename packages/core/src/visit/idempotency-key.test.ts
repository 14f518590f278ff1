import { describe, expect, it } from "vitest";
import { visitIdempotencyKey } from "./idempotency-key.js";

describe("visitIdempotencyKey", () => {
  it("is the same for the same visit and source, and fits the Idempotency-Key header rule", async () => {
    const a = await visitIdempotencyKey({ visitId: "visit-01", source: "https://x.test/a.mp3" });
    expect(a).toBe(await visitIdempotencyKey({ visitId: "visit-01", source: "https://x.test/a.mp3" }));
    expect(a).toMatch(/^soap-visit-v1-[0-9a-f]{64}$/);
    expect(a).not.toContain("visit-01");
  });

  it("changes with the visit id or the recording, and fields never run into each other", async () => {
    const base = await visitIdempotencyKey({ visitId: "ab", source: "c" });
    expect(await visitIdempotencyKey({ visitId: "a", source: "bc" })).not.toBe(base);
    expect(await visitIdempotencyKey({ visitId: "ab", source: "d" })).not.toBe(base);
    expect(await visitIdempotencyKey({ visitId: "abc", source: "c" })).not.toBe(base);
  });
});
