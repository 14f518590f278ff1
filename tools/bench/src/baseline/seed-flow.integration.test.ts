import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createSandbox } from "@org/soap-sandbox";
import { loadFixtures } from "@org/soap-sandbox/node";
import { describe, expect, it } from "vitest";
import { SeedFlow } from "./seed-flow.js";

const fixturesDir = fileURLToPath(new URL("../../../sandbox/fixtures/", import.meta.url));
const audio = fileURLToPath(new URL("../../../../samples/visits/visit-01-finger-injury.mp3", import.meta.url));

describe("SeedFlow against the sandbox (in-process, no network)", () => {
  it("transcribes a sample visit and answers Method 1 and Method 2 from the transcript", async () => {
    const sandbox = createSandbox({ fixtures: await loadFixtures(fixturesDir), queuedMs: 5, processingMs: 20 });
    try {
      const flow = new SeedFlow({
        apiKey: sandbox.apiKey,
        baseUrl: "http://sandbox.local",
        gatewayBaseUrl: "http://sandbox.local",
        fetch: (url, init) => sandbox.fetch(url, init),
        pollIntervalMs: 10,
      });
      const id = await flow.transcribe(new Uint8Array(await readFile(audio)));
      expect(sandbox.counters.transcriptsCreated).toBe(1);
      expect((await flow.method1(id)).length).toBeGreaterThan(0);
      const sections = await flow.method2(id);
      expect(sections).toHaveLength(4);
      expect(sections.every((s) => s.text.length > 0)).toBe(true);
      expect(sandbox.counters.calls("chat")).toBe(5);
    } finally {
      sandbox.close();
    }
  });
});
