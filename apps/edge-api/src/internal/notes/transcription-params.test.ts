import { parseSoapConfig } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { transcriptionOptions } from "./transcription-params.js";

const audio_url = "https://example.com/a.mp3";
const defaults = parseSoapConfig({ transcription: { redact_pii: true, redact_pii_policies: ["person_name", "location"], domain: "medical-v1" } });

describe("transcriptionOptions", () => {
  it("starts from the deployment's transcription defaults", () => {
    expect(transcriptionOptions(defaults, { audio_url })).toMatchObject({ redact_pii: true, redact_pii_policies: ["person_name", "location"], domain: "medical-v1" });
  });

  it("turns redaction off entirely with redaction: false", () => {
    const o = transcriptionOptions(defaults, { audio_url, redaction: false });
    expect(o.redact_pii).toBe(false);
    expect(o).not.toHaveProperty("redact_pii_policies");
    expect(o).not.toHaveProperty("redact_pii_sub");
  });

  it("takes explicit policies and substitution", () => {
    const o = transcriptionOptions(defaults, { audio_url, redaction: { policies: ["phone_number"], substitution: "entity_name" } });
    expect(o).toMatchObject({ redact_pii: true, redact_pii_policies: ["phone_number"], redact_pii_sub: "entity_name" });
  });

  it("never asks for redaction without policies", () => {
    const bare = parseSoapConfig({ transcription: { redact_pii: false } });
    expect(transcriptionOptions(bare, { audio_url, redaction: true }).redact_pii_policies).toEqual(["person_name"]);
  });

  it("sets speaker labels with speakers_expected, and medical mode on or off", () => {
    expect(transcriptionOptions(defaults, { audio_url, speakers_expected: 3 })).toMatchObject({ speaker_labels: true, speakers_expected: 3 });
    expect(transcriptionOptions(defaults, { audio_url, medical: false })).not.toHaveProperty("domain");
    const plain = parseSoapConfig({ transcription: {} });
    expect(transcriptionOptions(plain, { audio_url, medical: true }).domain).toBe("medical-v1");
  });

  it("does not change the config it starts from", () => {
    transcriptionOptions(defaults, { audio_url, redaction: { policies: ["phone_number"] } });
    expect(defaults.transcription.redact_pii_policies).toEqual(["person_name", "location"]);
  });
});
