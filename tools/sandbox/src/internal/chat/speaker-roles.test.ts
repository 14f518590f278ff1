import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Fixture } from "../fixture-schema.js";
import { loadFixtures } from "../../node.js";
import { inferRoles, withSpeakerRoles } from "./speaker-roles.js";
import { rolesFromPrompt, unitsFromText } from "./transcript-units.js";

const fixtures: Fixture[] = await loadFixtures();
const SAMPLES = fileURLToPath(new URL("../../../../../samples/transcripts/", import.meta.url));
const ASK_LINE = 'on a last line of its own, in exactly this form:\nSpeaker roles: {"clinician": "<label>", "patient": "<label>"}';

/** The fixture's words as core sends an AssemblyAI transcript inline: one `Speaker X: text` line per turn. */
function inlineText(f: Fixture, relabel: (s: string) => string = (s) => s): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const w of f.words) {
    if (w.speaker !== current) {
      current = w.speaker ?? undefined;
      lines.push(`Speaker ${relabel(current ?? "?")}:`);
    }
    lines[lines.length - 1] += ` ${w.text}`;
  }
  return lines.join("\n");
}

const expected = (f: Fixture, relabel: (s: string) => string = (s) => s) => {
  const by = (role: string) => Object.entries(f.speakers).find(([, r]) => r === role)?.[0] ?? "?";
  return { clinician: `Speaker ${relabel(by("clinician"))}`, patient: `Speaker ${relabel(by("patient"))}` };
};

describe("inferRoles", () => {
  it.each(fixtures.map((f) => [f.slug, f] as const))("names the fixture's own roles for %s, from the dialogue alone", (_slug, f) => {
    expect(inferRoles(unitsFromText(inlineText(f), new Map()))).toEqual(expected(f));
  });

  it.each(fixtures.map((f) => [f.slug, f] as const))("follows the speakers, not the letters, when %s is relabelled", (_slug, f) => {
    const swap = (s: string) => (s === "A" ? "B" : s === "B" ? "A" : s);
    expect(inferRoles(unitsFromText(inlineText(f, swap), new Map()))).toEqual(expected(f, swap));
  });

  it("takes roles from role-like labels and from the prompt's roles sentence", () => {
    for (const file of readdirSync(SAMPLES).filter((n) => n.endsWith(".txt"))) {
      expect(inferRoles(unitsFromText(readFileSync(`${SAMPLES}${file}`, "utf8"), new Map())), file).toEqual({ clinician: "doctor", patient: "patient" });
    }
    const roles = rolesFromPrompt('Speakers in the transcript: speaker "X" is the patient; speaker "Y" is the clinician.');
    expect(inferRoles(unitsFromText("X: I'm Dr. Who, let's look at your knee.\nY: My knee hurts a lot.", roles))).toEqual({ clinician: "Y", patient: "X" });
  });

  it("names nobody without speaker labels, and only one role with one speaker", () => {
    expect(inferRoles(unitsFromText("A: hello there friend.\nB: my knee hurts badly.", new Map(), { lineLabels: false }))).toEqual({ clinician: "unknown", patient: "unknown" });
    expect(inferRoles(unitsFromText("A: Let's look at your knee today.", new Map()))).toEqual({ clinician: "unknown", patient: "unknown" });
  });
});

describe("withSpeakerRoles", () => {
  const units = unitsFromText("Speaker A: I'm Doctor Reyes, what brings you in?\nSpeaker B: My knee hurts when I walk.", new Map());
  const schema = { type: "object", properties: { speaker_roles: {}, subjective: {} } };

  it("appends the asked line to a free-text answer, and nothing when it was not asked", () => {
    const answered = withSpeakerRoles("## Plan\n- ice", { outside: ASK_LINE, schema: undefined, units, schemaViolation: false });
    expect(answered).toBe('## Plan\n- ice\n\nSpeaker roles: {"clinician":"Speaker A","patient":"Speaker B"}');
    expect(withSpeakerRoles("## Plan\n- ice", { outside: "Write a note.", schema: undefined, units, schemaViolation: false })).toBe("## Plan\n- ice");
  });

  it("fills speaker_roles when the schema has it, and leaves other schemas and schema violations alone", () => {
    const answered = JSON.parse(withSpeakerRoles('{"subjective":{"statements":[]}}', { outside: "", schema, units, schemaViolation: false })) as Record<string, unknown>;
    expect(answered).toEqual({ speaker_roles: { clinician: "Speaker A", patient: "Speaker B" }, subjective: { statements: [] } });
    expect(withSpeakerRoles('{"a":1}', { outside: ASK_LINE, schema: { properties: { a: {} } }, units, schemaViolation: false })).toBe('{"a":1}');
    expect(withSpeakerRoles('{"subjective":"x"}', { outside: "", schema, units, schemaViolation: true })).toBe('{"subjective":"x"}');
  });
});
