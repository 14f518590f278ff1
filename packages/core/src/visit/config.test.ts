import { ConfigError, SAFE_HARBOR_POLICIES } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { parseVisitConfig } from "./config.js";

describe("parseVisitConfig", () => {
  it("applies the config defaults, Safe Harbor redaction included", () => {
    expect(parseVisitConfig({}).transcription.redact_pii_policies).toEqual([...SAFE_HARBOR_POLICIES]);
  });

  it("accepts AssemblyAI policies and the medical preset name", () => {
    expect(() => parseVisitConfig({ transcription: { redact_pii_policies: ["medical", "person_age"] } })).not.toThrow();
  });

  it("refuses a policy AssemblyAI does not know when the config is read, naming the field", () => {
    const run = () => parseVisitConfig({ transcription: { redact_pii_policies: ["person_name", "shoe_size"] } });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/transcription\.redact_pii_policies\[1\]: unknown redaction policy "shoe_size"/);
  });

  it("still reports the prompts config errors", () => {
    expect(() => parseVisitConfig({ template: "soap-haiku@1" })).toThrow(/template:/);
  });
});
