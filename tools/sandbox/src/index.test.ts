import { describe, expect, it } from "vitest";
import { createSandbox, DEMO_API_KEY, FixtureValidationError, fixtureSchema, ROUTE_NAMES } from "./index.js";
import { tinyFixture } from "./internal/test-support/fixtures.js";

describe("createSandbox", () => {
  it("accepts the documented demo key by default", async () => {
    const sb = createSandbox();
    expect(sb.apiKey).toBe(DEMO_API_KEY);
    expect(DEMO_API_KEY).toBe("sandbox-demo-key");
    const res = await sb.fetch("https://api.assemblyai.com/v2/transcript", { headers: { authorization: DEMO_API_KEY } });
    expect(res.status).toBe(200);
  });

  it("validates fixtures and says which one is wrong", async () => {
    const good = await tinyFixture();
    const bad = { ...good, audio: { ...good.audio, sha256: "not-hex" } };
    expect(() => createSandbox({ fixtures: [good, bad] })).toThrow(FixtureValidationError);
    try {
      createSandbox({ fixtures: [good, bad] });
    } catch (e) {
      expect((e as FixtureValidationError).index).toBe(1);
      expect((e as Error).message).toContain("audio.sha256");
    }
    expect(fixtureSchema.safeParse(good).success).toBe(true);
  });

  it("rejects negative durations and a concurrency below 1", () => {
    expect(() => createSandbox({ queuedMs: -1 })).toThrow(RangeError);
    expect(() => createSandbox({ concurrency: 0 })).toThrow(RangeError);
    expect(() => createSandbox({ region: "mars" as "us" })).toThrow(RangeError);
    expect(() => createSandbox({ notFoundStatus: 410 as 404 })).toThrow(RangeError);
  });

  it("does not serve the admin routes in-process unless asked", async () => {
    expect((await createSandbox().fetch("/__sandbox/counters")).status).toBe(404);
    expect((await createSandbox({ admin: true }).fetch("/__sandbox/counters")).status).toBe(200);
  });

  it("names every route the fault plan and counters know", () => {
    expect(ROUTE_NAMES).toEqual([
      "upload", "create", "list", "get", "delete", "sentences", "paragraphs", "redacted_audio", "word_search", "subtitles",
      "chat", "models", "understanding", "webhook",
    ]);
  });
});
