import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../src/index.js";
import { createHarness, KNEE_AUDIO_URL, type Harness } from "./support/harness.js";
import { envelope } from "./support/flow.js";

describe("request validation", () => {
  let h: Harness;
  let key: string;
  beforeAll(async () => {
    h = createHarness();
    ({ key } = await h.seedTenant("Clinic"));
  });

  const post = (json: unknown) => h.request("/v1/notes", { method: "POST", key, json });

  const badBodies: [string, Record<string, unknown>, string][] = [
    ["a missing audio_url", {}, "audio_url"],
    ["an audio_url that is not a URL", { audio_url: "visit.mp3" }, "audio_url"],
    ["an audio_url that is not http(s)", { audio_url: "file:///etc/passwd" }, "audio_url"],
    ["an empty template", { audio_url: KNEE_AUDIO_URL, template: "" }, "template"],
    ["a template that is not a string", { audio_url: KNEE_AUDIO_URL, template: 3 }, "template"],
    ["an empty experiment_key", { audio_url: KNEE_AUDIO_URL, experiment_key: "" }, "experiment_key"],
    ["redaction of the wrong type", { audio_url: KNEE_AUDIO_URL, redaction: "yes" }, "redaction"],
    ["an unknown redaction policy", { audio_url: KNEE_AUDIO_URL, redaction: { policies: ["person_name", "shoe_size"] } }, "redaction"],
    ["an unknown redaction substitution", { audio_url: KNEE_AUDIO_URL, redaction: { substitution: "stars" } }, "redaction"],
    ["speakers_expected of 0", { audio_url: KNEE_AUDIO_URL, speakers_expected: 0 }, "speakers_expected"],
    ["a fractional speakers_expected", { audio_url: KNEE_AUDIO_URL, speakers_expected: 1.5 }, "speakers_expected"],
    ["medical that is not a boolean", { audio_url: KNEE_AUDIO_URL, medical: "true" }, "medical"],
    ["an unknown field", { audio_url: KNEE_AUDIO_URL, colour: "blue" }, "colour"],
  ];

  for (const [what, body, field] of badBodies) {
    it(`answers 400 naming ${field} for ${what}`, async () => {
      const res = await post(body);
      expect(res.status).toBe(400);
      const { error } = await envelope(res);
      expect(error.code).toBe("validation_failed");
      expect(error.message).toContain(field);
      expect(error.details?.issues?.some((i) => i.field.startsWith(field))).toBe(true);
    });
  }

  it("names every bad field at once", async () => {
    const { error } = await envelope(await post({ audio_url: "nope", speakers_expected: -1, medical: 1 }));
    expect(error.message).toMatch(/audio_url.*speakers_expected.*medical/);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await h.request("/v1/notes", { method: "POST", key, headers: { "content-type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    expect((await envelope(res)).error.code).toBe("validation_failed");
  });

  it("answers 415 unsupported_media_type for a body that is not declared JSON", async () => {
    const res = await h.request("/v1/notes", { method: "POST", key, headers: { "content-type": "text/plain" }, body: JSON.stringify({ audio_url: KNEE_AUDIO_URL }) });
    expect(res.status).toBe(415);
    expect((await envelope(res)).error.code).toBe("unsupported_media_type");
  });

  it("answers 400 unknown_template, listing the templates, and records no job", async () => {
    const before = h.sandbox.counters.transcriptsCreated;
    const res = await post({ audio_url: KNEE_AUDIO_URL, template: "soap-nonexistent@1" });
    expect(res.status).toBe(400);
    const { error } = await envelope(res);
    expect(error.code).toBe("unknown_template");
    expect(error.details?.issues?.[0]?.field).toBe("template");
    expect(Array.isArray(error.details?.["available"])).toBe(true);
    expect(h.sandbox.counters.transcriptsCreated).toBe(before);
    const list = (await (await h.request("/v1/notes", { key })).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
  });

  it(`answers 413 for a body over ${MAX_BODY_BYTES} bytes`, async () => {
    const res = await post({ audio_url: KNEE_AUDIO_URL, template: "x".repeat(MAX_BODY_BYTES) });
    expect(res.status).toBe(413);
    expect((await envelope(res)).error.code).toBe("payload_too_large");
  });

  it("answers 400 naming the parameter for a bad format, limit, cursor or section", async () => {
    for (const [path, field] of [
      ["/v1/notes/x?format=pdf", "format"],
      ["/v1/notes?limit=0", "limit"],
      ["/v1/notes?limit=abc", "limit"],
      ["/v1/notes?cursor=garbage", "cursor"],
    ] as const) {
      const res = await h.request(path, { key });
      expect(res.status, path).toBe(400);
      expect((await envelope(res)).error.message).toContain(field);
    }
    const res = await h.request("/v1/notes/x/sections/history/regenerate", { method: "POST", key });
    expect(res.status).toBe(400);
    expect((await envelope(res)).error.message).toContain("section");
  });

  it("never answers 5xx to arbitrary JSON bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const res = await post(value);
        expect(res.status).toBe(400);
        await envelope(res);
      }),
      { numRuns: 40 },
    );
  });
});
