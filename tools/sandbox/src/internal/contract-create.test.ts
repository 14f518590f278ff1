import { describe, expect, it } from "vitest";
import { createSandbox } from "../index.js";
import { TRANSCRIPT_LANGUAGE_CODES } from "./language-codes.js";
import { DEFAULT_SPEECH_MODELS } from "./speech-models.js";
import { manualTime, tinyFixture } from "./test-support/fixtures.js";
import { api } from "./test-support/http.js";
import { loadSpecs, referenceAvailable } from "./test-support/spec.js";
import { samples, type SpecSchema } from "./test-support/spec-samples.js";
import { transcriptParamsSpec } from "./test-support/transcript-spec.js";
import {
  PII_POLICIES,
  REDACTED_AUDIO_QUALITIES,
  SUBSTITUTION_POLICIES,
  SUMMARY_MODELS,
  SUMMARY_TYPES,
  transcriptParamsSchema,
  validateTranscriptParams,
} from "./transcript-params.js";

/**
 * Contract of `POST /v2/transcript`: the sandbox refuses what openapi.yml's `TranscriptParams` refuses
 * (one invalid request per rule, each also checked with ajv against the spec), and a drift check walks
 * every property and enum value of `TranscriptParams` and asserts the sandbox accepts it, or that the
 * refusal is in KNOWN_GAPS with a reason.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

const BASE = { audio_url: "https://files.example.com/tiny-visit.mp3", speech_models: ["universal-3-pro"] } as const;
const U2 = { speech_models: ["universal-2", "universal-3-pro"] } as const;
const ACCEPTED_MODELS = `accepted: ${DEFAULT_SPEECH_MODELS.map((m) => `"${m.name}"`).join(", ")}`;
const phrases = (n: number) => Array.from({ length: n }, (_, i) => `term ${i}`);

/**
 * What ajv says of the same body against openapi.yml: `invalid` (the schema states the rule),
 * `valid` (the rule is in a description, or is the sandbox's own: not expressible in the schema), or
 * `absent` (the field is not in the spec file at all: `domain`, documented in API-NOTES.md).
 */
type SpecVerdict = "invalid" | "valid" | "absent";

interface InvalidCase {
  rule: string;
  body: Body | unknown[];
  error: string;
  spec: SpecVerdict;
}

const cases: InvalidCase[] = [
  // Body and required fields
  { rule: "the body is a JSON object", body: [BASE], error: "Invalid request body: expected a JSON object", spec: "invalid" },
  { rule: "audio_url is required", body: { speech_models: ["universal-3-pro"] }, error: 'Missing required field "audio_url"', spec: "invalid" },
  { rule: "audio_url is a string", body: { ...BASE, audio_url: 3 }, error: 'Invalid value for "audio_url": expected a string', spec: "invalid" },
  { rule: "audio_url is not nullable", body: { ...BASE, audio_url: null }, error: 'Invalid value for "audio_url": null is not allowed', spec: "invalid" },
  { rule: "audio_url is a URL (format: url)", body: { ...BASE, audio_url: "visit.mp3" }, error: 'Invalid value for "audio_url": must be an http(s) URL', spec: "invalid" },
  { rule: "audio_url is http(s) (the service downloads it)", body: { ...BASE, audio_url: "ftp://files.example.com/a.mp3" }, error: 'Invalid value for "audio_url": must be an http(s) URL', spec: "valid" },
  { rule: "speech_models is required", body: { audio_url: BASE.audio_url }, error: 'Missing required field "speech_models"', spec: "invalid" },
  { rule: "speech_models is not nullable", body: { ...BASE, speech_models: null }, error: 'Invalid value for "speech_models": null is not allowed', spec: "invalid" },
  { rule: "speech_models lists strings", body: { ...BASE, speech_models: [1] }, error: 'Invalid value for "speech_models.0": expected a string', spec: "invalid" },
  { rule: "speech_models is non-empty", body: { ...BASE, speech_models: [] }, error: 'Invalid value for "speech_models": list at least one speech model', spec: "valid" },
  { rule: "speech_models names known models", body: { ...BASE, speech_models: ["universal-3-pro", "universal-9"] }, error: `Invalid value for "speech_models.1": unknown speech model (${ACCEPTED_MODELS})`, spec: "valid" },
  { rule: "speech_models takes no streaming model", body: { ...BASE, speech_models: ["u3-rt-pro"] }, error: `Invalid value for "speech_models.0": unknown speech model (${ACCEPTED_MODELS})`, spec: "valid" },
  { rule: "speech_model (deprecated) names a known model", body: { ...BASE, speech_model: "whisper" }, error: `Invalid value for "speech_model": unknown speech model (${ACCEPTED_MODELS})`, spec: "valid" },
  // additionalProperties: false, at the top and on every closed nested object
  { rule: "no unknown field (a typo)", body: { ...BASE, speaker_label: true }, error: 'Invalid request body: unknown field(s) "speaker_label"', spec: "invalid" },
  { rule: "speaker_options is closed", body: { ...BASE, speaker_options: { max_speakers: 3 } }, error: 'Invalid value for "speaker_options": unknown field(s) "max_speakers"', spec: "invalid" },
  { rule: "language_detection_options is closed", body: { ...BASE, language_detection_options: { fallback: "en" } }, error: 'Invalid value for "language_detection_options": unknown field(s) "fallback"', spec: "invalid" },
  { rule: "redact_pii_audio_options is closed", body: { ...BASE, redact_pii_audio_options: { method: "silence" } }, error: 'Invalid value for "redact_pii_audio_options": unknown field(s) "method"', spec: "invalid" },
  { rule: "custom_spelling items are closed", body: { ...BASE, custom_spelling: [{ from: ["dicarlo"], to: "Decarlo", case: true }] }, error: 'Invalid value for "custom_spelling.0": unknown field(s) "case"', spec: "invalid" },
  { rule: "custom_spelling items need to", body: { ...BASE, custom_spelling: [{ from: ["dicarlo"] }] }, error: 'Missing required field "custom_spelling.0.to"', spec: "invalid" },
  // Types and nullability
  { rule: "boolean fields are booleans", body: { ...BASE, speaker_labels: "yes" }, error: 'Invalid value for "speaker_labels": expected a boolean', spec: "invalid" },
  { rule: "boolean fields are not nullable", body: { ...BASE, punctuate: null }, error: 'Invalid value for "punctuate": null is not allowed', spec: "invalid" },
  { rule: "keyterms_prompt lists strings", body: { ...BASE, keyterms_prompt: ["knee", 3] }, error: 'Invalid value for "keyterms_prompt.1": expected a string', spec: "invalid" },
  { rule: "topics lists strings", body: { ...BASE, topics: [{}] }, error: 'Invalid value for "topics.0": expected a string', spec: "invalid" },
  { rule: "webhook_auth_header_name is a string or null", body: { ...BASE, webhook_auth_header_name: 5 }, error: 'Invalid value for "webhook_auth_header_name": expected a string', spec: "invalid" },
  { rule: "webhook_url is a URL", body: { ...BASE, webhook_url: "not a url" }, error: 'Invalid value for "webhook_url": must be an http(s) URL', spec: "invalid" },
  { rule: "webhook_url is not nullable", body: { ...BASE, webhook_url: null }, error: 'Invalid value for "webhook_url": null is not allowed', spec: "invalid" },
  { rule: "summary_model is not nullable (the spec's own example sends null)", body: { ...BASE, summary_model: null }, error: 'Invalid value for "summary_model": null is not allowed', spec: "invalid" },
  { rule: "speaker_options is not nullable", body: { ...BASE, speaker_options: null }, error: 'Invalid value for "speaker_options": null is not allowed', spec: "invalid" },
  { rule: "redact_pii_audio_quality is not nullable", body: { ...BASE, redact_pii_audio_quality: null }, error: 'Invalid value for "redact_pii_audio_quality": null is not allowed', spec: "invalid" },
  { rule: "language_detection_options.fallback_language is a string (the description's [\"auto\"] is refused)", body: { ...BASE, language_detection_options: { fallback_language: ["auto"] } }, error: 'Invalid value for "language_detection_options.fallback_language": expected a string', spec: "invalid" },
  // Enums
  { rule: "language_code is a TranscriptLanguageCode", body: { ...BASE, language_code: "english" }, error: 'Invalid value for "language_code": not one of the 102 accepted values', spec: "valid" },
  { rule: "language_codes items are TranscriptLanguageCode", body: { ...BASE, language_codes: ["en", "xx"] }, error: 'Invalid value for "language_codes.1": not one of the 102 accepted values', spec: "invalid" },
  { rule: "language_codes includes en", body: { ...BASE, language_codes: ["es", "fr"] }, error: 'Invalid value for "language_codes": one of the values specified must be "en"', spec: "valid" },
  { rule: "redact_pii_policies items are PiiPolicy", body: { ...BASE, redact_pii: true, redact_pii_policies: ["person_name", "shoe_size"] }, error: 'Invalid value for "redact_pii_policies.1": not one of the 44 accepted values', spec: "invalid" },
  { rule: "redact_pii_sub is a SubstitutionPolicy (entity_type, in the field's description, is not)", body: { ...BASE, redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_type" }, error: 'Invalid value for "redact_pii_sub": expected one of "entity_name", "hash"', spec: "invalid" },
  { rule: "redact_pii_audio_quality is mp3 or wav", body: { ...BASE, redact_pii_audio_quality: "flac" }, error: 'Invalid value for "redact_pii_audio_quality": expected one of "mp3", "wav"', spec: "invalid" },
  { rule: "override_audio_redaction_method is silence", body: { ...BASE, redact_pii_audio_options: { override_audio_redaction_method: "beep" } }, error: 'Invalid value for "redact_pii_audio_options.override_audio_redaction_method": expected one of "silence"', spec: "invalid" },
  { rule: "summary_type is a SummaryType", body: { ...BASE, summary_type: "short" }, error: 'Invalid value for "summary_type": expected one of "bullets", "bullets_verbose", "gist", "headline", "paragraph"', spec: "invalid" },
  { rule: "remove_audio_tags is all or null", body: { ...BASE, remove_audio_tags: "some" }, error: 'Invalid value for "remove_audio_tags": expected one of "all"', spec: "invalid" },
  { rule: "speaker_identification.speaker_type is role or name", body: { ...BASE, speech_understanding: { request: { speaker_identification: { speaker_type: "job", known_values: ["a"] } } } }, error: 'Invalid value for "speech_understanding.request.speaker_identification.speaker_type": expected one of "role", "name"', spec: "invalid" },
  { rule: "domain is a documented value", body: { ...BASE, domain: "legal-v1" }, error: 'Invalid value for "domain": expected one of "medical-v1"', spec: "absent" },
  { rule: "domain is not nullable", body: { ...BASE, domain: null }, error: 'Invalid value for "domain": null is not allowed', spec: "absent" },
  // Numeric limits
  { rule: "content_safety_confidence >= 25", body: { ...BASE, content_safety_confidence: 24 }, error: 'Invalid value for "content_safety_confidence": values must be between 25 and 100', spec: "invalid" },
  { rule: "content_safety_confidence <= 100", body: { ...BASE, content_safety_confidence: 101 }, error: 'Invalid value for "content_safety_confidence": values must be between 25 and 100', spec: "invalid" },
  { rule: "content_safety_confidence is an integer", body: { ...BASE, content_safety_confidence: 50.5 }, error: 'Invalid value for "content_safety_confidence": expected an integer', spec: "invalid" },
  { rule: "language_confidence_threshold <= 1", body: { ...BASE, language_confidence_threshold: 1.5 }, error: 'Invalid value for "language_confidence_threshold": must be <= 1', spec: "invalid" },
  { rule: "code_switching_confidence_threshold >= 0", body: { ...BASE, language_detection_options: { code_switching_confidence_threshold: -0.1 } }, error: 'Invalid value for "language_detection_options.code_switching_confidence_threshold": must be >= 0', spec: "invalid" },
  { rule: "speech_threshold in [0, 1]", body: { ...BASE, speech_threshold: 2 }, error: 'Invalid value for "speech_threshold": valid values are in the range [0, 1] inclusive', spec: "invalid" },
  { rule: "temperature <= 1", body: { ...BASE, temperature: 1.5 }, error: 'Invalid value for "temperature": must be <= 1', spec: "invalid" },
  { rule: "speakers_expected is an integer", body: { ...BASE, speakers_expected: 1.5 }, error: 'Invalid value for "speakers_expected": expected an integer', spec: "invalid" },
  { rule: "speakers_expected >= 1", body: { ...BASE, speakers_expected: 0 }, error: 'Invalid value for "speakers_expected": must be >= 1', spec: "valid" },
  { rule: "speaker_options.min_speakers_expected >= 1", body: { ...BASE, speaker_options: { min_speakers_expected: 0 } }, error: 'Invalid value for "speaker_options.min_speakers_expected": must be >= 1', spec: "valid" },
  { rule: "speaker_options.max_speakers_expected is an integer", body: { ...BASE, speaker_options: { max_speakers_expected: 2.5 } }, error: 'Invalid value for "speaker_options.max_speakers_expected": expected an integer', spec: "invalid" },
  { rule: "speaker_options max >= min", body: { ...BASE, speaker_options: { min_speakers_expected: 4, max_speakers_expected: 2 } }, error: 'Invalid value for "speaker_options.max_speakers_expected": must be >= min_speakers_expected', spec: "valid" },
  { rule: "audio_start_from >= 0", body: { ...BASE, audio_start_from: -1 }, error: 'Invalid value for "audio_start_from": must be >= 0', spec: "valid" },
  { rule: "audio_end_at is an integer", body: { ...BASE, audio_end_at: 2.5 }, error: 'Invalid value for "audio_end_at": expected an integer', spec: "invalid" },
  { rule: "audio_end_at after audio_start_from", body: { ...BASE, audio_start_from: 5000, audio_end_at: 5000 }, error: 'Invalid value for "audio_end_at": must be greater than audio_start_from', spec: "valid" },
  // Model-specific fields (the first of speech_models)
  { rule: "keyterms_prompt: up to 200 with Universal-2", body: { ...BASE, ...U2, keyterms_prompt: phrases(201) }, error: 'Invalid value for "keyterms_prompt": up to 200 words or phrases with the Universal-2 model (the first of speech_models is "universal-2"); got 201', spec: "valid" },
  { rule: "keyterms_prompt: up to 1000 with Universal-3 Pro", body: { ...BASE, keyterms_prompt: phrases(1001) }, error: 'Invalid value for "keyterms_prompt": up to 1000 words or phrases with the Universal-3 Pro model (the first of speech_models is "universal-3-pro"); got 1001', spec: "valid" },
  { rule: "keyterms_prompt: maximum 6 words per phrase", body: { ...BASE, keyterms_prompt: ["knee", "anterior cruciate ligament reconstruction of the left knee"] }, error: 'Invalid value for "keyterms_prompt.1": maximum 6 words per phrase', spec: "valid" },
  { rule: "keyterms_prompt: not with a model that takes none", body: { ...BASE, speech_models: ["nano"], keyterms_prompt: ["knee"] }, error: 'Invalid value for "keyterms_prompt": not supported by the Nano model (the first of speech_models is "nano")', spec: "valid" },
  { rule: "prompt: only Universal-3 Pro", body: { ...BASE, ...U2, prompt: "A doctor-patient visit." }, error: 'Invalid value for "prompt": this parameter is only supported for the Universal-3 Pro model (the first of speech_models is "universal-2")', spec: "valid" },
  { rule: "prompt: up to 1,500 words", body: { ...BASE, prompt: "word ".repeat(1501) }, error: 'Invalid value for "prompt": up to 1,500 words of contextual information', spec: "valid" },
  { rule: "temperature: only Universal-3 Pro", body: { ...BASE, ...U2, temperature: 0.2 }, error: 'Invalid value for "temperature": this parameter can only be used with the Universal-3 Pro model (the first of speech_models is "universal-2")', spec: "valid" },
  { rule: "remove_audio_tags: only Universal-3 Pro", body: { ...BASE, ...U2, remove_audio_tags: "all" }, error: 'Invalid value for "remove_audio_tags": this parameter is only supported for the Universal-3 Pro model (the first of speech_models is "universal-2")', spec: "valid" },
  // speech_understanding
  { rule: "speech_understanding needs request", body: { ...BASE, speech_understanding: {} }, error: 'Missing required field "speech_understanding.request"', spec: "invalid" },
  { rule: "speech_understanding.request is exactly one task (oneOf)", body: { ...BASE, speech_understanding: { request: { translation: { target_languages: ["es"] }, custom_formatting: { date: "mm/dd/yyyy" } } } }, error: 'Invalid value for "speech_understanding.request": give exactly one of translation, speaker_identification, custom_formatting', spec: "invalid" },
  { rule: "translation needs target_languages", body: { ...BASE, speech_understanding: { request: { translation: { formal: true } } } }, error: 'Missing required field "speech_understanding.request.translation.target_languages"', spec: "invalid" },
  { rule: "speaker_identification by role needs known_values or speakers", body: { ...BASE, speech_understanding: { request: { speaker_identification: { speaker_type: "role" } } } }, error: 'Invalid value for "speech_understanding.request.speaker_identification": known_values (or speakers) is required if speaker_type is "role"', spec: "valid" },
  { rule: "known_values: 35 characters or less", body: { ...BASE, speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["x".repeat(36)] } } } }, error: 'Invalid value for "speech_understanding.request.speaker_identification.known_values.0": each value must be 35 characters or less', spec: "valid" },
];

async function setup() {
  const time = manualTime();
  const sb = createSandbox({ fixtures: [await tinyFixture()], clock: time.clock, scheduler: time.scheduler, queuedMs: 10, processingMs: 10 });
  return { sb, a: api(sb) };
}

describe("POST /v2/transcript refuses what the spec refuses (one request per rule)", () => {
  it("has at least 30 rules, each named once", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.rule)).size).toBe(cases.length);
  });

  it("accepts the base every case departs from (and the spec does too)", async () => {
    const { a } = await setup();
    const res = await a.post("/v2/transcript", BASE);
    expect(res.status, res.text).toBe(200);
    if (referenceAvailable) expect(transcriptParamsSpec().errors(BASE)).toEqual([]);
  });

  it.each(cases.map((c) => [c.rule, c] as const))("400: %s", async (_, c) => {
    const { a } = await setup();
    const res = await a.post("/v2/transcript", c.body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: c.error });
    expect(validateTranscriptParams(c.body)).toEqual({ ok: false, error: c.error });
  });

});

describe.skipIf(!referenceAvailable)("each invalid request, against openapi.yml with ajv", () => {
  it.each(cases.filter((c) => c.spec !== "absent").map((c) => [c.rule, c] as const))("%s", (_, c) => {
    const errors = transcriptParamsSpec().errors(c.body);
    if (c.spec === "invalid") expect(errors, "the spec's schema refuses it too").not.toEqual([]);
    else expect(errors, "the schema allows it: the rule is in a description or is the sandbox's own").toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Drift check

/**
 * Values the spec's schema allows that the sandbox refuses, on purpose. A refusal is excused when its
 * top-level field matches and the sandbox's message contains `refusal`; anything else the walk below
 * finds refused fails the test (a spec change the sandbox has not followed, or a sandbox bug).
 */
const KNOWN_GAPS: { field: string; refusal: string; reason: string }[] = [
  { field: "speech_models", refusal: "list at least one speech model", reason: "no minItems in the spec; an empty priority list names no model" },
  { field: "speech_models", refusal: "unknown speech model", reason: "SpeechModel is typed as a bare string, but the service takes a finite, changing set: sandbox fixture data in speech-models.ts" },
  { field: "speech_model", refusal: "unknown speech model", reason: "as speech_models (deprecated field, same SpeechModel type)" },
  { field: "language_code", refusal: "not one of the 102 accepted values", reason: "the schema's anyOf also admits any string (LiteralUnion<TranscriptLanguageCode, string>); the description points to the supported languages, so the sandbox takes the TranscriptLanguageCode enum only" },
  { field: "language_codes", refusal: 'one of the values specified must be "en"', reason: "the field's description: \"One of the values specified must be `en`\" (not in the schema)" },
  { field: "audio_start_from", refusal: "must be >= 0", reason: "a time in ms into the file; the schema says integer only (the sandbox's own limit)" },
  { field: "audio_end_at", refusal: "must be >= 0", reason: "as audio_start_from" },
  { field: "audio_end_at", refusal: "must be greater than audio_start_from", reason: "an empty or reversed range transcribes nothing (the sandbox's own rule)" },
  { field: "speakers_expected", refusal: "must be >= 1", reason: "a speaker count; the schema says integer only (the sandbox's own limit)" },
  { field: "speaker_options", refusal: "must be >= 1", reason: "speaker counts; the schema says integer only (the sandbox's own limit)" },
  { field: "speech_understanding", refusal: 'known_values (or speakers) is required if speaker_type is "role"', reason: "SpeakerIdentificationRequestBody.known_values description: \"Required if speaker_type is role\" (speakers is the documented alternative)" },
  { field: "speech_understanding", refusal: "is required when speaker_type is", reason: "speakers[].role / .name descriptions: \"Required when speaker_type is ...\"" },
];

/** Documented values the sandbox refuses that the walk cannot generate (they are in descriptions or examples, not the schema). */
const DOCUMENTED_BUT_REFUSED: { what: string; body: Body | "TranscriptParams.example"; reason: string }[] = [
  { what: "redact_pii_sub: \"entity_type\" (TranscriptOptionalParams.redact_pii_sub description)", body: { ...BASE, redact_pii_sub: "entity_type" }, reason: "the enum (SubstitutionPolicy) and the docs say entity_name" },
  { what: "fallback_language: [\"auto\"] (its description)", body: { ...BASE, language_detection_options: { fallback_language: ["auto"] } }, reason: "the schema types it as a string (default \"auto\")" },
  { what: "the TranscriptParams example as printed", body: "TranscriptParams.example", reason: "omits the required speech_models and sends summary_model/summary_type null (not nullable); see contract.test.ts" },
];

type Schema = SpecSchema;

describe.skipIf(!referenceAvailable)("drift: every documented TranscriptParams property and enum value is accepted, or a known gap", () => {
  const spec = referenceAvailable ? transcriptParamsSpec() : (undefined as unknown as ReturnType<typeof transcriptParamsSpec>);

  it("the sandbox knows exactly the spec's fields (plus domain, documented in API-NOTES.md)", () => {
    const specFields = Object.keys(spec.schema["properties"] as object).sort();
    expect(Object.keys(transcriptParamsSchema.shape).sort()).toEqual([...specFields, "domain"].sort());
    expect([...(spec.schema["required"] as string[])].sort()).toEqual(["audio_url", "speech_models"]);
  });

  it("the sandbox's enums are the spec's", () => {
    const enumOf = (name: string) => spec.schemas[name]!["enum"] as string[];
    expect([...TRANSCRIPT_LANGUAGE_CODES]).toEqual(enumOf("TranscriptLanguageCode"));
    expect([...PII_POLICIES].sort()).toEqual([...enumOf("PiiPolicy")].sort());
    expect([...SUBSTITUTION_POLICIES].sort()).toEqual([...enumOf("SubstitutionPolicy")].sort());
    expect([...REDACTED_AUDIO_QUALITIES]).toEqual(enumOf("RedactPiiAudioQuality"));
    expect([...SUMMARY_MODELS]).toEqual(enumOf("SummaryModel"));
    expect([...SUMMARY_TYPES]).toEqual(enumOf("SummaryType"));
  });

  it("walks every property: each spec-valid value is accepted by the sandbox, or refused for a listed reason", () => {
    const props = spec.schema["properties"] as Record<string, Schema>;
    const unexplained: string[] = [];
    const excused = new Map<string, number>();
    let walked = 0;
    for (const [field, prop] of Object.entries(props)) {
      for (const s of samples(prop, spec.schemas)) {
        const body = { ...BASE, [field]: s.value };
        walked++;
        expect(spec.errors(body), `the walk only makes spec-valid bodies: ${field} = ${s.label}`).toEqual([]);
        const result = validateTranscriptParams(body);
        if (result.ok) continue;
        const gap = KNOWN_GAPS.find((g) => g.field === field && result.error.includes(g.refusal));
        if (gap) excused.set(`${gap.field}: ${gap.refusal}`, (excused.get(`${gap.field}: ${gap.refusal}`) ?? 0) + 1);
        else unexplained.push(`${field} = ${s.label}: ${result.error}`);
      }
    }
    expect(unexplained).toEqual([]);
    expect(walked).toBeGreaterThan(350);
    // Every gap still happens: a gap the sandbox closed should leave the list.
    expect([...excused.keys()].sort()).toEqual(KNOWN_GAPS.map((g) => `${g.field}: ${g.refusal}`).sort());
  });

  it("every TranscriptLanguageCode works in language_codes too (with en, as its description requires)", () => {
    for (const code of TRANSCRIPT_LANGUAGE_CODES) expect(validateTranscriptParams({ ...BASE, language_codes: ["en", code] }).ok, code).toBe(true);
  });

  it("refuses the documented-but-refused values, each for its reason", () => {
    const example = loadSpecs().docs["openapi.yml"]["components"]["schemas"]["TranscriptParams"]["example"] as Body;
    for (const d of DOCUMENTED_BUT_REFUSED) {
      const body = d.body === "TranscriptParams.example" ? example : d.body;
      expect(validateTranscriptParams(body).ok, `${d.what}: ${d.reason}`).toBe(false);
      expect(spec.errors(body), `${d.what}: the schema refuses it too`).not.toEqual([]);
    }
    expect(DOCUMENTED_BUT_REFUSED.every((d) => d.reason.length > 0)).toBe(true);
  });
});
