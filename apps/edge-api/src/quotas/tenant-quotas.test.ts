import { describe, expect, it } from "vitest";
import { secondsToNextUtcDay, utcDay } from "./tenant-quotas.js";

describe("UTC days", () => {
  it("numbers days from the epoch and counts the seconds to the next midnight", () => {
    const midnight = Date.UTC(2026, 10, 25);
    expect(utcDay(midnight)).toBe(utcDay(midnight + 86_399_999));
    expect(utcDay(midnight + 86_400_000)).toBe(utcDay(midnight) + 1);
    expect(secondsToNextUtcDay(midnight)).toBe(86_400);
    expect(secondsToNextUtcDay(midnight + 86_399_500)).toBe(1);
    expect(secondsToNextUtcDay(Date.UTC(2026, 10, 25, 22, 30))).toBe(5_400);
  });
});
