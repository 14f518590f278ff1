import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeIssue, transcriptParamsSchema } from "./transcript-params.js";

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
