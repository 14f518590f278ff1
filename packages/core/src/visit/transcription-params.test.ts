import { DEFAULT_SOAP_CONFIG, parseSoapConfig, SAFE_HARBOR_POLICIES } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { defaultTranscriptionParams, transcriptionParams } from "./transcription-params.js";

describe("transcriptionParams", () => {
  it("defaults to the config's redaction with hash substitution and speaker labels, in fresh arrays", () => {
    const params = defaultTranscriptionParams();
    expect(params).toEqual(DEFAULT_SOAP_CONFIG.transcription);
    expect(params).toMatchObject({ speaker_labels: true, redact_pii: true, redact_pii_sub: "hash" });
    // The default is the HIPAA Safe Harbor preset.
    expect(params.redact_pii_policies).toEqual([...SAFE_HARBOR_POLICIES]);
    // "person_age" is not a Safe Harbor policy: pushing it must not reach the frozen default.
    expect(DEFAULT_SOAP_CONFIG.transcription.redact_pii_policies).not.toContain("person_age");
    params.redact_pii_policies?.push("person_age");
    params.speech_models?.push("another-model");
    expect(DEFAULT_SOAP_CONFIG.transcription.redact_pii_policies).not.toContain("person_age");
    expect(DEFAULT_SOAP_CONFIG.transcription.speech_models).not.toContain("another-model");
    expect(defaultTranscriptionParams().redact_pii_policies).toEqual([...SAFE_HARBOR_POLICIES]);
  });

  it("keeps every setting of a config's transcription block, with the fields it leaves out defaulted one by one", () => {
    const config = parseSoapConfig({ transcription: { speech_models: ["a"], keyterms_prompt: ["ibuprofen"], domain: "medical-v1", redact_pii: true, redact_pii_policies: ["date_of_birth"] } });
    expect(transcriptionParams(config.transcription)).toEqual({
      speech_models: ["a"],
      keyterms_prompt: ["ibuprofen"],
      domain: "medical-v1",
      redact_pii: true,
      redact_pii_policies: ["date_of_birth"],
      // Not given, so defaulted on their own (the block no longer replaces the default as a whole).
      speaker_labels: true,
      redact_pii_sub: "hash",
    });
  });

  it("redacts the Safe Harbor policies when a config's block names other fields only, and nothing with an explicit redact_pii: false", () => {
    const keyterms = transcriptionParams(parseSoapConfig({ transcription: { keyterms_prompt: ["metformin"] } }).transcription);
    expect(keyterms).toMatchObject({ redact_pii: true, redact_pii_policies: [...SAFE_HARBOR_POLICIES], redact_pii_sub: "hash", keyterms_prompt: ["metformin"] });
    const off = transcriptionParams(parseSoapConfig({ transcription: { redact_pii: false } }).transcription);
    expect(off).toEqual({ redact_pii: false, speaker_labels: true, speech_models: ["universal-3-pro"] });
  });

  it("rejects a policy AssemblyAI does not know, naming its position", () => {
    const run = () => transcriptionParams({ speech_models: ["universal-3-pro"], speaker_labels: true, redact_pii: true, redact_pii_policies: ["person_name", "shoe_size"] });
    expect(run).toThrow(RequestValidationError);
    expect(run).toThrow(/"shoe_size" \(redact_pii_policies\[1\]\)/);
  });
});
