import { checkEvidence } from "../../evidence/check-evidence.js";
import { createSoapNote } from "../../note/build-note.js";
import type { SoapNote } from "../../note/soap-note.js";
import { testProvenance } from "./provenance.js";

const words = [
  { text: "It", start: 61_000, end: 61_100, speaker: "B" },
  { text: "hurts", start: 61_100, end: 61_500, speaker: "B" },
  { text: "on", start: 61_500, end: 61_700, speaker: "B" },
  { text: "stairs.", start: 61_700, end: 62_600, speaker: "B" },
];
/** A checked note with a found quote, an unsupported one, markup to escape and an empty plan. */
export const sampleNote = (): SoapNote =>
  checkEvidence(
    createSoapNote({
      sections: {
        subjective: { text: "Knee pain, [it hurts on stairs]. Denies fever, [I never had a fever at all]." },
        objective: { text: "Swelling <script>alert('x')</script> & \"heat\"." },
        assessment: { text: "Sprain." },
        plan: { text: "" },
      },
      provenance: testProvenance({ experiment: "exp-1", variant: "b" }),
    }),
    { words },
    { speakerRoles: { B: "patient" } },
  );

