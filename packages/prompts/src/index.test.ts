import { describe, expect, it } from "vitest";
import * as api from "./index.js";

describe("@org/soap-prompts public API", () => {
  it("exports the names the architecture contract promises", () => {
    for (const name of [
      "getTemplate", "listTemplates", "templateHash", "soapConfigSchema", "parseSoapConfig", "selectTemplate",
      "TemplateNotFoundError", "ConfigError", "structuredAnswerSchema", "structuredAnswerJsonSchema",
      "structuredSectionSchema", "structuredSectionJsonSchema", "DEFAULT_SOAP_CONFIG",
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it("exports no internal helpers", () => {
    for (const name of ["pickVariant", "hash53", "canonicalJson", "diffLock", "resolveTemplate", "parseRange"]) {
      expect(api, name).not.toHaveProperty(name);
    }
  });

  it("goes from config to rendered request end to end", async () => {
    const config = api.parseSoapConfig({
      experiments: [{ name: "exp", salt: "s", assignBy: "visit_id", variants: [{ name: "sectioned", template: "soap-sectioned@^1", weight: 1 }] }],
    });
    const { template, ref, experiment, variant } = api.selectTemplate(config, "visit-42");
    expect([ref, experiment, variant]).toEqual(["soap-sectioned@1.1.0", "exp", "sectioned"]);
    const requests = template.render({ transcript: { kind: "transcript_id", transcriptId: "t-1" } });
    expect(requests.map((r) => r.section)).toEqual(api.SOAP_SECTIONS);
    expect(await api.templateHash(template)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("errors carry their class name", () => {
    expect(new api.ConfigError([{ path: "a", message: "b" }]).name).toBe("ConfigError");
    expect(new api.ConfigError([])).toBeInstanceOf(api.SoapPromptsError);
  });
});
