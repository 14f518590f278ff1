import { SYSTEM_PROMPT_V1 } from "../render/guard.js";
import { transcriptFields, userContent } from "../render/transcript-block.js";
import { sectionTitle } from "../sections.js";
import { structuredAnswerJsonSchema, structuredSectionJsonSchema } from "../structured-json-schema.js";
import type { RenderedRequest, SoapSection, TemplateInput } from "../types.js";
import { defineTemplate } from "./define-template.js";

// Released: this text is locked by hash in templates.lock.json. Change it only in a new version.

/** What belongs in each section. Each line names no other section. */
const HOLDS: Record<SoapSection, string> = {
  subjective: "what the patient reports: symptoms, concerns and history in their own words, and how they say they feel",
  objective: "what can be measured or observed: vital signs, examination findings, test and imaging results",
  assessment: "the clinician's interpretation: diagnoses or working diagnoses, progress since the last visit, barriers to progress",
  plan: "what happens next: treatment, medication, tests, referrals, patient education and follow-up",
};

const EVIDENCE_RULES = [
  "Rules for statements and evidence:",
  '- Each statement ("text") is one short clinical fact, in plain words.',
  '- Each statement carries its evidence: one or more quotes copied exactly, word for word, from the transcript ("quote"), each with the label of the speaker who said it ("speaker"), as the transcript labels them (for example "A" or "doctor"). If the transcript shows no speaker labels, use "unknown".',
  "- A quote is a contiguous run of words from one speaker's turn: do not join, shorten or correct it. Keep it short (a clause or a sentence) but enough to support the statement.",
  "- Leave out any statement the transcript does not support.",
].join("\n");

const WHOLE_TASK = [
  "Write a SOAP note for the visit in the transcript below, as JSON that follows the given schema.",
  "The note has four sections, each a list of statements:",
  (["subjective", "objective", "assessment", "plan"] as const).map((s) => `- "${s}" (${sectionTitle(s)}): ${HOLDS[s]}.`).join("\n"),
  EVIDENCE_RULES,
  "A section with nothing to report has an empty list of statements.",
].join("\n\n");

function sectionTask(section: SoapSection): string {
  return [
    `Write only the ${sectionTitle(section)} section of a SOAP note for the visit in the transcript below, as JSON that follows the given schema: an object with a list of statements.`,
    `The ${sectionTitle(section)} section holds ${HOLDS[section]}.`,
    EVIDENCE_RULES,
    "If there is nothing to report, answer with an empty list of statements.",
  ].join("\n\n");
}

function request(task: string, input: TemplateInput, maxTokens: number, section?: SoapSection): RenderedRequest {
  return {
    ...(section ? { section } : {}),
    messages: [
      { role: "system", content: SYSTEM_PROMPT_V1 },
      { role: "user", content: userContent(task, input) },
    ],
    max_tokens: maxTokens,
    response_format: {
      type: "json_schema",
      json_schema: section
        ? { name: "soap_section", schema: structuredSectionJsonSchema, strict: true }
        : { name: "soap_note", schema: structuredAnswerJsonSchema, strict: true },
    },
    ...transcriptFields(input.transcript),
  };
}

/** `soap-structured@2.0.0`: one JSON request; every statement carries verbatim quotes with speakers. */
export const soapStructuredV2 = defineTemplate({
  id: "soap-structured",
  version: "2.0.0",
  description: "Whole note as JSON (response_format json_schema, strict): each section a list of statements, each backed by exact transcript quotes with speaker labels.",
  mode: "structured",
  maxTokens: 4000,
  render: (input) => [request(WHOLE_TASK, input, 4000)],
  renderSection: (input, section) => request(sectionTask(section), input, 1500, section),
});
