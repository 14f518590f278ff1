import { describe, expect, it } from "vitest";
import { htmlText, renderMarkdown } from "../internal/test-support/render-markdown.js";
import { sampleNote as note } from "../internal/test-support/sample-note.js";
import type { SoapNote } from "../note/soap-note.js";
import { AI_DRAFT_HEADLINE, AI_DRAFT_NOTICE } from "./review-notice.js";
import { SANDBOX_NOTICE } from "./sandbox-notice.js";
import { toMarkdown } from "./to-markdown.js";

const SPEECH = "it was *x* and <b>bold</b> [^9] `tick` a | b \\ c ~~d~~ &amp; _e_";

/** The sample note with one subjective statement whose text and (found) quote carry Markdown and HTML. */
function noteWithMarkup(): SoapNote {
  const n = note();
  const statement = {
    id: "s1",
    text: "Patient says *not emphasis* <i>here</i> [^1]",
    evidence: [
      { quote: SPEECH, speaker: "B", role: "patient", start_ms: 1000, end_ms: 2000, found: true, match: "exact" as const, similarity: 1 },
      { quote: "second [^2] quote", found: true, match: "exact" as const, similarity: 1 },
    ],
  };
  const objective = { title: "Objective", text: "", statements: [] };
  return { ...n, sections: { ...n.sections, subjective: { ...n.sections.subjective, statements: [statement] }, objective }, warnings: [] };
}

describe("toMarkdown", () => {
  it("renders a quote's speech verbatim: *x*, <b>, [^9], backticks, | and \\ never become markup or break footnotes", () => {
    const html = renderMarkdown(toMarkdown(noteWithMarkup()));
    expect(html).toContain(htmlText(`“${SPEECH}”`));
    expect(html).toContain(htmlText("Patient says *not emphasis* <i>here</i> [^1]"));
    expect(html).toContain(htmlText("“second [^2] quote”"));
    // No markup from the note's text: in its section and in the footnotes (the banner and provenance have their own).
    const spoken = html.slice(html.indexOf("<h2>Subjective</h2>"), html.indexOf("<h2>Objective</h2>")) + html.slice(html.indexOf("<section data-footnotes"));
    expect(spoken).toContain("Patient says");
    expect(spoken).not.toMatch(/<(em|b|i|code|del|table)>/);
    expect(spoken).not.toContain("<strong>");
    // Exactly the two real footnotes: the speech's [^9] and the statement's [^1] stay text.
    expect(html.match(/<li id="user-content-fn-/g)).toHaveLength(2);
    expect(html.match(/<sup><a href="#user-content-fn-/g)).toHaveLength(2);
  });

  it("numbers statements (the numbers warnings cite) with evidence footnotes carrying role, speaker and mm:ss", () => {
    const md = toMarkdown(note());
    expect(md).toContain("## Subjective\n\n1. Knee pain.[^1]\n2. Denies fever.[^2] ⚠");
    expect(md).toContain("[^1]: “it hurts on stairs” — patient (B), 01:01–01:02");
    expect(md).toContain("[^2]: “I never had a fever at all” · **not found in the transcript**");
    expect(md).toContain("## Plan\n\n_Nothing recorded._");
  });

  it("opens with 'AI-drafted, review before signing' and a header with the visit id, the date and the warning count", () => {
    const n = note();
    const md = toMarkdown({ ...n, provenance: { ...n.provenance, visit_id: "visit-042", environment: "assemblyai", created_at: "2026-11-25T10:30:00+01:00" } });
    expect(md.startsWith(`> **${AI_DRAFT_HEADLINE}** ${AI_DRAFT_NOTICE}\n\n# SOAP note\n\n`)).toBe(true);
    expect(md).toContain("\n**Visit:** visit-042 · **Date:** 2026-11-25 09:30 UTC · **Warnings:** 3, listed under “Warnings” below\n");
    expect(AI_DRAFT_HEADLINE).toBe("AI-drafted, review before signing.");
  });

  it("says so when a note records no visit id, and puts the AI-draft line on notes that record no environment", () => {
    const md = toMarkdown(note());
    expect(md).toContain("**Visit:** not recorded · **Date:** 2026-11-25 09:00 UTC");
    expect(md.startsWith(`> **${AI_DRAFT_HEADLINE}**`)).toBe(true);
  });

  it("opens a sandbox note with the sandbox notice instead", () => {
    const n = note();
    const md = toMarkdown({ ...n, provenance: { ...n.provenance, environment: "sandbox" } });
    expect(md.startsWith(`> **Sandbox output.** ${SANDBOX_NOTICE}\n\n# SOAP note\n`)).toBe(true);
    expect(md).not.toContain(AI_DRAFT_HEADLINE);
  });

  it("lists warnings in words a reader understands, never machine codes or statement ids", () => {
    const md = toMarkdown(note());
    const warnings = md.slice(md.indexOf("## Warnings"), md.indexOf("## Provenance"));
    expect(warnings).toBe(
      [
        "## Warnings",
        "",
        "- Subjective, item 2: its quote “I never had a fever at all” was not found in the transcript; check the statement against the recording.",
        "- Objective, item 1: its quote “heat” was not found in the transcript; check the statement against the recording.",
        "- Plan: nothing was recorded in this section.",
        "",
        "",
      ].join("\n"),
    );
    expect(md).not.toMatch(/`(unsupported_quote|empty_section)`|\(subjective s2\)/);
  });

  it("keeps the provenance", () => {
    const md = toMarkdown(note());
    expect(md).toContain("- Template: `soap-complete@1` (sha256:abc)");
    expect(md).toContain("- Experiment: exp-1, variant b");
    expect(md).toContain("- Created: 2026-11-25T09:00:00.000Z");
  });

  it("escapes prose kept without statements and text outside any section, line by line", () => {
    const n = note();
    const md = toMarkdown({
      ...n,
      sections: { ...n.sections, plan: { title: "Plan", text: "# Follow up\n- in *two* weeks", statements: [] } },
      unassigned: [{ heading: "<b>Extra</b>", text: "> not a quote\n1. not a list" }],
    });
    const html = renderMarkdown(md);
    expect(html).toContain("<p># Follow up\n- in *two* weeks</p>");
    expect(html).toContain(`<p><strong>${htmlText("<b>Extra</b>")}</strong></p>`);
    expect(html).toContain(`<p>${htmlText("> not a quote\n1. not a list")}</p>`);
  });
});
