import { SOAP_SECTIONS } from "../note/note-constants.js";
import { type Evidence, type SoapNote } from "../note/soap-note.js";
import { formatMs, formatNoteDate } from "./format-time.js";
import { codeSpan, escapeMarkdownBlock, escapeMarkdownInline } from "./markdown-escape.js";
import { AI_DRAFT_HEADLINE, AI_DRAFT_NOTICE } from "./review-notice.js";
import { SANDBOX_NOTICE } from "./sandbox-notice.js";
import { readerWarnings, statementAlerts } from "./warning-text.js";

function describeEvidence(e: Evidence): string {
  const who =
    e.speaker === undefined ? "" : e.role === e.speaker ? ` — ${e.role}` : e.role ? ` — ${e.role} (${e.speaker})` : ` — speaker ${e.speaker}`;
  const when = e.start_ms !== undefined ? `, ${formatMs(e.start_ms)}${e.end_ms !== undefined ? `–${formatMs(e.end_ms)}` : ""}` : "";
  const how = !e.found
    ? " · **not found in the transcript**"
    : e.match === "fuzzy"
      ? ` · approximate match (${Math.round((e.similarity ?? 0) * 100)}%)`
      : "";
  return `“${escapeMarkdownInline(e.quote)}”${escapeMarkdownInline(who)}${when}${how}`;
}

/** The lines above the first section: who wrote it, which visit, when, and how many warnings. */
function header(note: SoapNote, warningCount: number): string[] {
  const p = note.provenance;
  const banner =
    p.environment === "sandbox" ? `> **Sandbox output.** ${SANDBOX_NOTICE}` : `> **${AI_DRAFT_HEADLINE}** ${AI_DRAFT_NOTICE}`;
  const visit = p.visit_id !== undefined ? escapeMarkdownInline(p.visit_id) : "not recorded";
  const facts = [`**Visit:** ${visit}`, `**Date:** ${formatNoteDate(p.created_at)}`];
  if (warningCount > 0) facts.push(`**Warnings:** ${warningCount}, listed under “Warnings” below`);
  return [banner, "", "# SOAP note", "", facts.join(" · "), ""];
}

/**
 * Renders a note for people. It opens with a banner (every note: "AI-drafted, review before
 * signing"; a sandbox note: that it is a demonstration), the title, and a header with the visit id,
 * the date and the number of warnings. Then one `##` heading per section with its statements as a
 * numbered list, each quote as a footnote (speaker, role, mm:ss span, match quality), ⚠ after a
 * statement that needs checking, the warnings in words ("Plan, item 2: …"), and the provenance.
 * Text from the transcript or the model is escaped, so it renders verbatim: `*x*`, `<b>`, `[^9]`,
 * backticks, `|` or `\` in speech never become markup.
 *
 * @example
 * ```ts
 * console.log(toMarkdown(note)); // "> **AI-drafted, review before signing.** …\n\n# SOAP note\n\n**Visit:** visit-042 · …"
 * ```
 */
export function toMarkdown(note: SoapNote): string {
  const warnings = readerWarnings(note);
  const out: string[] = header(note, warnings.length);
  const footnotes: string[] = [];
  for (const name of SOAP_SECTIONS) {
    const section = note.sections[name];
    out.push(`## ${escapeMarkdownInline(section.title)}`, "");
    if (section.statements.length === 0) {
      out.push(section.text.trim() === "" ? "_Nothing recorded._" : escapeMarkdownBlock(section.text.trim()), "");
      continue;
    }
    section.statements.forEach((s, i) => {
      const refs = s.evidence.map((e) => {
        footnotes.push(`[^${footnotes.length + 1}]: ${describeEvidence(e)}`);
        return `[^${footnotes.length}]`;
      });
      const flag = statementAlerts(warnings, name, s).length > 0 ? " ⚠" : "";
      out.push(`${i + 1}. ${escapeMarkdownInline(s.text)}${refs.join("")}${flag}`);
    });
    out.push("");
  }
  if (note.unassigned && note.unassigned.length > 0) {
    out.push("## Other text (no section)", "");
    for (const u of note.unassigned) out.push(...(u.heading ? [`**${escapeMarkdownInline(u.heading)}**`, ""] : []), escapeMarkdownBlock(u.text), "");
  }
  if (warnings.length > 0) {
    out.push("## Warnings", "");
    for (const w of warnings) out.push(`- ${escapeMarkdownInline(w.text)}`);
    out.push("");
  }
  const p = note.provenance;
  out.push("## Provenance", "");
  out.push(`- Template: ${codeSpan(p.template.ref)} (${escapeMarkdownInline(p.template.hash)})${p.mode ? `, mode ${p.mode}` : ""}`);
  if (p.experiment) out.push(`- Experiment: ${escapeMarkdownInline(p.experiment)}${p.variant ? `, variant ${escapeMarkdownInline(p.variant)}` : ""}`);
  out.push(`- Model: ${escapeMarkdownInline(p.model)}`);
  out.push(`- Transcript: ${p.transcript_source}${p.transcript_id ? ` ${codeSpan(p.transcript_id)}` : ""}`);
  out.push(`- Created: ${p.created_at}`);
  out.push(`- Usage: ${p.usage.input_tokens} input + ${p.usage.output_tokens} output = ${p.usage.total_tokens} tokens, ${p.requests} request(s), ${Math.round(p.latency_ms)} ms`);
  for (const h of p.history ?? []) {
    out.push(
      `- ${h.section} regenerated ${h.regenerated_at} with ${codeSpan(h.template.ref)} / ${escapeMarkdownInline(h.model)} (was ${codeSpan(h.previous.template.ref)} / ${escapeMarkdownInline(h.previous.model)}, ${h.previous.created_at})`,
    );
  }
  if (footnotes.length > 0) out.push("", ...footnotes);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
