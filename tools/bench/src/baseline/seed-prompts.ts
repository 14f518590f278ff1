/**
 * The prompts of AssemblyAI's tutorial "Generate SOAP Notes using LLM Gateway" (JavaScript tab), as
 * the seed-style baseline sends them. Text from the tutorial, kept verbatim so the yardstick is fair.
 */

/** The model the tutorial names. */
export const SEED_MODEL = "claude-sonnet-4-5-20250929";

/** The speech model and PII redaction the tutorial's transcription request asks for. */
export const SEED_TRANSCRIPTION = {
  speech_models: ["universal-3-pro"],
  redact_pii: true,
  redact_pii_policies: ["person_name", "organization", "occupation"],
  redact_pii_sub: "hash",
} as const;

/** Method 1's prompt (one request for the whole note, max_tokens 2000). */
export const SEED_METHOD1_PROMPT = `
Generate a SOAP note summary based on the following doctor-patient appointment transcript.

Context: This is a doctor appointment between patient and provider. The personal identification information has been redacted.

Format the response as follows:

Subjective
This is typically the shortest section (only 2-3 sentences) and it describes the patient's affect, as the professional sees it. This information is all subjective (it isn't measureable).
- Include information that may have affected the patient's performance, such as if they were sick, tired, attentive, distractible, etc.
- Was the patient on time or did they come late?
- May include a quote of something the patient said, or how they reported feeling

Objective
This section includes factual, measurable, and objective information. This may include:
- Direct patient quotes
- Measurements
- Data on patient performance

Assessment
This section should be the meat of the SOAP note. It contains a narrative of what actually happened during the session. There may be information regarding:
- Whether improvements have been made since the last session
- Any potential barriers to success
- Clinician's interpretation of the results of the session

Plan
This is another short section that states the plan for future sessions. In most settings, this section may be bulleted
`;

/** One of Method 2's four questions. */
export interface SeedQuestion {
  section: "Subjective" | "Objective" | "Assessment" | "Plan";
  question: string;
  context: string;
  format: string;
}

/** Method 2's questions, one request each (max_tokens 1000), sent one after another. */
export const SEED_METHOD2_QUESTIONS: readonly SeedQuestion[] = [
  {
    section: "Subjective",
    question: "What are the patient's current symptoms or concerns?",
    context:
      "Gather information about the patient's subjective experience. Example: The patient reports experiencing persistent headaches and dizziness.",
    format: "<patient's symptoms or concerns>, [exact quote from patient]",
  },
  {
    section: "Objective",
    question: "What are the measurable and observable findings from the examination?",
    context:
      "Collect data on the patient's objective signs and measurements. Example: The examination reveals an elevated body temperature and increased heart rate.",
    format: "<measurable and observable findings>",
  },
  {
    section: "Assessment",
    question: "Based on the patient's history and examination, what is your assessment or diagnosis?",
    context:
      "Formulate a professional assessment based on the gathered information. Example: Based on the patient's symptoms, examination, and medical history, the preliminary diagnosis is migraine.",
    format: "<assessment or diagnosis>",
  },
  {
    section: "Plan",
    question: "What is the plan of action or treatment for the patient?",
    context:
      "Outline the intended course of action or treatment. Example: The treatment plan includes prescribing medication, recommending rest, and scheduling a follow-up appointment in two weeks.",
    format: "<plan of action or treatment>, [exact quote from provider]",
  },
];

/** Method 2's prompt for one question, built the way the tutorial builds it. */
export function seedSectionPrompt(q: SeedQuestion): string {
  return `
${q.question}

Context: This is a doctor appointment between patient and provider. The personal identification information has been redacted. ${q.context}

Answer Format: ${q.format}
`;
}
