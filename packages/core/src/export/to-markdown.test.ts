import { describe, expect, it } from "vitest";
import { sampleNote as note } from "../internal/test-support/sample-note.js";
import { toMarkdown } from "./to-markdown.js";

describe("toMarkdown", () => {
  it("lists statements with evidence footnotes carrying role, speaker and mm:ss", () => {
    const md = toMarkdown(note());
    expect(md).toContain("## Subjective\n\n- Knee pain.[^1]\n- Denies fever.[^2] ⚠");
    expect(md).toContain("[^1]: “it hurts on stairs” — patient (B), 01:01–01:02");
    expect(md).toContain("[^2]: “I never had a fever at all” · **not found in the transcript**");
    expect(md).toContain("## Plan\n\n_Nothing recorded._");
  });

  it("includes warnings and provenance", () => {
    const md = toMarkdown(note());
    expect(md).toMatch(/## Warnings\n\n- `empty_section` \(plan\)/);
    expect(md).toContain("- `unsupported_quote` (subjective s2)");
    expect(md).toContain("- Template: `soap-complete@1` (sha256:abc)");
    expect(md).toContain("- Experiment: exp-1, variant b");
  });
});

