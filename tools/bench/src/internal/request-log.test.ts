import { describe, expect, it } from "vitest";
import { peakInWindow, requestLog } from "./request-log.js";

describe("peakInWindow", () => {
  it("counts the most sends inside any window, the window's end excluded", () => {
    expect(peakInWindow([], 1000)).toBe(0);
    expect(peakInWindow([0, 10, 20, 999, 1000, 1500], 1000)).toBe(4);
    expect(peakInWindow([0, 1000, 2000], 1000)).toBe(1);
    expect(peakInWindow([0, 500, 600, 700, 1400], 1000)).toBe(4);
  });
});

describe("requestLog", () => {
  it("records send times from its start and tells status polls apart", () => {
    let t = 100;
    const log = requestLog(() => t);
    log.record("http://127.0.0.1:1/v2/upload");
    t = 130;
    log.record("http://127.0.0.1:1/v2/transcript/abc");
    log.record("http://127.0.0.1:1/v2/transcript?limit=200");
    log.record("http://127.0.0.1:1/v1/chat/completions");
    expect(log.times).toEqual([0, 30, 30, 30]);
    expect(log.polls).toBe(1);
  });
});
