import { SECTIONS, pickUnits, type Section } from "./sections.js";
import type { Unit } from "./transcript-units.js";

/** Chat faults that change the answer itself. */
export interface AnswerFaults {
  inventedQuote: boolean;
  missingSection: Section | null;
  schemaViolation: boolean;
}

/** A sentence that is in no fixture: what the invented_quote fault puts in the answer. */
export const INVENTED_QUOTE = "The patient reports crushing chest pain radiating to the left arm since this morning.";

const TITLES: Record<Section, string> = { subjective: "Subjective", objective: "Objective", assessment: "Assessment", plan: "Plan" };
const NOTHING: Record<Section, string> = {
  subjective: "No symptoms or concerns were stated in the transcript.",
  objective: "No examination findings or measurements were stated in the transcript.",
  assessment: "No assessment or diagnosis was stated in the transcript.",
  plan: "No plan was stated in the transcript.",
};

interface Statement {
  text: string;
  evidence: { quote: string; speaker: string }[];
}

function statementsFor(units: Unit[], section: Section, faults: AnswerFaults, first: boolean): Statement[] {
  const picked = pickUnits(units, section).map((u) => ({ text: u.text, evidence: [{ quote: u.text, speaker: u.speaker ?? "unknown" }] }));
  if (faults.inventedQuote && first) {
    const speaker = units.find((u) => u.role === "patient")?.speaker ?? units[0]?.speaker ?? "unknown";
    picked.unshift({ text: INVENTED_QUOTE, evidence: [{ quote: INVENTED_QUOTE, speaker }] });
  }
  return picked;
}

function bullets(statements: Statement[], section: Section): string {
  if (statements.length === 0) return `- ${NOTHING[section]}`;
  return statements
    .map((s) => {
      const e = s.evidence[0];
      const who = e && e.speaker !== "unknown" ? ` (speaker ${e.speaker})` : "";
      return `- "${e?.quote ?? s.text}"${who}`;
    })
    .join("\n");
}

/** Method 1: a full note with `## Subjective` … `## Plan` headings. */
export function fullNoteText(units: Unit[], faults: AnswerFaults): string {
  return SECTIONS.filter((s) => s !== faults.missingSection)
    .map((s, i) => `## ${TITLES[s]}\n${bullets(statementsFor(units, s, faults, i === 0), s)}`)
    .join("\n\n");
}

/** Method 2: one section as plain text (bullets of exact quotes). */
export function sectionText(units: Unit[], section: Section, faults: AnswerFaults): string {
  if (faults.missingSection === section) return "";
  return bullets(statementsFor(units, section, faults, true), section);
}

/** Structured: the four-section shape, or `{statements}` for one section. */
export function structuredAnswer(units: Unit[], shape: "four" | Section, faults: AnswerFaults): unknown {
  if (faults.schemaViolation) {
    return shape === "four"
      ? { subjective: "The patient reports pain.", objective: { statements: [{ text: 42 }] } }
      : { statements: "The patient reports pain." };
  }
  if (shape !== "four") return { statements: faults.missingSection === shape ? [] : statementsFor(units, shape, faults, true) };
  const out: Record<string, { statements: Statement[] }> = {};
  SECTIONS.forEach((s, i) => {
    if (s !== faults.missingSection) out[s] = { statements: statementsFor(units, s, faults, i === 0) };
  });
  return out;
}

/** A minimal instance of an arbitrary JSON schema (for structured requests that are not SOAP notes). */
export function minimalInstance(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== "object" || depth > 20) return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s["enum"]) && s["enum"].length > 0) return s["enum"][0];
  if ("const" in s) return s["const"];
  const type = Array.isArray(s["type"]) ? s["type"][0] : s["type"];
  switch (type) {
    case "object": {
      const props = (s["properties"] ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s["required"]) ? (s["required"] as string[]) : Object.keys(props);
      return Object.fromEntries(required.map((k) => [k, minimalInstance(props[k], depth + 1)]));
    }
    case "array": {
      const min = typeof s["minItems"] === "number" ? s["minItems"] : 0;
      return Array.from({ length: min }, () => minimalInstance(s["items"], depth + 1));
    }
    case "string":
      return "sandbox";
    case "integer":
    case "number":
      return typeof s["minimum"] === "number" ? s["minimum"] : 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default: {
      const options = (s["anyOf"] ?? s["oneOf"]) as unknown[] | undefined;
      return options?.[0] ? minimalInstance(options[0], depth + 1) : null;
    }
  }
}
