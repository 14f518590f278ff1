import { describe, expect, it } from "vitest";
import { formatHeartbeat, heartbeatMs } from "./heartbeat.js";
import { emptyCounts } from "./progress-format.js";

describe("heartbeatMs", () => {
  it("defaults to 15 s and takes seconds (fractions too, 0 to turn it off) from SOAP_NOTES_HEARTBEAT", () => {
    expect(heartbeatMs({})).toBe(15_000);
    expect(heartbeatMs({ SOAP_NOTES_HEARTBEAT: "0.2" })).toBe(200);
    expect(heartbeatMs({ SOAP_NOTES_HEARTBEAT: " 30 " })).toBe(30_000);
    expect(heartbeatMs({ SOAP_NOTES_HEARTBEAT: "0" })).toBe(0);
    expect(heartbeatMs({ SOAP_NOTES_HEARTBEAT: "" })).toBe(15_000);
  });

  it.each(["fast", "-1", "1e3", "3601"])("refuses %s with a message naming the variable and the range", (value) => {
    expect(() => heartbeatMs({ SOAP_NOTES_HEARTBEAT: value })).toThrow(/SOAP_NOTES_HEARTBEAT must be a number of seconds from 0 to 3600/);
  });
});

describe("formatHeartbeat", () => {
  it("names done/total, failures, the visits in each stage and the time so far", () => {
    const c = emptyCounts(200, 0);
    c.done = 12;
    c.failed = 3;
    c.active = { upload: 2, transcribe: 10, generate: 0, write: 4 };
    expect(formatHeartbeat(c, 90_000)).toBe("soap-notes: 12/200 done, 3 failed, 16 in progress (uploading 2, transcribing 10, writing 4), 1m30s");
  });

  it("counts visits done by an earlier run as done, and says so", () => {
    const c = emptyCounts(10, 1000);
    c.skipped = 7;
    c.done = 1;
    expect(formatHeartbeat(c, 16_000)).toBe("soap-notes: 8/10 done (7 by an earlier run), 0 failed, 0 in progress, 15s");
  });
});
