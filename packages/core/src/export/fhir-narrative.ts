import type { Evidence, SoapNote, SoapSectionName } from "../note/soap-note.js";
import { formatMs, formatNoteDate } from "./format-time.js";
import { AI_DRAFT_HEADLINE, AI_DRAFT_NOTICE } from "./review-notice.js";
import { SANDBOX_NOTICE } from "./sandbox-notice.js";
import { statementAlerts, type ReaderWarning } from "./warning-text.js";
import { escapeXhtml, narrativeDiv } from "./xhtml.js";

/** The words that open a narrative mark on a statement or section that needs checking. */
export const FHIR_ALERT_MARK = "⚠ Check before signing:";

function evidenceItem(e: Evidence): string {
  const who = e.role ?? (e.speaker !== undefined ? `speaker ${e.speaker}` : undefined);
  const when = e.start_ms !== undefined ? `${formatMs(e.start_ms)}${e.end_ms !== undefined ? `–${formatMs(e.end_ms)}` : ""}` : undefined;
  const how = !e.found ? "not found in the transcript" : e.match === "fuzzy" ? `approximate match, ${Math.round((e.similarity ?? 0) * 100)}%` : undefined;
  const meta = [who, when].filter((x) => x !== undefined).join(", ");
  const mark = how !== undefined && !e.found ? ` <strong>(${escapeXhtml(how)})</strong>` : how !== undefined ? ` (${escapeXhtml(how)})` : "";
  return `<li>“${escapeXhtml(e.quote)}”${meta ? ` (${escapeXhtml(meta)})` : ""}${mark}</li>`;
}

const alert = (sentence: string): string => `<strong>${escapeXhtml(FHIR_ALERT_MARK)}</strong> ${escapeXhtml(sentence)}`;

/** A warning's sentence on its own, for a mark placed where the warning points. */
const asSentence = (w: ReaderWarning): string => `${w.sentence.charAt(0).toUpperCase()}${w.sentence.slice(1)}.`;

/**
 * A section's XHTML narrative: its statements as a numbered list (the numbers the warnings cite),
 * each with its quotes, and a "⚠ Check before signing" mark on a statement or section that needs it.
 */
export function sectionNarrative(note: SoapNote, name: SoapSectionName, warnings: readonly ReaderWarning[]): string {
  const section = note.sections[name];
  const parts: string[] = [];
  for (const w of warnings) {
    if (w.warning.section === name && w.warning.statement_id === undefined && w.severity !== "low") {
      parts.push(`<p>${alert(asSentence(w))}</p>`);
    }
  }
  if (section.statements.length === 0) {
    const paras = section.text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
    for (const p of paras) parts.push(`<p>${escapeXhtml(p)}</p>`);
  } else {
    const items = section.statements.map((s) => {
      const marks = statementAlerts(warnings, name, s).map((w) => ` ${alert(asSentence(w))}`);
      const quotes = s.evidence.length > 0 ? `<ul>${s.evidence.map(evidenceItem).join("")}</ul>` : "";
      return `<li><p>${escapeXhtml(s.text)}${marks.join("")}</p>${quotes}</li>`;
    });
    parts.push(`<ol>${items.join("")}</ol>`);
  }
  // FHIR narratives may not be empty (txt-2).
  return narrativeDiv(parts.length > 0 ? parts.join("") : "<p>No information recorded.</p>");
}

/** The banner every note opens with: the sandbox notice, or "AI-drafted, review before signing". */
function bannerXhtml(note: SoapNote): string {
  return note.provenance.environment === "sandbox"
    ? `<p><strong>Sandbox output.</strong> ${escapeXhtml(SANDBOX_NOTICE)}</p>`
    : `<p><strong>${escapeXhtml(AI_DRAFT_HEADLINE)}</strong> ${escapeXhtml(AI_DRAFT_NOTICE)}</p>`;
}

/**
 * The Composition's own narrative, what a FHIR reader shows above the sections: the banner, the
 * visit id, date and model, and how many warnings the review section lists.
 */
export function compositionNarrative(note: SoapNote, warnings: readonly ReaderWarning[], reviewTitle: string): string {
  const p = note.provenance;
  const facts = [`Visit: ${p.visit_id ?? "not recorded"}`, `Date: ${formatNoteDate(p.created_at)}`, `Model: ${p.model}`];
  const count =
    warnings.length > 0
      ? `<p><strong>${warnings.length} warning${warnings.length === 1 ? "" : "s"}</strong>: see the section “${escapeXhtml(reviewTitle)}”.</p>`
      : "";
  return narrativeDiv(`${bannerXhtml(note)}<p>${escapeXhtml(facts.join(" · "))}</p>${count}`);
}

/** The review section's narrative: the banner, then every warning in words (or that there is none). */
export function reviewNarrative(note: SoapNote, warnings: readonly ReaderWarning[]): string {
  const list =
    warnings.length > 0
      ? `<ol>${warnings.map((w) => `<li>${escapeXhtml(w.text)}</li>`).join("")}</ol>`
      : "<p>The checks raised no warnings. Every statement still needs a clinician's review.</p>";
  return narrativeDiv(`${bannerXhtml(note)}${list}`);
}
