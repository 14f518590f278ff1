import {
  DEFAULT_SOAP_CONFIG,
  getTemplate,
  parseSoapConfig,
  SAFE_HARBOR_POLICIES,
  selectTemplate,
  templateHash,
  TemplateNotFoundError,
  templateRef,
  type SoapConfig,
} from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { RequestValidationError } from "../errors/response-validation-error.js";
import { SCRUBBER_POLICIES } from "../redact-text/scrub-policies.js";
import { planVisit, visitPlanSchema } from "./plan.js";

const SAFE_HARBOR = [...SAFE_HARBOR_POLICIES];

/** A config whose one experiment splits visits 50/50 between two templates by visit id. */
function experimentConfig(extra: Record<string, unknown> = {}): SoapConfig {
  return parseSoapConfig({
    template: "soap-structured@^2",
    experiments: [
      {
        name: "rollout",
        salt: "s1",
        assignBy: "visit_id",
        variants: [
          { name: "complete", template: "soap-complete@1", weight: 1 },
          { name: "sectioned", template: "soap-sectioned@1", weight: 1 },
        ],
      },
    ],
    ...extra,
  });
}

async function refAndHash(spec: string): Promise<{ ref: string; hash: string }> {
  const t = getTemplate(spec);
  return { ref: templateRef(t), hash: await templateHash(t) };
}

describe("planVisit: the template", () => {
  it("takes an explicit template over the config's experiment, and records no experiment", async () => {
    const config = experimentConfig();
    for (const key of ["visit-1", "visit-2", "visit-3", "visit-4"]) {
      const plan = await planVisit(config, key, { template: "soap-structured@2" });
      expect(plan.template).toEqual(await refAndHash("soap-structured@2"));
      expect(plan).not.toHaveProperty("experiment");
      expect(plan).not.toHaveProperty("variant");
    }
    // Without the override the same keys go through the experiment.
    const viaExperiment = await planVisit(config, "visit-1");
    expect(viaExperiment.experiment).toBe("rollout");
    expect(["soap-complete@1.1.0", "soap-sectioned@1.1.0"]).toContain(viaExperiment.template.ref);
  });

  it("assigns the experiment's variant by the visit key, deterministically, with the template's real hash", async () => {
    const config = experimentConfig();
    const refs = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const key = `visit-${i}`;
      const plan = await planVisit(config, key);
      expect(await planVisit(config, key)).toEqual(plan);
      const chosen = selectTemplate(config, { visit_id: key });
      expect(plan).toMatchObject({ experiment: "rollout", variant: chosen.variant, template: { ref: chosen.ref } });
      expect(plan.template.hash).toBe(await templateHash(chosen.template));
      refs.add(plan.template.ref);
    }
    expect([...refs].sort()).toEqual(["soap-complete@1.1.0", "soap-sectioned@1.1.0"]);
  });

  it("assigns by the given experiment key instead of the visit key", async () => {
    const config = experimentConfig();
    const plan = await planVisit(config, "visit-1", { experimentKey: { visit_id: "visit-7" } });
    const same = await planVisit(config, "visit-7");
    expect(plan.template).toEqual(same.template);
    expect(plan.variant).toBe(same.variant);
  });

  it("uses the config's template when there is no experiment, and throws TemplateNotFoundError for a spec that matches nothing", async () => {
    const plan = await planVisit(parseSoapConfig({ template: "soap-complete@1" }), "visit-1");
    expect(plan.template).toEqual(await refAndHash("soap-complete@1"));
    await expect(planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { template: "soap-nope@9" })).rejects.toBeInstanceOf(TemplateNotFoundError);
  });
});

describe("planVisit: defaults", () => {
  it("redacts the HIPAA Safe Harbor policies with hash substitution by default", async () => {
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1");
    expect(plan).toEqual({
      template: await refAndHash("soap-structured@^3"),
      model: DEFAULT_SOAP_CONFIG.model,
      transcription: {
        speech_models: ["universal-3-pro"],
        speaker_labels: true,
        redact_pii: true,
        redact_pii_policies: SAFE_HARBOR,
        redact_pii_sub: "hash",
      },
      transcriptMode: "auto",
      identifyRoles: false,
      environment: "assemblyai",
      visitId: "visit-1",
      // A text dialogue would be refused on AssemblyAI unless the caller states how it may go (#13).
      textRedaction: { action: "refuse", policies: [...SCRUBBER_POLICIES], substitution: "hash" },
    });
    expect(plan.transcription.redact_pii_policies).toEqual(expect.arrayContaining(["person_name", "date_of_birth", "phone_number", "location"]));
    expect(visitPlanSchema.parse(plan)).toEqual(plan);
    // The same from a config that leaves transcription out, or sets only other fields of it.
    expect((await planVisit(parseSoapConfig({}), "visit-1")).transcription).toEqual(plan.transcription);
    const keyterms = await planVisit(parseSoapConfig({ transcription: { keyterms_prompt: ["metformin"] } }), "visit-1");
    expect(keyterms.transcription).toMatchObject({ redact_pii: true, redact_pii_policies: SAFE_HARBOR, redact_pii_sub: "hash", keyterms_prompt: ["metformin"] });
  });

  it("gives the plan its own arrays: changing them leaves the frozen config alone", async () => {
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1");
    plan.transcription.redact_pii_policies?.push("person_age");
    expect(DEFAULT_SOAP_CONFIG.transcription.redact_pii_policies).not.toContain("person_age");
    expect((await planVisit(DEFAULT_SOAP_CONFIG, "visit-1")).transcription.redact_pii_policies).toEqual(SAFE_HARBOR);
  });

  it("takes the model, transcript mode, role identification and environment from the overrides", async () => {
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { model: "m2", transcriptMode: "transcript_id", identifyRoles: true, environment: "sandbox" });
    expect(plan).toMatchObject({ model: "m2", transcriptMode: "transcript_id", identifyRoles: true, environment: "sandbox" });
  });
});

describe("planVisit: redaction overrides", () => {
  it("turns redaction off with false, dropping the policies and the substitution", async () => {
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { redaction: false });
    expect(plan.transcription).toEqual({ speech_models: ["universal-3-pro"], speaker_labels: true, redact_pii: false });
  });

  it("expands the medical preset beside AssemblyAI policy names: { policies: ['medical', 'person_age'] }", async () => {
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { redaction: { policies: ["medical", "person_age"] } });
    expect(plan.transcription).toMatchObject({ redact_pii: true, redact_pii_policies: [...SAFE_HARBOR, "person_age"], redact_pii_sub: "hash" });
    // It replaces the config's policies, and turns redaction back on over a config that had it off.
    const off = parseSoapConfig({ transcription: { redact_pii: false } });
    const on = await planVisit(off, "visit-1", { redaction: { policies: ["person_name"], substitution: "entity_name" } });
    expect(on.transcription).toMatchObject({ redact_pii: true, redact_pii_policies: ["person_name"], redact_pii_sub: "entity_name" });
    expect((await planVisit(off, "visit-1", { redaction: true })).transcription).toMatchObject({ redact_pii: true, redact_pii_policies: SAFE_HARBOR, redact_pii_sub: "hash" });
  });

  it("rejects an unknown policy with RequestValidationError naming it and its position", async () => {
    const run = planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { redaction: { policies: ["medical", "shoe_size"] } });
    await expect(run).rejects.toBeInstanceOf(RequestValidationError);
    await expect(run).rejects.toThrow(/"shoe_size"/);
    await expect(run).rejects.toMatchObject({ issues: [{ path: ["redact_pii_policies", 1] }] });
    await expect(planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { redaction: { policies: [] } })).rejects.toBeInstanceOf(RequestValidationError);
  });
});

describe("planVisit: transcription overrides", () => {
  it("sets speaker labels with the expected speaker count", async () => {
    const plan = await planVisit(parseSoapConfig({ transcription: { speaker_labels: false } }), "visit-1", { speakersExpected: 3 });
    expect(plan.transcription).toMatchObject({ speaker_labels: true, speakers_expected: 3 });
  });

  it("sets the keyterms in a fresh array", async () => {
    const keyterms = ["metformin", "lisinopril"];
    const plan = await planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { keyterms });
    expect(plan.transcription.keyterms_prompt).toEqual(["metformin", "lisinopril"]);
    expect(plan.transcription.keyterms_prompt).not.toBe(keyterms);
  });

  it("sets domain medical-v1 with medical: true and removes the config's domain with medical: false", async () => {
    expect((await planVisit(DEFAULT_SOAP_CONFIG, "visit-1", { medical: true })).transcription.domain).toBe("medical-v1");
    const withDomain = parseSoapConfig({ transcription: { domain: "medical-v1" } });
    expect((await planVisit(withDomain, "visit-1")).transcription.domain).toBe("medical-v1");
    expect((await planVisit(withDomain, "visit-1", { medical: false })).transcription).not.toHaveProperty("domain");
  });
});
