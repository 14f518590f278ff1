import { describe, expect, it } from "vitest";
import { ENTITY_TYPES } from "./entities.js";
import { fixtureLanguageConfidence } from "./language-detection.js";
import { tinyFixture } from "./test-support/fixtures.js";
import type { Json } from "./test-support/http.js";
import { runTranscript, threeVoiceFixture } from "./test-support/run-transcript.js";
import { loadSpecs, referenceAvailable } from "./test-support/spec.js";

type Spec = ReturnType<typeof loadSpecs>;

describe.skipIf(!referenceAvailable)("contract: the emulated transcription options validate against openapi.yml", () => {
  const spec = referenceAvailable ? loadSpecs() : (undefined as unknown as Spec);
  const valid = (schema: string, value: unknown, what: string) => expect(spec.errors("openapi.yml", schema, value), `${what} against ${schema}`).toEqual([]);

  it("the entity types are the spec's EntityType enum", () => {
    expect([...ENTITY_TYPES].sort()).toEqual([...(spec.docs["openapi.yml"]["components"]["schemas"]["EntityType"]["enum"] as string[])].sort());
  });

  it("the validator refuses what these options must not emit (so the checks below can fail)", () => {
    const word = { text: "hi", start: 0, end: 1, confidence: 0.9, speaker: null, channel: 1 };
    expect(spec.errors("openapi.yml", "TranscriptWord", word)).not.toEqual([]);
    expect(spec.errors("openapi.yml", "Entity", { entity_type: "body_part", text: "knee", start: 0, end: 1 })).not.toEqual([]);
    expect(spec.errors("openapi.yml", "TranscriptParagraph", { text: "x", start: 0, end: 1, confidence: 1, words: [], channel: "1" })).not.toEqual([]);
    expect(spec.errors("openapi.yml", "Transcript", { id: "x", status: "queued", audio_channels: null })).not.toEqual([]);
  });

  const variants: [string, Record<string, unknown>][] = [
    ["multichannel", { multichannel: true }],
    ["multichannel + speaker_labels + redaction", { multichannel: true, speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_name" }],
    ["entity_detection + redaction", { entity_detection: true, redact_pii: true, redact_pii_policies: ["person_name", "date_of_birth", "phone_number"] }],
    ["language_detection + options", { language_detection: true, language_confidence_threshold: 0.5, language_detection_options: { expected_languages: ["en", "es"], fallback_language: "auto", code_switching: false } }],
    ["speakers_expected: 1", { speaker_labels: true, speakers_expected: 1 }],
    ["speaker_options", { speaker_labels: true, speaker_options: { min_speakers_expected: 1, max_speakers_expected: 3 } }],
  ];

  for (const [name, params] of variants) {
    it(`${name}: transcript (queued, completed, deleted), sentences, paragraphs and word search`, async () => {
      const { a, id, created, done } = await runTranscript(params);
      expect(done["status"]).toBe("completed");
      valid("Transcript", created, `${name} queued`);
      valid("Transcript", done, `${name} completed`);
      valid("SentencesResponse", (await a.get(`/v2/transcript/${id}/sentences`)).json, `${name} sentences`);
      valid("ParagraphsResponse", (await a.get(`/v2/transcript/${id}/paragraphs`)).json, `${name} paragraphs`);
      valid("WordSearchResponse", (await a.get(`/v2/transcript/${id}/word-search?words=knee,two%20weeks`)).json, `${name} word search`);
      valid("Transcript", (await a.del(`/v2/transcript/${id}`)).json, `${name} deleted`);
    });
  }

  it("every option at once, on three voices", async () => {
    const params = { multichannel: true, speaker_labels: true, speakers_expected: 2, entity_detection: true, language_detection: true };
    const { done } = await runTranscript(params, { fixtures: [await threeVoiceFixture()], audio: "three-voices" });
    expect(done["audio_channels"]).toBe(3);
    valid("Transcript", done, "all options");
  });

  it("a job failed by language_confidence_threshold", async () => {
    const threshold = Math.min(1, fixtureLanguageConfidence(await tinyFixture()) + 0.02);
    const { done } = await runTranscript({ language_detection: true, language_confidence_threshold: threshold, entity_detection: true, multichannel: true });
    expect(done["status"]).toBe("error");
    valid("Transcript", done, "language threshold error");
    expect((done as Json)["entities"]).toBeNull();
  });
});
