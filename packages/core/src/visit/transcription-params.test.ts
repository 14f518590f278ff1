import { DEFAULT_SOAP_CONFIG, parseSoapConfig } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { defaultTranscriptionParams, transcriptionParams } from "./transcription-params.js";

describe("transcriptionParams", () => {
  it("defaults to the config's redaction with hash substitution and speaker labels, in fresh arrays", () => {
    const params = defaultTranscriptionParams();
    expect(params).toEqual(DEFAULT_SOAP_CONFIG.transcription);
    expect(params).toMatchObject({ speaker_labels: true, redact_pii: true, redact_pii_sub: "hash" });
    params.redact_pii_policies?.push("date");
    expect(DEFAULT_SOAP_CONFIG.transcription.redact_pii_policies).not.toContain("date");
  });

  it("keeps every setting of a config's transcription block", () => {
    const config = parseSoapConfig({ transcription: { speech_models: ["a"], keyterms_prompt: ["ibuprofen"], domain: "medical-v1", redact_pii: true, redact_pii_policies: ["date_of_birth"] } });
    expect(transcriptionParams(config.transcription)).toEqual({ speech_models: ["a"], keyterms_prompt: ["ibuprofen"], domain: "medical-v1", redact_pii: true, redact_pii_policies: ["date_of_birth"] });
  });

  it("rejects a policy AssemblyAI does not know, naming its position", () => {
    const run = () => transcriptionParams({ redact_pii: true, redact_pii_policies: ["person_name", "shoe_size"] });
    expect(run).toThrow(RequestValidationError);
    expect(run).toThrow(/redact_pii_policies\.1/);
  });
});
