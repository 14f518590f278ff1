import { describe, expect, it } from "vitest";
import { resolveSettings, type RawFlags } from "../../config/settings.js";
import { batchConnections, batchScheduler } from "./batch-scheduler.js";

const settings = (flags: RawFlags = {}, env: Record<string, string> = {}) => resolveSettings({ flags, env });

describe("batchScheduler", () => {
  it("limits every stage to --concurrency and keeps twice as many visits in progress", () => {
    const s = batchScheduler(settings({ concurrency: "6" }));
    expect(s.visitsInFlight).toBe(12);
    for (const stage of ["upload", "create", "poll", "chat", "other"] as const) expect(s.limitOf(stage)).toBe(6);
    expect(batchConnections(s)).toBe(24);
  });

  it("budgets requests under --max-requests-per-5min, else core's 18,000", () => {
    expect(batchScheduler(settings()).budget?.maxRequests).toBe(18_000);
    expect(batchScheduler(settings({ maxRequestsPer5min: "6000" })).budget?.maxRequests).toBe(6000);
    expect(batchScheduler(settings({}, { SOAP_NOTES_MAX_REQUESTS_PER_5MIN: "900" })).budget?.maxRequests).toBe(900);
  });
});
