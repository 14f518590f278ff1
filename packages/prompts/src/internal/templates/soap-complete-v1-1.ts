import { SYSTEM_PROMPT_V1 } from "../render/guard.js";
import { ROLES_LINE_TASK, canAskRoles } from "../render/roles-request.js";
import { transcriptFields, userContent } from "../render/transcript-block.js";
import { sectionTitle } from "../sections.js";
import type { RenderedRequest, SoapSection, TemplateInput } from "../types.js";
import { defineTemplate } from "./define-template.js";

// Released: this text is locked by hash in templates.lock.json. Change it only in a new version.
// soap-complete@1.0.0's text (a frozen copy), plus the roles line of ROLES_LINE_TASK when the model
// sees speaker labels and no roles are given.

const CONTEXT =
  "Context: this is a medical appointment between a patient and a provider. Personal identifying information in the transcript may have been redacted.";

/** Each section's guidance, after the seed tutorial's Method 1, in our own words. */
const GUIDANCE: Record<SoapSection, string> = {
  subjective: [
    "Usually the shortest section, two or three sentences: the patient's affect as the provider sees it. None of it needs to be measurable.",
    "- Anything that may have influenced how the patient did, such as being unwell, tired, attentive or easily distracted.",
    "- Whether the patient arrived on time or late.",
    "- Optionally a quote of something the patient said, or how they said they felt.",
  ].join("\n"),
  objective: [
    "Facts that can be measured or observed. This may include:",
    "- Direct quotes from the patient",
    "- Measurements",
    "- Data on how the patient performed",
  ].join("\n"),
  assessment: [
    "The main body of the note: a narrative of what actually happened during the visit. It may cover:",
    "- Whether things have improved since the last visit",
    "- Possible barriers to progress",
    "- The clinician's interpretation of what the visit showed",
  ].join("\n"),
  plan: "A short section on what happens next: treatment, tests and future visits. Bullet points usually suit it.",
};

const WHOLE_TASK = [
  "Write a SOAP note summarising the doctor-patient appointment in the transcript below.",
  CONTEXT,
  "Format the answer in markdown with exactly these four headings, in this order:",
  ...(["subjective", "objective", "assessment", "plan"] as const).map((s) => `## ${sectionTitle(s)}\n${GUIDANCE[s]}`),
  'Write only what the transcript supports. Under a heading with nothing to report, write "Not discussed."',
].join("\n\n");

function sectionTask(section: SoapSection): string {
  return [
    `Write only the ${sectionTitle(section)} section of a SOAP note for the doctor-patient appointment in the transcript below.`,
    CONTEXT,
    `What the ${sectionTitle(section)} section holds:\n${GUIDANCE[section]}`,
    'Answer with the section\'s content only, in markdown, without a heading. Write only what the transcript supports; if there is nothing to report, write "Not discussed."',
  ].join("\n\n");
}

function request(task: string, maxTokens: number, input: TemplateInput, section?: SoapSection): RenderedRequest {
  const ask = canAskRoles(input);
  return {
    ...(section ? { section } : {}),
    messages: [
      { role: "system", content: SYSTEM_PROMPT_V1 },
      { role: "user", content: userContent(ask ? `${task}\n\n${ROLES_LINE_TASK}` : task, input) },
    ],
    max_tokens: maxTokens,
    ...transcriptFields(input.transcript),
    ...(ask ? { asksSpeakerRoles: true as const } : {}),
  };
}

/**
 * `soap-complete@1.1.0`: `soap-complete@1.0.0` (one markdown request for the whole note) that also
 * asks, when the model sees speaker labels, for a last `Speaker roles: {"clinician": …, "patient": …}` line.
 */
export const soapCompleteV1_1 = defineTemplate({
  id: "soap-complete",
  version: "1.1.0",
  description:
    "Whole note in one request, as markdown with ## Subjective / Objective / Assessment / Plan headings (the seed tutorial's Method 1); with inline speaker-labelled text, a last line names the clinician's and the patient's labels.",
  mode: "complete",
  maxTokens: 2000,
  render: (input) => [request(WHOLE_TASK, 2000, input)],
  renderSection: (input, section) => request(sectionTask(section), 1000, input, section),
});
