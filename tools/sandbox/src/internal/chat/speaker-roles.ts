import type { Unit } from "./transcript-units.js";

/** The roles the sandbox names: speaker labels as it read them, or "unknown". */
export interface NamedRoles {
  clinician: string;
  patient: string;
}

// The instruction of @org/soap-prompts' roles-labelling templates (soap-complete@1.1, soap-sectioned@1.1):
// a last line in exactly this form. Structured requests ask through a `speaker_roles` schema property.
const LINE_PREFIX = "Speaker roles:";
const LINE_ASK = /Speaker roles: \{"clinician": "<label>", "patient": "<label>"\}/;

// Cues a reader (or a model) uses to tell who is who from what was said. Counted per sentence.
const SELF_INTRODUCED_CLINICIAN = /\b(?:i'm|i am|this is|my name is)\s+(?:dr\b\.?|doctor\b)/i;
const CLINICIAN_CUES = /\b(?:let's|let me|we'll|we will|i'll|i'm going to|i recommend|i'd like you|prescrib\w*|exam\w*|your)\b/gi;
const PATIENT_CUES = /\b(?:my|i've been|i have been|it hurts|i feel|i've had|i'm having)\b/gi;
const ADDRESSES_DOCTOR = /\b(?:dr\b\.?|doctor)\s+[A-Z]/;

function score(text: string): number {
  let s = (text.match(CLINICIAN_CUES)?.length ?? 0) - (text.match(PATIENT_CUES)?.length ?? 0);
  if (text.trimEnd().endsWith("?")) s += 1;
  if (SELF_INTRODUCED_CLINICIAN.test(text)) s += 5;
  else if (ADDRESSES_DOCTOR.test(text)) s -= 1;
  return s;
}

/**
 * Who is who, from what was sent only: roles the labels or the prompt already give win; otherwise
 * each speaker's sentences are scored by clinician cues (questions, "let's", "your", a self-introduction
 * as doctor) against patient cues ("my", "I've been", addressing the doctor). The highest score is the
 * clinician, the lowest of the others the patient. Deterministic: ties go to the first speaker.
 * Without speaker labels (the plain text of a `transcript_id` request) both are "unknown".
 */
export function inferRoles(units: readonly Unit[]): NamedRoles {
  const order: string[] = [];
  const scores = new Map<string, number>();
  const stated: Partial<Record<"clinician" | "patient", string>> = {};
  for (const u of units) {
    if (u.speaker === null) continue;
    if (!scores.has(u.speaker)) {
      order.push(u.speaker);
      scores.set(u.speaker, 0);
    }
    scores.set(u.speaker, (scores.get(u.speaker) ?? 0) + score(u.text));
    if (u.role !== null) stated[u.role] ??= u.speaker;
  }
  const byScore = (pick: (a: number, b: number) => boolean, among: string[]): string | undefined =>
    among.reduce<string | undefined>((best, s) => (best === undefined || pick(scores.get(s) ?? 0, scores.get(best) ?? 0) ? s : best), undefined);
  const clinician = stated.clinician ?? (order.length >= 2 ? byScore((a, b) => a > b, order.filter((s) => s !== stated.patient)) : undefined);
  const patient = stated.patient ?? (order.length >= 2 ? byScore((a, b) => a < b, order.filter((s) => s !== clinician)) : undefined);
  return { clinician: clinician ?? "unknown", patient: patient ?? "unknown" };
}

function schemaAsksRoles(schema: Record<string, unknown> | undefined): boolean {
  const props = schema?.["properties"];
  return typeof props === "object" && props !== null && "speaker_roles" in props;
}

/**
 * Adds what a roles-labelling request asks for to the sandbox's answer: a `speaker_roles` field when
 * the JSON schema has one, or the last `Speaker roles: {...}` line when the prompt asks for it.
 * Anything else (and a `schema_violation` answer) is returned unchanged.
 */
export function withSpeakerRoles(
  content: string,
  o: { outside: string; schema: Record<string, unknown> | undefined; units: readonly Unit[]; schemaViolation: boolean },
): string {
  if (o.schema) {
    if (!schemaAsksRoles(o.schema) || o.schemaViolation) return content;
    const value = JSON.parse(content) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return content;
    return JSON.stringify({ speaker_roles: inferRoles(o.units), ...value });
  }
  if (!LINE_ASK.test(o.outside)) return content;
  return `${content}\n\n${LINE_PREFIX} ${JSON.stringify(inferRoles(o.units))}`;
}
