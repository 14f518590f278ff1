import { DEFAULT_SOAP_CONFIG } from "@org/soap-prompts";
import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { SCRUBBER_POLICIES } from "../redact-text/scrub-policies.js";
import { planVisit, visitPlanFromJson, visitPlanSchema, type VisitPlan } from "./plan.js";
import { regenerateNoteSection } from "./regenerate.js";
import { runVisit } from "./run-visit.js";
import { FakeTranscripts, FakeVisitGateway } from "./test-support/fake-visit-clients.js";
import { UnredactedTextError } from "./text-redaction-error.js";
import { checkTextInput, planTextRedaction, prepareDialogue, textRedactionOf } from "./text-redaction.js";
import { transcriptionParams } from "./transcription-params.js";

// Issue #13, reproduction 2: a text dialogue with a name, a date of birth and a phone number.
const DIALOGUE = [
  "[doctor] Can you confirm your full name and date of birth?",
  "[patient] Sure. Odalys Penberthy, April 9, 1977.",
  "[doctor] And we can still reach you at 312-555-0147?",
  "[patient] Yes. My right knee has been hurting for two weeks, I take ibuprofen 400 mg.",
].join("\n");
const IDENTIFIERS = ["April 9, 1977", "312-555-0147"];

const defaults = transcriptionParams(DEFAULT_SOAP_CONFIG.transcription);

async function planFor(overrides: Parameters<typeof planVisit>[2]): Promise<VisitPlan> {
  return planVisit(DEFAULT_SOAP_CONFIG, "visit-text", overrides);
}

describe("planTextRedaction: the rule for text dialogues, decided once in the plan", () => {
  it("refuses on a real gateway unless the caller states the text is de-identified or turns redaction off", () => {
    expect(planTextRedaction(defaults, "assemblyai", false)).toEqual({ action: "refuse", policies: [...SCRUBBER_POLICIES], substitution: "hash" });
    expect(planTextRedaction(defaults, "assemblyai", true)).toEqual({ action: "scrub", policies: [...SCRUBBER_POLICIES], substitution: "hash", statement: "deidentified" });
    expect(planTextRedaction({ ...defaults, redact_pii: false }, "assemblyai", false)).toEqual({ action: "send_as_is", statement: "no_redact" });
  });

  it("scrubs on the sandbox without any statement, so the demo runs as it did", () => {
    expect(planTextRedaction(defaults, "sandbox", false)).toEqual({ action: "scrub", policies: [...SCRUBBER_POLICIES], substitution: "hash" });
    expect(planTextRedaction({ ...defaults, redact_pii: false }, "sandbox", true)).toEqual({ action: "send_as_is", statement: "no_redact" });
  });

  it("scrubs for the plan's policies it can find, with the plan's substitution", () => {
    const t = { ...defaults, redact_pii_policies: ["person_name" as const, "phone_number" as const], redact_pii_sub: "entity_name" as const };
    expect(planTextRedaction(t, "sandbox", false)).toEqual({ action: "scrub", policies: ["phone_number"], substitution: "entity_name" });
  });

  it("planVisit records it from the caller's statement and environment; a stored plan keeps it", async () => {
    const real = await planFor({ environment: "assemblyai" });
    expect(real.textRedaction?.action).toBe("refuse");
    expect((await planFor({ environment: "assemblyai", deidentified: true })).textRedaction).toMatchObject({ action: "scrub", statement: "deidentified" });
    expect((await planFor({ environment: "assemblyai", redaction: false })).textRedaction).toEqual({ action: "send_as_is", statement: "no_redact" });
    expect((await planFor({ environment: "sandbox" })).textRedaction?.action).toBe("scrub");
    const stored = await planFor({ environment: "assemblyai", deidentified: true });
    expect(await visitPlanFromJson(JSON.stringify(stored), { template: "x@1", model: "m" })).toEqual(stored);
    expect(visitPlanSchema.safeParse({ ...stored, textRedaction: { action: "scrub", policies: ["person_name"], substitution: "hash" } }).success).toBe(false);
  });

  it("a plan stored before the rule (no textRedaction) gets the rule with no statement: refused on AssemblyAI", async () => {
    const { textRedaction: _gone, ...old } = await planFor({ environment: "assemblyai", deidentified: true });
    expect(textRedactionOf(old).action).toBe("refuse");
    expect(() => checkTextInput(old)).toThrow(UnredactedTextError);
    expect(textRedactionOf({ ...old, environment: "sandbox" }).action).toBe("scrub");
  });
});

describe("prepareDialogue", () => {
  it("refuses with a message that says what, why and how to fix, without any transcript text", async () => {
    const plan = await planFor({ environment: "assemblyai" });
    let err: unknown;
    try {
      prepareDialogue(parseTranscriptText(DIALOGUE), plan);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnredactedTextError);
    const message = (err as Error).message;
    expect(message).toMatch(/Refusing to send a text dialogue/);
    expect(message).toMatch(/not names/);
    expect(message).toMatch(/Nothing was sent/);
    expect(message).toMatch(/deidentified: true/);
    expect(message).toMatch(/redaction: false/);
    for (const s of [...IDENTIFIERS, "Odalys"]) expect(message).not.toContain(s);
  });

  it("scrubs and records what it removed; sends as it is and says so", async () => {
    const scrubbed = prepareDialogue(parseTranscriptText(DIALOGUE), await planFor({ environment: "sandbox" }));
    expect(scrubbed.redaction).toEqual({
      applied: true,
      method: "local-scrubber",
      policies: [...SCRUBBER_POLICIES],
      substitution: "hash",
      found: { date_of_birth: 1, phone_number: 1 },
    });
    const asIs = prepareDialogue(parseTranscriptText(DIALOGUE), await planFor({ environment: "assemblyai", redaction: false }));
    expect(asIs.redaction).toEqual({ applied: false, statement: "no_redact" });
    expect(asIs.dialogue.utterances.map((u) => u.text).join("\n")).toContain("312-555-0147");
  });
});

describe("runVisit with a text dialogue (issue #13, reproduction 2)", () => {
  it("refuses it on AssemblyAI when the caller stated nothing: UnredactedTextError, and no request at all", async () => {
    const gateway = new FakeVisitGateway();
    const plan = await planFor({ environment: "assemblyai" });
    await expect(runVisit({ kind: "transcript_text", text: DIALOGUE }, { gateway, plan })).rejects.toBeInstanceOf(UnredactedTextError);
    expect(gateway.requests).toEqual([]);
    expect(gateway.log).toEqual([]);
  });

  it("sends it with the statement --deidentified, scrubbed: no phone number or birth date in the request, clinical numbers kept", async () => {
    const gateway = new FakeVisitGateway();
    const plan = await planFor({ environment: "assemblyai", deidentified: true });
    const { note } = await runVisit({ kind: "transcript_text", text: DIALOGUE }, { gateway, plan });
    expect(gateway.requests.length).toBeGreaterThan(0);
    const sent = JSON.stringify(gateway.requests);
    for (const s of IDENTIFIERS) expect(sent).not.toContain(s);
    expect(sent).toContain("ibuprofen 400 mg");
    expect(sent).toContain("two weeks");
    // The honest limit: names are not found by the scrubber (which is why the statement is required).
    expect(sent).toContain("Odalys Penberthy");
    expect(note.provenance.redaction).toEqual({
      applied: true,
      method: "local-scrubber",
      policies: [...SCRUBBER_POLICIES],
      substitution: "hash",
      statement: "deidentified",
      found: { date_of_birth: 1, phone_number: 1 },
    });
  });

  it("scrubs it on the sandbox without a statement, with [PHONE_NUMBER] tags under entity_name", async () => {
    const gateway = new FakeVisitGateway();
    const plan = await planFor({ environment: "sandbox", redaction: { substitution: "entity_name" } });
    await runVisit({ kind: "transcript_text", text: DIALOGUE }, { gateway, plan });
    expect(gateway.content()).toContain("[PHONE_NUMBER]");
    expect(gateway.content()).toContain("[DATE_OF_BIRTH]");
    for (const s of IDENTIFIERS) expect(gateway.content()).not.toContain(s);
  });

  it("sends it as it is with --no-redact (redaction: false), and the note says so", async () => {
    const gateway = new FakeVisitGateway();
    const { note } = await runVisit({ kind: "transcript_text", text: DIALOGUE }, { gateway, plan: await planFor({ environment: "assemblyai", redaction: false }) });
    for (const s of IDENTIFIERS) expect(gateway.content()).toContain(s);
    expect(note.provenance.redaction).toEqual({ applied: false, statement: "no_redact" });
  });

  it("leaves audio alone: a plan that refuses text still transcribes and writes notes from audio", async () => {
    const plan = await planFor({ environment: "assemblyai" });
    expect(plan.textRedaction?.action).toBe("refuse");
    const transcripts = new FakeTranscripts();
    const gateway = new FakeVisitGateway({ log: transcripts.log });
    const { note } = await runVisit({ kind: "audio_url", url: "https://example.org/visit.mp3" }, { transcripts, gateway, plan });
    expect(transcripts.log).toEqual(["create", "wait:tr_visit_1", "chat"]);
    expect(note.provenance.redaction).toMatchObject({ applied: true });
    expect(note.provenance.redaction?.method).toBeUndefined();
  });
});

describe("regenerating a section of a note from a scrubbed dialogue", () => {
  it("takes the same raw dialogue again, scrubs it as the note records, and matches its hash", async () => {
    const plan = await planFor({ environment: "assemblyai", deidentified: true, template: "soap-complete@1" });
    const first = new FakeVisitGateway({ answer: () => "## Subjective\nKnee pain.\n## Objective\nNone.\n## Assessment\nKnee pain.\n## Plan\nIbuprofen." });
    const { note } = await runVisit({ kind: "transcript_text", text: DIALOGUE }, { gateway: first, plan });
    const gateway = new FakeVisitGateway({ answer: () => "Ibuprofen, [I take ibuprofen 400 mg]." });
    const next = await regenerateNoteSection(note, "plan", { gateway, transcript: parseTranscriptText(DIALOGUE) });
    expect(gateway.requests).toHaveLength(1);
    for (const s of IDENTIFIERS) expect(gateway.content()).not.toContain(s);
    expect(next.provenance.transcript_hash).toBe(note.provenance.transcript_hash);
  });
});
