import fc from "fast-check";
import { SAFE_HARBOR_POLICIES } from "./redaction-preset.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_SOAP_CONFIG, parseSoapConfig, soapConfigSchema } from "./config.js";
import { ConfigError } from "./errors.js";

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseSoapConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

const experiment = (variants: unknown[], extra: Record<string, unknown> = {}) => ({
  name: "structured-rollout",
  salt: "2026-11",
  assignBy: "visit_id",
  variants,
  ...extra,
});

describe("parseSoapConfig", () => {
  it("fills every default from DEFAULT_SOAP_CONFIG", () => {
    const c = parseSoapConfig({});
    expect(c.model).toBe("claude-sonnet-4-5-20250929");
    expect(c.region).toBe("us");
    expect(c.template).toBe("soap-structured@^3");
    expect(c.experiments).toEqual([]);
    expect(c.transcription).toEqual(DEFAULT_SOAP_CONFIG.transcription);
    expect(c.transcription.redact_pii).toBe(true);
  });

  it("keeps given values and defaults experiments to enabled", () => {
    const c = parseSoapConfig({
      model: "gemini-2.5-flash",
      region: "eu",
      template: "soap-sectioned@1",
      experiments: [experiment([{ template: "soap-structured@^2", weight: 1 }, { name: "complete", template: "soap-complete@1.0.0", weight: 3 }])],
    });
    expect(c.region).toBe("eu");
    expect(c.experiments[0]?.enabled).toBe(true);
    expect(c.experiments[0]?.variants[1]?.weight).toBe(3);
  });

  it("names unknown keys, at any depth", () => {
    const issues = issuesOf({ modle: "x", experiments: [experiment([{ template: "soap-complete@1", weight: 1, wieght: 2 }])] });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["modle", "experiments[0].variants[0].wieght"]));
    expect(issues.find((i) => i.path === "modle")?.message).toBe("unknown key");
  });

  it("names a negative weight by its path", () => {
    const issues = issuesOf({ experiments: [experiment([{ template: "soap-complete@1", weight: 1 }, { template: "soap-sectioned@1", weight: -1 }])] });
    expect(issues.map((i) => i.path)).toContain("experiments[0].variants[1].weight");
  });

  it("rejects weights that do not sum to a positive number", () => {
    const issues = issuesOf({ experiments: [experiment([{ template: "soap-complete@1", weight: 0 }, { template: "soap-sectioned@1", weight: 0 }])] });
    expect(issues).toContainEqual({ path: "experiments[0].variants", message: "variant weights must sum to a positive finite number" });
  });

  it("rejects a template spec that matches nothing, listing what exists", () => {
    const issues = issuesOf({ template: "soap-structured@^9", experiments: [experiment([{ template: "soap-haiku", weight: 1 }])] });
    expect(issues.find((i) => i.path === "template")?.message).toMatch(/soap-structured@2\.0\.0/);
    expect(issues.map((i) => i.path)).toContain("experiments[0].variants[0].template");
  });

  it("rejects duplicate variant names, explicit or defaulted to the template spec", () => {
    const named = issuesOf({ experiments: [experiment([{ name: "a", template: "soap-complete@1", weight: 1 }, { name: "a", template: "soap-sectioned@1", weight: 1 }])] });
    expect(named.map((i) => i.path)).toEqual(["experiments[0].variants[1].name"]);
    const byTemplate = issuesOf({ experiments: [experiment([{ template: "soap-complete@1", weight: 1 }, { template: "soap-complete@1", weight: 1 }])] });
    expect(byTemplate.map((i) => i.path)).toEqual(["experiments[0].variants[1].template"]);
  });

  it("rejects duplicate experiment names", () => {
    const v = [{ template: "soap-complete@1", weight: 1 }];
    const issues = issuesOf({ experiments: [experiment(v), experiment(v)] });
    expect(issues.map((i) => i.path)).toEqual(["experiments[1].name"]);
  });

  it("puts every issue in one error message that names its field", () => {
    try {
      parseSoapConfig({ region: "mars", experiments: [experiment([{ template: "soap-complete@1", weight: "1" }])] });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^Invalid soap config: /);
      expect((e as Error).message).toContain("region:");
      expect((e as Error).message).toContain("experiments[0].variants[0].weight:");
    }
  });

  it("accepts a $schema key for editor support", () => {
    expect(parseSoapConfig({ $schema: "./soap.config.schema.json" }).model).toBe(DEFAULT_SOAP_CONFIG.model);
  });

  it("never throws anything but ConfigError on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const ok = soapConfigSchema.safeParse(raw).success;
        if (ok) expect(() => parseSoapConfig(raw)).not.toThrow();
        else expect(() => parseSoapConfig(raw)).toThrow(ConfigError);
      }),
    );
  });
});

describe("config robustness", () => {
  it.each([
    ["experiments is not a list", { experiments: 5 }],
    ["an experiment is not an object", { experiments: [5, null] }],
    ["variants is not a list", { experiments: [{ name: "a", salt: "s", assignBy: "visit_id", variants: "x" }] }],
    ["a variant is not an object", { experiments: [{ name: "a", salt: "s", assignBy: "visit_id", variants: [null, 3] }] }],
    ["template is not a string", { template: 7 }],
    ["the config is not an object", "soap-structured"],
  ])("reports a ConfigError, never a crash, when %s", (_name, raw) => {
    expect(() => parseSoapConfig(raw)).toThrow(ConfigError);
  });

  it("gives each parse its own objects and keeps DEFAULT_SOAP_CONFIG frozen and equal to parseSoapConfig({})", () => {
    const a = parseSoapConfig({});
    a.experiments.push({ name: "x", salt: "s", assignBy: "visit_id", enabled: true, variants: [] });
    a.transcription.redact_pii_policies?.push("email_address");
    expect(parseSoapConfig({})).toEqual(DEFAULT_SOAP_CONFIG);
    expect(Object.isFrozen(DEFAULT_SOAP_CONFIG.transcription)).toBe(true);
  });
});

describe("transcription defaults", () => {
  it("redacts the Safe Harbor identifiers when the block is absent or names other fields only", () => {
    for (const raw of [{}, { transcription: {} }, { transcription: { keyterms_prompt: ["metformin"] } }, { transcription: { redact_pii: true } }]) {
      const t = parseSoapConfig(raw).transcription;
      expect(t.redact_pii).toBe(true);
      expect(t.redact_pii_policies).toEqual([...SAFE_HARBOR_POLICIES]);
      expect(t.redact_pii_policies).toEqual(expect.arrayContaining(["person_name", "date_of_birth", "phone_number", "location"]));
      expect(t.redact_pii_sub).toBe("hash");
      expect(t.speaker_labels).toBe(true);
    }
  });

  it("turns redaction off only when the config says redact_pii: false", () => {
    const t = parseSoapConfig({ transcription: { redact_pii: false } }).transcription;
    expect(t).toEqual({ redact_pii: false, speaker_labels: true, speech_models: ["universal-3-pro"] });
  });

  it("refuses policies beside redact_pii: false, naming the field", () => {
    expect(() => parseSoapConfig({ transcription: { redact_pii: false, redact_pii_policies: ["person_name"] } })).toThrow(
      /transcription\.redact_pii_policies: redact_pii is false/,
    );
    expect(() => parseSoapConfig({ transcription: { redact_pii_policies: [] } })).toThrow(/set redact_pii: false/);
  });
});

describe("README", () => {
  it("shows config examples that parse, and the defaults as they are", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as Record<string, unknown>);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(() => parseSoapConfig(block)).not.toThrow();
    expect(parseSoapConfig(blocks[0])).toEqual(DEFAULT_SOAP_CONFIG);
  });
});
