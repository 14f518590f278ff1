import { describe, expect, it } from "vitest";
import { BATCH_MODEL, describeModel, sandboxLatencyOptions, spreadTranscriptionTimes, STANDARD_MODEL, transcriptionMs } from "./latency-model.js";
import { mean } from "./stats.js";

describe("latency models", () => {
  it("model the issue's example: upload 0.2 s, transcription 3 s, gateway 1.5 s", () => {
    expect(STANDARD_MODEL.upload.baseMs).toBe(200);
    expect(transcriptionMs(STANDARD_MODEL)).toBe(3000);
    expect(STANDARD_MODEL.chat.baseMs).toBe(1500);
  });
  it("keep B3's model shorter than the standard one", () => {
    expect(transcriptionMs(BATCH_MODEL)).toBeLessThan(transcriptionMs(STANDARD_MODEL));
    expect(BATCH_MODEL.chat.baseMs).toBeLessThan(STANDARD_MODEL.chat.baseMs);
  });
  it("map to the sandbox's per-route latency and job times", () => {
    const o = sandboxLatencyOptions(STANDARD_MODEL);
    expect(o.latency.chat).toEqual({ baseMs: 1500, jitterMs: 100 });
    expect(o.queuedMs + o.processingMs).toBe(3000);
    expect(describeModel(STANDARD_MODEL)).toContain("transcription 3000 ms");
  });
});

describe("spreadTranscriptionTimes", () => {
  it("centres the times on the model and keeps them inside the spread", () => {
    const times = spreadTranscriptionTimes(3, 3000, 500);
    expect(times).toEqual([2667, 3000, 3333]);
    expect(mean(times)).toBeCloseTo(3000, 0);
  });
  it("uses the centre for a single repetition", () => {
    expect(spreadTranscriptionTimes(1, 3000, 500)).toEqual([3000]);
  });
  it("rejects a repetition count below one", () => {
    expect(() => spreadTranscriptionTimes(0, 3000, 500)).toThrow(RangeError);
  });
});
