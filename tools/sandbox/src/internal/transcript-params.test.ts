import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SpeechModelInfo } from "./speech-models.js";
import { describeIssue, transcriptParamsSchema, validateTranscriptParams } from "./transcript-params.js";

describe("transcriptParamsSchema", () => {
  it("accepts the fields that matter here", () => {
    const r = transcriptParamsSchema.safeParse({
      audio_url: "https://x/a.mp3",
      speech_models: ["universal-3-pro", "universal-2"],
      speaker_labels: true,
      redact_pii: true,
      redact_pii_policies: ["person_name", "phone_number"],
      redact_pii_sub: "entity_name",
      domain: "medical-v1",
      webhook_auth_header_value: null,
    });
    expect(r.success).toBe(true);
  });

  it("rejects a non-http audio_url and unknown fields", () => {
    expect(transcriptParamsSchema.safeParse({ audio_url: "ftp://x/a.mp3" }).success).toBe(false);
    expect(transcriptParamsSchema.safeParse({ audio_url: "https://x/a.mp3", wat: 1 }).success).toBe(false);
  });

  it("never echoes a rejected value in its message (it may be a secret)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }).filter((s) => /^[a-z]+$/.test(s)), (secret) => {
        const r = transcriptParamsSchema.safeParse({ audio_url: "https://x/a.mp3", webhook_auth_header_value: { secret } });
        expect(r.success).toBe(false);
        if (!r.success) expect(describeIssue(r.error)).not.toContain(secret);
      }),
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = transcriptParamsSchema.safeParse(value);
        if (!r.success) expect(typeof describeIssue(r.error)).toBe("string");
      }),
    );
  });
});

describe("validateTranscriptParams", () => {
  const base = { audio_url: "https://x/a.mp3", speech_models: ["universal-3-pro"] };

  it("never echoes a rejected value in its message, whatever the field", () => {
    const fields = ["webhook_auth_header_value", "webhook_auth_header_name", "language_code", "speech_models", "prompt", "keyterms_prompt", "domain", "summary_model"];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.stringMatching(/^[a-z]{12,20}$/), fc.constantFrom("raw", "object", "array"), (field, secret, shape) => {
        const value = shape === "raw" ? secret : shape === "object" ? { secret } : [secret, 1];
        const r = validateTranscriptParams({ ...base, [field]: value });
        if (!r.ok) expect(r.error).not.toContain(secret);
      }),
    );
  });

  it("never throws on arbitrary JSON, and answers one line", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validateTranscriptParams(value);
        if (!r.ok) expect(r.error).not.toContain("\n");
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("speaker_labels", "speakers_expected", "keyterms_prompt", "language_codes", "speech_understanding", "speaker_options"), fc.jsonValue()), (extra) => {
        const r = validateTranscriptParams({ ...base, ...extra });
        if (!r.ok) expect(typeof r.error).toBe("string");
      }),
    );
  });

  it("takes its speech model list as data (a model AssemblyAI adds, one it retires)", () => {
    const models: SpeechModelInfo[] = [{ name: "universal-4", label: "Universal-4", keytermsMax: 50, prompt: true, temperature: false, removeAudioTags: false }];
    expect(validateTranscriptParams({ ...base, speech_models: ["universal-4"], prompt: "x", keyterms_prompt: ["a"] }, models).ok).toBe(true);
    expect(validateTranscriptParams(base, models)).toEqual({ ok: false, error: 'Invalid value for "speech_models.0": unknown speech model (accepted: "universal-4")' });
    expect(validateTranscriptParams({ ...base, speech_models: ["universal-4"], temperature: 0.5 }, models).ok).toBe(false);
    expect(validateTranscriptParams({ ...base, speech_models: ["universal-4"], keyterms_prompt: Array.from({ length: 51 }, (_, i) => `k${i}`) }, models).ok).toBe(false);
  });

  it("applies model rules to the first of speech_models: the docs' 995 keyterms with [universal-3-pro, universal-2] pass", () => {
    const terms = Array.from({ length: 995 }, (_, i) => `term${i}`);
    expect(validateTranscriptParams({ ...base, speech_models: ["universal-3-pro", "universal-2"], keyterms_prompt: terms }).ok).toBe(true);
    expect(validateTranscriptParams({ ...base, speech_models: ["universal-2", "universal-3-pro"], keyterms_prompt: terms }).ok).toBe(false);
  });

  it("accepts null exactly where the spec does", () => {
    for (const field of ["language_code", "language_codes", "redact_pii_sub", "speakers_expected", "speech_threshold", "remove_audio_tags", "webhook_auth_header_name", "webhook_auth_header_value", "speech_model"]) {
      expect(validateTranscriptParams({ ...base, [field]: null }).ok, field).toBe(true);
    }
    for (const field of ["speaker_labels", "keyterms_prompt", "prompt", "temperature", "summary_model", "summary_type", "webhook_url", "custom_spelling", "speaker_options", "redact_pii_policies", "audio_start_from", "content_safety_confidence"]) {
      expect(validateTranscriptParams({ ...base, [field]: null }), field).toEqual({ ok: false, error: `Invalid value for "${field}": null is not allowed` });
    }
  });
});
