import { describe, expect, it } from "vitest";
import { fakeFetch, json, transcriptBody } from "../internal/test-support/fake-fetch.js";
import { createClients } from "./create-clients.js";

describe("createClients", () => {
  it("builds both clients on one key, region and fetch", async () => {
    const f = fakeFetch((call) =>
      call.url.includes("/v1/models") ? json({ data: [{ id: "m", object: "model" }] }) : json(transcriptBody("t1", "completed")),
    );
    const { transcripts, gateway } = createClients({ apiKey: "k-1", region: "eu", fetch: f.fetch, maxRetries: 0 });
    await transcripts.get("t1");
    await gateway.models().catch(() => undefined);
    expect(f.calls.map((c) => new URL(c.url).host)).toEqual(["api.eu.assemblyai.com", "llm-gateway.eu.assemblyai.com"]);
    expect(f.calls.every((c) => c.headers.get("authorization") === "k-1")).toBe(true);
  });

  it("gives the transcripts client the default speech models", async () => {
    const f = fakeFetch(() => json(transcriptBody("t2", "queued")));
    const { transcripts } = createClients({ apiKey: "k", fetch: f.fetch, defaultSpeechModels: ["universal-3-pro"] });
    await transcripts.create({ audio_url: "https://example.org/a.mp3" });
    expect(JSON.parse(String(f.calls[0]?.body))).toMatchObject({ speech_models: ["universal-3-pro"] });
  });
});
