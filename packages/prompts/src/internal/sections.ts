import type { SoapSection } from "./types.js";

/** The four sections in note order. */
export const SOAP_SECTIONS: readonly SoapSection[] = Object.freeze(["subjective", "objective", "assessment", "plan"]);

const TITLES: Record<SoapSection, string> = {
  subjective: "Subjective",
  objective: "Objective",
  assessment: "Assessment",
  plan: "Plan",
};

/** `"plan"` -> `"Plan"`. */
export function sectionTitle(section: SoapSection): string {
  return TITLES[section];
}
