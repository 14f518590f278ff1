import type { Fixture } from "./fixture-schema.js";
import type { TranscriptParams } from "./transcript-params.js";

/**
 * The code language detection reports for the sample visits (all English). Detection answers a base
 * language code ("en", "es", …, as the docs' `expected_languages` examples write them), not a regional
 * one such as the default `en_us`.
 */
export const FIXTURE_LANGUAGE = "en";

/** The outcome of automatic language detection for one job. */
export interface DetectedLanguage {
  /** What the model heard (always {@link FIXTURE_LANGUAGE}). */
  detected: string;
  /** What the transcript reports as `language_code`: `detected`, or the fallback when it was not expected. */
  code: string;
  /** `language_confidence`: the detection's confidence in `detected`, 0..1. */
  confidence: number;
}

/**
 * The deterministic `language_confidence` of a fixture: the mean of its words' confidences, rounded to
 * four decimals (the precision of the spec's example, 0.9959). The sandbox has no acoustic model; this
 * ties the value to the fixture so a test can place a threshold just above or below it.
 */
export function fixtureLanguageConfidence(fixture: Fixture): number {
  const sum = fixture.words.reduce((n, w) => n + w.confidence, 0);
  return Math.round((sum / fixture.words.length) * 10_000) / 10_000;
}

/** True when `expected_languages` admits English (absent or empty, `"all"`, `"en"` or an `en_*` code). */
function englishExpected(expected: readonly string[] | undefined): boolean {
  if (!expected || expected.length === 0) return true;
  return expected.some((l) => l === "all" || l === FIXTURE_LANGUAGE || l.startsWith(`${FIXTURE_LANGUAGE}_`));
}

/**
 * Language detection over a fixture, with `language_detection_options`: English is detected; when the
 * request's `expected_languages` leave English out, `language_code` is the `fallback_language`, or with
 * `"auto"` (the default) the first expected language (openapi.yml: "our model choose[s] the fallback
 * language from `expected_languages` with the highest confidence score"; the sandbox has no scores and
 * takes the first). `code_switching` changes nothing: the fixtures are monolingual.
 */
export function detectLanguage(fixture: Fixture, options: TranscriptParams["language_detection_options"]): DetectedLanguage {
  const confidence = fixtureLanguageConfidence(fixture);
  const expected = options?.expected_languages;
  if (englishExpected(expected)) return { detected: FIXTURE_LANGUAGE, code: FIXTURE_LANGUAGE, confidence };
  const fallback = options?.fallback_language;
  const code = fallback && fallback !== "auto" ? fallback : (expected?.[0] as string);
  return { detected: FIXTURE_LANGUAGE, code, confidence };
}

/**
 * The `error` of a job whose detected language's confidence is below `language_confidence_threshold`
 * (openapi.yml: "An error will be returned if the language confidence is below this threshold"), or
 * null. The phrase "below the requested confidence threshold value" is the one AssemblyAI's own
 * language-routing guide matches on; the rest of the wording (language and confidence first) is the
 * sandbox's choice, listed as unconfirmed in the README.
 */
export function languageThresholdError(language: DetectedLanguage, threshold: number | undefined): string | null {
  if (threshold === undefined || language.confidence >= threshold) return null;
  return `detected language '${language.detected}', confidence ${language.confidence}, is below the requested confidence threshold value of '${threshold}'`;
}
