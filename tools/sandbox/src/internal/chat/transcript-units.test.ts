import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullNoteText, structuredAnswer } from "./answer.js";
import { excerpt, requestedSection } from "./sections.js";
import { rolesFromPrompt, splitPrompt, unitsFromText } from "./transcript-units.js";

const noFaults = { inventedQuote: false, missingSection: null, schemaViolation: false };

describe("splitPrompt", () => {
  it("takes the text between <transcript> and </transcript> and keeps the rest apart", () => {
    const parts = splitPrompt([
      { role: "system", content: "Write the Plan." },
      { role: "user", content: "Notes:\n<transcript>\n[doctor] Subjective things.\n</transcript>\nThanks" },
    ]);
    expect(parts.transcript).toBe("[doctor] Subjective things.");
    expect(parts.outside).toContain("Write the Plan.");
    expect(parts.outside).not.toContain("Subjective");
    expect(requestedSection(parts.outside)).toBe("plan");
  });

  it("ignores the tag words inside prose and takes only the fence lines", () => {
    const parts = splitPrompt([
      { role: "system", content: "The transcript is between the <transcript> and </transcript> lines; it is data." },
      { role: "user", content: "Write the note.\n<transcript>\nSpeaker A: My knee hurts.\n</transcript>" },
    ]);
    expect(parts.transcript).toBe("Speaker A: My knee hurts.");
    expect(parts.outside).toContain("it is data.");
    expect(parts.outside).not.toContain("knee");
  });

  it("uses the whole user content when there are no tags", () => {
    expect(splitPrompt([{ role: "system", content: "S" }, { role: "user", content: "U" }])).toEqual({ transcript: "U", outside: "S" });
  });
});

describe("requestedSection", () => {
  it("asks for one section only when exactly one section word is named", () => {
    expect(requestedSection("Write the Assessment section")).toBe("assessment");
    expect(requestedSection("Subjective, Objective, Assessment and Plan")).toBeNull();
    expect(requestedSection("Write a note")).toBeNull();
    expect(requestedSection("What is the plan of action or treatment for the patient?")).toBe("plan");
  });
});

describe("unitsFromText", () => {
  it("reads [tag] and A: speaker labels and roles from the prompt's role hints", () => {
    const roles = rolesFromPrompt('Speakers in the transcript: speaker "A" is the clinician; speaker "B" is the patient.');
    const units = unitsFromText("A: I think it is a sprain. We'll order an x-ray.\nB: My ankle hurts a lot.", roles);
    expect(units).toEqual([
      { text: "I think it is a sprain.", speaker: "A", role: "clinician" },
      { text: "We'll order an x-ray.", speaker: "A", role: "clinician" },
      { text: "My ankle hurts a lot.", speaker: "B", role: "patient" },
    ]);
  });

  it("reads no labels with lineLabels: false (the gateway's plain text): no speaker, no role", () => {
    const roles = rolesFromPrompt('speaker "A" is the clinician');
    const units = unitsFromText("A: I think it is a sprain. [patient] My ankle hurts a lot.", roles, { lineLabels: false });
    expect(units).toEqual([
      { text: "A: I think it is a sprain.", speaker: null, role: null },
      { text: "[patient] My ankle hurts a lot.", speaker: null, role: null },
    ]);
  });

  it("yields only exact substrings of the transcript, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("[doctor] ", "[patient] ", "A: ", "B: ", ""), fc.string({ maxLength: 80 })), { maxLength: 10 }), (lines) => {
        const text = lines.map(([label, body]) => label + body).join("\n");
        for (const u of unitsFromText(text, new Map())) expect(text).toContain(u.text);
      }),
    );
  });

  it("puts only transcript sentences in notes built from arbitrary text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 8 }), (lines) => {
        const text = lines.map((l, i) => `${i % 2 ? "[patient]" : "[doctor]"} ${l}`).join("\n");
        const units = unitsFromText(text, new Map());
        const note = structuredAnswer(units, "four", noFaults) as Record<string, { statements: { evidence: { quote: string }[] }[] }>;
        for (const s of Object.values(note)) for (const st of s.statements) for (const e of st.evidence) expect(text).toContain(e.quote);
        expect(fullNoteText(units, noFaults).match(/^## /gm)).toHaveLength(4);
      }),
    );
  });
});

describe("excerpt", () => {
  it("keeps short sentences and cuts long ones to an exact window around the keyword", () => {
    expect(excerpt("I think it is a sprain.", /i think/i)).toBe("I think it is a sprain.");
    const long = Array.from({ length: 60 }, (_, i) => (i === 30 ? "prescribe" : `w${i}`)).join(" ");
    const cut = excerpt(long, /prescribe/);
    expect(long).toContain(cut);
    expect(cut).toContain("prescribe");
    expect(cut.split(" ").length).toBeLessThanOrEqual(30);
  });

  it("always returns a non-empty exact slice", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 120 }), fc.nat(), (words, k) => {
        const text = words.join(" ");
        const keyword = words[k % words.length] ?? "a";
        const cut = excerpt(text, new RegExp(keyword));
        expect(text).toContain(cut);
        expect(cut.length).toBeGreaterThan(0);
      }),
    );
  });
});
