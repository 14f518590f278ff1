import { describe, expect, it } from "vitest";
import type { Fixture } from "./fixture-schema.js";
import { detectLanguage, fixtureLanguageConfidence, languageThresholdError } from "./language-detection.js";
import { tinyFixture } from "./test-support/fixtures.js";
import { runTranscript } from "./test-support/run-transcript.js";

/** The phrase AssemblyAI's language-routing guide matches in `error`. */
const BELOW = "below the requested confidence threshold value";

async function withConfidences(confidences: number[]): Promise<Fixture> {
  const base = await tinyFixture();
  return { ...base, words: confidences.map((confidence, i) => ({ text: `w${i}`, start: i * 100, end: i * 100 + 90, confidence, speaker: "A" })) };
}

describe("language detection (pure)", () => {
  it("derives the confidence from the fixture's word confidences, to four decimals", async () => {
    expect(fixtureLanguageConfidence(await withConfidences([0.8, 0.9, 1]))).toBe(0.9);
    expect(fixtureLanguageConfidence(await withConfidences([0.91234, 0.91236]))).toBe(0.9124);
  });

  it("detects English, or reports the fallback when expected_languages leave English out", async () => {
    const f = await tinyFixture();
    expect(detectLanguage(f, undefined).code).toBe("en");
    expect(detectLanguage(f, { expected_languages: ["es", "en"] }).code).toBe("en");
    expect(detectLanguage(f, { expected_languages: ["all"] }).code).toBe("en");
    expect(detectLanguage(f, { expected_languages: ["es", "fr"] })).toMatchObject({ detected: "en", code: "es" });
    expect(detectLanguage(f, { expected_languages: ["es", "fr"], fallback_language: "de" }).code).toBe("de");
  });

  it("fails only when the threshold is above the confidence", () => {
    const language = { detected: "en", code: "en", confidence: 0.93 };
    expect(languageThresholdError(language, 0.94)).toBe("detected language 'en', confidence 0.93, is below the requested confidence threshold value of '0.94'");
    expect(languageThresholdError(language, 0.93)).toBeNull();
    expect(languageThresholdError(language, undefined)).toBeNull();
  });
});

describe("language_detection on a transcript", () => {
  it("reports the detected code and the fixture's confidence once completed, no code before", async () => {
    const confidence = fixtureLanguageConfidence(await tinyFixture());
    const { created, done } = await runTranscript({ language_detection: true });
    expect(created).not.toHaveProperty("language_code");
    expect(created["language_confidence"]).toBeNull();
    expect(done).toMatchObject({ status: "completed", language_detection: true, language_code: "en", language_confidence: confidence });
  });

  it("keeps the requested (or default) language_code without detection, and no confidence", async () => {
    expect((await runTranscript({})).done).toMatchObject({ language_code: "en_us", language_confidence: null });
    expect((await runTranscript({ language_code: "en_uk" })).done).toMatchObject({ language_code: "en_uk", language_confidence: null });
  });

  it("ends in error when language_confidence_threshold is above the confidence, and says so", async () => {
    const confidence = fixtureLanguageConfidence(await tinyFixture());
    const threshold = Math.min(1, confidence + 0.01);
    const { done, hooks } = await runTranscript({ language_detection: true, language_confidence_threshold: threshold, webhook_url: "https://hooks.example/x" });
    expect(done["status"]).toBe("error");
    expect(done["error"]).toContain(BELOW);
    expect(done["error"]).toContain(String(confidence));
    expect(done).toMatchObject({ text: null, words: null, language_code: "en", language_confidence: confidence, language_confidence_threshold: threshold });
    expect(hooks).toEqual([{ transcript_id: done["id"], status: "error" }]);
  });

  it("completes when the threshold is at or below the confidence", async () => {
    const confidence = fixtureLanguageConfidence(await tinyFixture());
    expect((await runTranscript({ language_detection: true, language_confidence_threshold: confidence })).done["status"]).toBe("completed");
    expect((await runTranscript({ language_detection: true, language_confidence_threshold: 0.7 })).done["status"]).toBe("completed");
  });

  it("ignores the threshold without language_detection (nothing was detected)", async () => {
    const { done } = await runTranscript({ language_confidence_threshold: 1 });
    expect(done).toMatchObject({ status: "completed", language_confidence: null, language_confidence_threshold: 1 });
  });

  it("echoes language_detection_options and applies the fallback language", async () => {
    const options = { expected_languages: ["es", "fr"], fallback_language: "auto" };
    const { done } = await runTranscript({ language_detection: true, language_detection_options: options });
    expect(done).toMatchObject({ status: "completed", language_code: "es", language_detection_options: options });
  });
});
