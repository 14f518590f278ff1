import { describe, expect, it } from "vitest";
import { parseTranscriptText } from "../evidence/transcript-text.js";
import { completedTranscript } from "../visit/test-support/fake-visit-clients.js";
import { ROLES_WARNING_CODE, resolveRolesClaim, speakerLabels, usableRoles } from "./answer-roles.js";

const LABELS = ["A", "B"];
const named = (clinician: string, patient: string) => ({ kind: "named" as const, clinician, patient });

describe("speakerLabels", () => {
  it("lists an AssemblyAI transcript's speakers from utterances, else from words", () => {
    expect(speakerLabels(completedTranscript())).toEqual(["A", "B"]);
    expect(speakerLabels(completedTranscript("t", false))).toEqual(["A", "B"]);
    expect(speakerLabels({ ...completedTranscript("t", false), words: [] })).toEqual([]);
  });

  it("lists a dialogue's labels, without the unknown of unlabelled text", () => {
    expect(speakerLabels(parseTranscriptText("hello\nSpeaker A: hi there\nSpeaker B: my knee\nSpeaker A: ok"))).toEqual(["A", "B"]);
  });
});

describe("resolveRolesClaim", () => {
  it("maps the named labels to roles, without a warning", () => {
    expect(resolveRolesClaim(named("A", "B"), LABELS)).toEqual({ roles: { A: "clinician", B: "patient" } });
    expect(resolveRolesClaim(named("B", "A"), LABELS)).toEqual({ roles: { B: "clinician", A: "patient" } });
  });

  it("accepts the label as the prompt showed it (Speaker A) or in another case", () => {
    expect(resolveRolesClaim(named("Speaker A", "b"), LABELS).roles).toEqual({ A: "clinician", B: "patient" });
    expect(resolveRolesClaim(named("[doctor]", "patient"), ["doctor", "patient"]).roles).toEqual({ doctor: "clinician", patient: "patient" });
  });

  it("ignores an invented label and says so, keeping the other role", () => {
    const out = resolveRolesClaim(named("A", "Z"), LABELS);
    expect(out.roles).toEqual({ A: "clinician" });
    expect(out.warning).toMatchObject({ code: ROLES_WARNING_CODE, message: expect.stringMatching(/patient label it named is not a speaker label of this transcript/) });
    expect(out.warning?.message).not.toContain('"Z"');
  });

  it("gives no roles and a warning when every label is invented", () => {
    const out = resolveRolesClaim(named("Z", "Q"), LABELS);
    expect(out.roles).toBeUndefined();
    expect(out.warning?.message).toMatch(/^speaker roles are unknown: .*quotes show speaker labels instead of clinician\/patient$/);
  });

  it("gives no roles when one speaker is named for both roles", () => {
    const out = resolveRolesClaim(named("A", "Speaker A"), LABELS);
    expect(out.roles).toBeUndefined();
    expect(out.warning?.message).toMatch(/same speaker as clinician and patient/);
  });

  it("warns when the answer has no roles, or not in the asked form, or does not know", () => {
    expect(resolveRolesClaim({ kind: "missing" }, LABELS)).toEqual({ warning: expect.objectContaining({ code: ROLES_WARNING_CODE, message: expect.stringMatching(/did not say which speaker/) }) });
    expect(resolveRolesClaim({ kind: "malformed" }, LABELS).warning?.message).toMatch(/not in the asked form/);
    expect(resolveRolesClaim(named("unknown", ""), LABELS)).toEqual({ warning: expect.objectContaining({ message: expect.stringMatching(/could not tell who is who/) }) });
    expect(resolveRolesClaim(named("A", "unknown"), LABELS)).toEqual({ roles: { A: "clinician" }, warning: expect.objectContaining({ message: expect.stringMatching(/only the clinician/) }) });
  });

  it("drops a transcript label that could not be written into a prompt", () => {
    const out = resolveRolesClaim(named("<b>", "B"), ["<b>", "B"]);
    expect(out.roles).toEqual({ B: "patient" });
    expect(out.warning?.message).toMatch(/could not be used safely/);
  });
});

describe("usableRoles", () => {
  it("keeps prompt-safe pairs and counts the rest", () => {
    expect(usableRoles({ A: "clinician", "B}": "patient", C: "pa`tient" })).toEqual({ roles: { A: "clinician" }, dropped: 2 });
  });
});
