import { describe, expect, it } from "vitest";
import { rateWindow } from "./rate-limit.js";

describe("rateWindow", () => {
  it("starts windows on whole minutes and counts the seconds to the next one", () => {
    expect(rateWindow(120_000)).toEqual({ start: 120_000, retryAfterSeconds: 60 });
    expect(rateWindow(179_001)).toEqual({ start: 120_000, retryAfterSeconds: 1 });
    expect(rateWindow(150_500)).toEqual({ start: 120_000, retryAfterSeconds: 30 });
  });
});
