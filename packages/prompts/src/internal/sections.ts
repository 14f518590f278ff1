import type { SoapSection } from "./types.js";

/** The four sections in note order (a readonly tuple, so schema libraries can enumerate it). */
export const SOAP_SECTIONS = Object.freeze(["subjective", "objective", "assessment", "plan"] as const) satisfies readonly SoapSection[];

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
