import { SOAP_SECTIONS, type Evidence, type SoapNote } from "../note/soap-note.js";
import { formatMs } from "./format-time.js";
import { SANDBOX_NOTICE } from "./sandbox-notice.js";

function describeEvidence(e: Evidence): string {
  const who =
    e.speaker === undefined ? "" : e.role === e.speaker ? ` — ${e.role}` : e.role ? ` — ${e.role} (${e.speaker})` : ` — speaker ${e.speaker}`;
  const when = e.start_ms !== undefined ? `, ${formatMs(e.start_ms)}${e.end_ms !== undefined ? `–${formatMs(e.end_ms)}` : ""}` : "";
  const how = !e.found
    ? " · **not found in the transcript**"
    : e.match === "fuzzy"
      ? ` · approximate match (${Math.round((e.similarity ?? 0) * 100)}%)`
      : "";
  return `“${e.quote.replace(/\s+/g, " ")}”${who}${when}${how}`;
}

/**
 * Renders a note for people: one `##` heading per section with its statements as a list, each
 * quote as a numbered footnote (speaker, role, mm:ss span, match quality), then warnings and
 * provenance. A note the local sandbox wrote (`provenance.environment: "sandbox"`) opens with a line
 * saying it is a demonstration.
 *
 * @example
 * ```ts
 * console.log(toMarkdown(note)); // "# SOAP note\n\n## Subjective\n\n- Knee pain on stairs.[^1]\n…"
 * ```
 */
export function toMarkdown(note: SoapNote): string {
  const out: string[] = note.provenance.environment === "sandbox" ? [`> **Sandbox output.** ${SANDBOX_NOTICE}`, ""] : [];
  out.push("# SOAP note", "");
  const footnotes: string[] = [];
  for (const name of SOAP_SECTIONS) {
    const section = note.sections[name];
    out.push(`## ${section.title}`, "");
    if (section.statements.length === 0) {
      out.push(section.text.trim() === "" ? "_Nothing recorded._" : section.text.trim(), "");
      continue;
    }
    for (const s of section.statements) {
      const refs = s.evidence.map((e) => {
        footnotes.push(`[^${footnotes.length + 1}]: ${describeEvidence(e)}`);
        return `[^${footnotes.length}]`;
      });
      const flag = s.warnings?.some((w) => w.code === "unsupported_quote" || w.code === "redaction_marker") ? " ⚠" : "";
      out.push(`- ${s.text.replace(/\s*\n\s*/g, " ")}${refs.join("")}${flag}`);
    }
    out.push("");
  }
  if (note.unassigned && note.unassigned.length > 0) {
    out.push("## Other text (no section)", "");
    for (const u of note.unassigned) out.push(...(u.heading ? [`**${u.heading}**`, ""] : []), u.text, "");
  }
  if (note.warnings.length > 0) {
    out.push("## Warnings", "");
    for (const w of note.warnings) out.push(`- \`${w.code}\`${w.section ? ` (${w.section}${w.statement_id ? ` ${w.statement_id}` : ""})` : ""}: ${w.message}`);
    out.push("");
  }
  const p = note.provenance;
  out.push("## Provenance", "");
  out.push(`- Template: \`${p.template.ref}\` (${p.template.hash})${p.mode ? `, mode ${p.mode}` : ""}`);
  if (p.experiment) out.push(`- Experiment: ${p.experiment}${p.variant ? `, variant ${p.variant}` : ""}`);
  out.push(`- Model: ${p.model}`);
  out.push(`- Transcript: ${p.transcript_source}${p.transcript_id ? ` \`${p.transcript_id}\`` : ""}`);
  out.push(`- Created: ${p.created_at}`);
  out.push(`- Usage: ${p.usage.input_tokens} input + ${p.usage.output_tokens} output = ${p.usage.total_tokens} tokens, ${p.requests} request(s), ${Math.round(p.latency_ms)} ms`);
  for (const h of p.history ?? []) {
    out.push(`- ${h.section} regenerated ${h.regenerated_at} with \`${h.template.ref}\` / ${h.model} (was \`${h.previous.template.ref}\` / ${h.previous.model}, ${h.previous.created_at})`);
  }
  if (footnotes.length > 0) out.push("", ...footnotes);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
