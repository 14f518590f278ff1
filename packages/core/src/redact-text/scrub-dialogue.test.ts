import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { scrubDialogue } from "./scrub-dialogue.js";

const TEXT = [
  "[doctor] Can you confirm your full name and date of birth?",
  "[patient] Sure. Odalys Penberthy, April 9, 1977.",
  "[doctor] And we can still reach you at 312-555-0147?",
  "[patient] Yes. I take ibuprofen 400 mg, since March 3rd.",
].join("\n");

describe("scrubDialogue", () => {
  it("scrubs each turn, finds a birth date answered on the next turn, and keeps speakers, roles and clinical numbers", () => {
    const { dialogue, found } = scrubDialogue(parseTranscriptText(TEXT), { substitution: "entity_name" });
    expect(dialogue.utterances).toEqual([
      { speaker: "doctor", text: "Can you confirm your full name and date of birth?" },
      { speaker: "patient", text: "Sure. Odalys Penberthy, [DATE_OF_BIRTH]." },
      { speaker: "doctor", text: "And we can still reach you at [PHONE_NUMBER]?" },
      { speaker: "patient", text: "Yes. I take ibuprofen 400 mg, since March 3rd." },
    ]);
    expect(dialogue.speakerRoles).toEqual({ doctor: "clinician", patient: "patient" });
    expect(found).toEqual({ date_of_birth: 1, phone_number: 1 });
  });

  it("rebuilds the words from the scrubbed turns, so no value survives in them", () => {
    const { dialogue } = scrubDialogue(parseTranscriptText(TEXT));
    const words = dialogue.words.map((w) => w.text).join(" ");
    expect(words).not.toMatch(/312-555-0147|1977/);
    expect(words).toContain("############?");
    expect(dialogue.words.filter((w) => w.speaker === "patient").map((w) => w.text)).toContain("400");
  });

  it("never treats a tag it writes as a speaker label (the turns are scrubbed after parsing)", () => {
    const parsed = parseTranscriptText("[patient] my number is\n312-555-0147 and that's it");
    const { dialogue } = scrubDialogue(parsed, { substitution: "entity_name" });
    expect(dialogue.utterances).toEqual([{ speaker: "patient", text: "my number is [PHONE_NUMBER] and that's it" }]);
  });

  it("returns the same dialogue when there is nothing to scrub, or no policy it can find", () => {
    const parsed = parseTranscriptText(TEXT);
    expect(scrubDialogue(parsed, { policies: ["person_name"] }).dialogue).toBe(parsed);
    const clean = parseTranscriptText("[doctor] how is the knee ?\n[patient] better , 2 weeks now .");
    expect(scrubDialogue(clean)).toEqual({ dialogue: clean, found: {} });
  });
});
