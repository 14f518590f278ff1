import { SYSTEM_PROMPT_V1 } from "../render/guard.js";
import { ROLES_LINE_TASK, canAskRoles } from "../render/roles-request.js";
import { transcriptFields, userContent } from "../render/transcript-block.js";
import { SOAP_SECTIONS, sectionTitle } from "../sections.js";
import type { RenderedRequest, SoapSection, TemplateInput } from "../types.js";
import { defineTemplate } from "./define-template.js";

// Released: this text is locked by hash in templates.lock.json. Change it only in a new version.
// soap-sectioned@1.0.0's text (a frozen copy), plus the roles line of ROLES_LINE_TASK in ONE request
// (the first section's; a one-section request of its own asks too), when the model sees speaker
// labels and no roles are given.

interface Question {
  question: string;
  context: string;
  format: string;
}

/** The seed tutorial's Method 2 questions, in our own words. */
const QUESTIONS: Record<SoapSection, Question> = {
  subjective: {
    question: "What symptoms or concerns does the patient report?",
    context:
      "Capture the patient's own account of how they feel. For example: the patient reports persistent headaches and dizziness.",
    format: "<the patient's symptoms or concerns>, [an exact quote from the patient]",
  },
  objective: {
    question: "Which measurable or observable findings came out of the examination?",
    context:
      "Collect the patient's objective signs and measurements. For example: the examination shows a raised body temperature and a fast heart rate.",
    format: "<measurable and observable findings>",
  },
  assessment: {
    question: "Given the patient's history and the examination, what is the assessment or diagnosis?",
    context:
      "Form a professional assessment from what was gathered. For example: given the symptoms, the examination and the medical history, the working diagnosis is migraine.",
    format: "<assessment or diagnosis>",
  },
  plan: {
    question: "What course of action or treatment was decided for the patient?",
    context:
      "Set out the intended course of action or treatment. For example: prescribe medication, recommend rest and book a follow-up appointment in two weeks.",
    format: "<course of action or treatment>, [an exact quote from the provider]",
  },
};

function task(section: SoapSection): string {
  const q = QUESTIONS[section];
  return [
    `SOAP note, ${sectionTitle(section)} section.`,
    q.question,
    `Context: this is a medical appointment between a patient and a provider. Personal identifying information in the transcript may have been redacted. ${q.context}`,
    `Answer format: ${q.format}`,
    "Write only what the transcript supports. Copy quotes exactly as they appear in the transcript.",
  ].join("\n\n");
}

function request(section: SoapSection, input: TemplateInput, asksRoles: boolean): RenderedRequest {
  const ask = asksRoles && canAskRoles(input);
  return {
    section,
    messages: [
      { role: "system", content: SYSTEM_PROMPT_V1 },
      { role: "user", content: userContent(ask ? `${task(section)}\n\n${ROLES_LINE_TASK}` : task(section), input) },
    ],
    max_tokens: 1000,
    ...transcriptFields(input.transcript),
    ...(ask ? { asksSpeakerRoles: true as const } : {}),
  };
}

/**
 * `soap-sectioned@1.1.0`: `soap-sectioned@1.0.0` (one question per section, four requests) where the
 * first request, when the model sees speaker labels, also asks for the `Speaker roles: {...}` line:
 * roles are asked once per note, not four times.
 */
export const soapSectionedV1_1 = defineTemplate({
  id: "soap-sectioned",
  version: "1.1.0",
  description:
    "One request per section, each a focused question with context and answer format (the seed tutorial's Method 2); with inline speaker-labelled text, the first request also names the clinician's and the patient's labels.",
  mode: "sectioned",
  maxTokens: 1000,
  render: (input) => SOAP_SECTIONS.map((s, i) => request(s, input, i === 0)),
  renderSection: (input, section) => request(section, input, true),
});
