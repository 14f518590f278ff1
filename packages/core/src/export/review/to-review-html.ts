import { SOAP_SECTIONS, type Evidence, type SoapNote, type SoapSectionName, type Statement } from "../../note/soap-note.js";
import { formatMs, formatNoteDate } from "../format-time.js";
import { AI_DRAFT_HEADLINE, AI_DRAFT_NOTICE } from "../review-notice.js";
import { SANDBOX_NOTICE } from "../sandbox-notice.js";
import { readerWarnings, statementAlerts, warningLabel, type ReaderWarning } from "../warning-text.js";
import { escapeXhtml as esc } from "../xhtml.js";
import { audioCspSource, reviewPageCsp } from "./review-csp.js";
import { checkReviewOptions, type ReviewActions, type ReviewPageOptions, type ReviewUtterance } from "./review-options.js";
import { REVIEW_SCRIPT } from "./review-script.js";
import { REVIEW_STYLE } from "./review-style.js";
import { locateQuote } from "./review-transcript.js";

/** The transcript as the page shows it, with the id of every quote span inside it. */
interface Marked {
  utterances: readonly ReviewUtterance[];
  /** Per utterance, its accepted `[start, end, id]` quote spans, in text order, never overlapping. */
  spans: Map<number, [number, number, string][]>;
  /** Per evidence object, the ids its statement highlights (quote spans first, then utterances). */
  targets: Map<Evidence, string[]>;
}

function markTranscript(note: SoapNote, utterances: readonly ReviewUtterance[]): Marked {
  const spans = new Map<number, [number, number, string][]>();
  const targets = new Map<Evidence, string[]>();
  for (const name of SOAP_SECTIONS) {
    for (const s of note.sections[name].statements) {
      for (const e of s.evidence) {
        const where = locateQuote(utterances, e);
        const ids: string[] = [];
        for (const [u, start, end] of where.ranges) {
          const list = spans.get(u) ?? [];
          const same = list.find(([a, b]) => a === start && b === end);
          if (same) ids.push(same[2]);
          else if (!list.some(([a, b]) => start < b && end > a)) {
            const id = `q-${u}-${list.length}`;
            list.push([start, end, id]);
            spans.set(u, list);
            ids.push(id);
          }
        }
        targets.set(e, [...ids, ...where.utterances.map((u) => `u-${u}`)]);
      }
    }
  }
  for (const list of spans.values()) list.sort((a, b) => a[0] - b[0]);
  return { utterances, spans, targets };
}

const speakerName = (speaker: string, role: string | undefined): string => {
  const cap = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
  if (speaker === "") return role !== undefined ? cap(role) : "Transcript";
  if (role === undefined) return /^[A-Z0-9]{1,3}$/.test(speaker) ? `Speaker ${speaker}` : cap(speaker);
  return role.toLowerCase() === speaker.toLowerCase() ? cap(role) : `${cap(role)} (${speaker})`;
};

const span = (start?: number, end?: number): string =>
  start === undefined ? "" : `${formatMs(start)}${end !== undefined && end !== start ? `–${formatMs(end)}` : ""}`;

function evidenceItem(e: Evidence): string {
  const who = e.speaker !== undefined ? ` — ${esc(speakerName(e.speaker, e.role))}` : "";
  const when = e.start_ms !== undefined ? `, <span class="time">${span(e.start_ms, e.end_ms)}</span>` : "";
  const how = !e.found
    ? ` <span class="missing">· not found in the transcript</span>`
    : e.match === "fuzzy"
      ? ` · approximate match (${Math.round((e.similarity ?? 0) * 100)}%)`
      : "";
  return `<li>“${esc(e.quote)}”${who}${when}${how}</li>`;
}

function statementItem(name: SoapSectionName, s: Statement, n: number, warnings: readonly ReaderWarning[], marked: Marked): string {
  const alerts = statementAlerts(warnings, name, s);
  const missing = s.evidence.filter((e) => !e.found).length;
  const flagged = alerts.length > 0 || missing > 0 || s.evidence.length === 0;
  const targets = [...new Set(s.evidence.flatMap((e) => marked.targets.get(e) ?? []))];
  const timed = s.evidence.find((e) => e.found && e.start_ms !== undefined);
  const base = `${name}-${n}`;
  const attrs = [`type="button"`, `class="st"`, `id="st-${base}"`, `aria-pressed="false"`, `data-targets="${esc(targets.join(" "))}"`];
  if (timed?.start_ms !== undefined) attrs.push(`data-start="${(timed.start_ms / 1000).toFixed(3)}"`, `data-at="${formatMs(timed.start_ms)}"`);
  const described = [s.evidence.length > 0 ? `ev-${base}` : "", flagged ? `fl-${base}` : ""].filter(Boolean);
  if (described.length > 0) attrs.push(`aria-describedby="${described.join(" ")}"`);
  const reasons = alerts.map((a) => a.sentence);
  if (s.evidence.length === 0 && !alerts.some((a) => a.warning.code === "no_evidence")) reasons.push("it cites no quote from the transcript");
  if (missing > 0 && !alerts.some((a) => a.warning.code === "unsupported_quote")) reasons.push(`${missing} of its quotes ${missing === 1 ? "was" : "were"} not found in the transcript`);
  // "Not supported" only where the transcript does not bear the statement out (a quote missing, none given,
  // or a high-severity disagreement); other alerts (a redaction marker, a missing section) ask for a check.
  const unsupported = missing > 0 || s.evidence.length === 0 || alerts.some((a) => a.severity === "high");
  const headline = unsupported ? "Not supported by the transcript as written" : "Check before signing";
  const flag = flagged ? `<p class="flag" id="fl-${base}"><span aria-hidden="true">⚠ </span>${headline}: ${esc(reasons.join("; "))}.</p>` : "";
  const evidence = s.evidence.length > 0 ? `<ul class="ev" id="ev-${base}" aria-label="Quotes">${s.evidence.map(evidenceItem).join("")}</ul>` : "";
  return `<li class="stmt${flagged ? " flagged" : ""}" data-statement="${esc(s.id)}"><button ${attrs.join(" ")}>${esc(s.text)}</button>${flag}${evidence}</li>`;
}

function hiddenFields(actions: ReviewActions): string {
  const key = actions.idempotencyKey ?? (() => globalThis.crypto.randomUUID());
  return `<input type="hidden" name="csrf" value="${esc(actions.csrfToken)}"><input type="hidden" name="idempotency_key" value="${esc(key())}">`;
}

function sectionBlock(note: SoapNote, name: SoapSectionName, warnings: readonly ReaderWarning[], marked: Marked, actions: ReviewActions | undefined): string {
  const section = note.sections[name];
  const url = actions?.regenerateUrls?.[name];
  const regenerate =
    actions && url !== undefined
      ? `<form class="inline" method="post" action="${esc(url)}">${hiddenFields(actions)}<button class="act" type="submit">Regenerate ${esc(section.title)}</button></form>`
      : "";
  const body =
    section.statements.length > 0
      ? `<ol class="stmts">${section.statements.map((s, i) => statementItem(name, s, i + 1, warnings, marked)).join("")}</ol>`
      : section.text.trim() === ""
        ? `<p><em>Nothing recorded.</em></p>`
        : `<p class="note-text">${esc(section.text.trim())}</p>`;
  return `<section id="sec-${name}" aria-labelledby="h-${name}"><div class="sec-head"><h2 id="h-${name}">${esc(section.title)}</h2>${regenerate}</div>${body}</section>`;
}

function transcriptBlock(marked: Marked, options: ReviewPageOptions): string {
  const audio = options.audio;
  const player =
    audio === undefined
      ? ""
      : "src" in audio
        ? `<audio id="audio" controls preload="metadata" src="${esc(audio.src)}" aria-label="Visit recording">Your browser cannot play this recording.</audio>`
        : `<p class="audio-gone" role="note">${esc(audio.unavailable)}</p>`;
  const items = marked.utterances.map((u, i) => {
    const ranges = marked.spans.get(i) ?? [];
    let text = "";
    let at = 0;
    for (const [start, end, id] of ranges) {
      text += `${esc(u.text.slice(at, start))}<span class="q" id="${id}">${esc(u.text.slice(start, end))}</span>`;
      at = end;
    }
    text += esc(u.text.slice(at));
    const when = span(u.start_ms, u.end_ms);
    return `<li class="utt" id="u-${i}"><span class="who">${esc(speakerName(u.speaker, u.role))}</span>${when ? `<span class="time">${when}</span>` : ""}<p>${text}</p></li>`;
  });
  const list = items.length > 0 ? `<ol class="utts">${items.join("")}</ol>` : `<p>No transcript was given for this page: quotes cannot be shown in context.</p>`;
  return `<aside id="transcript" tabindex="0" aria-labelledby="h-transcript"><h2 id="h-transcript">Transcript</h2>${player}${list}</aside>`;
}

function statusBlock(options: ReviewPageOptions): string {
  const r = options.review;
  const status = r
    ? `<p class="status reviewed">Marked reviewed by <strong>${esc(r.reviewer)}</strong> on ${esc(formatNoteDate(r.reviewedAt))}.</p>`
    : `<p class="status">Not yet marked reviewed.</p>`;
  const a = options.actions;
  let action = "";
  if (a && !r) {
    action =
      a.markReviewedUrl !== undefined
        ? `<form method="post" action="${esc(a.markReviewedUrl)}">${hiddenFields(a)}<button class="act" type="submit">Mark as reviewed${a.reviewer ? ` as ${esc(a.reviewer)}` : ""}</button></form>`
        : a.markReviewedUnavailable !== undefined
          ? `<p>${esc(a.markReviewedUnavailable)}</p>`
          : "";
  }
  const notice = options.notice !== undefined ? `<p class="notice" role="status">${esc(options.notice)}</p>` : "";
  return `${notice}${status}${action ? `<div class="actions">${action}</div>` : ""}`;
}

function warningsBlock(warnings: readonly ReaderWarning[]): string {
  if (warnings.length === 0) return "";
  const items = warnings.map((w) => `<li><span class="sev">${esc(warningLabel(w.warning.code))}</span> (${w.severity}): ${esc(w.text)}</li>`);
  return `<section class="warnings" aria-labelledby="h-warnings"><h2 id="h-warnings">Check before signing: ${warnings.length} warning${warnings.length === 1 ? "" : "s"}</h2><ul>${items.join("")}</ul></section>`;
}

function provenanceBlock(note: SoapNote): string {
  const p = note.provenance;
  const rows: [string, string][] = [
    ["Template", `${p.template.ref} (${p.template.hash})${p.mode ? `, mode ${p.mode}` : ""}`],
    ["Model", `${p.model}${p.environment === "sandbox" ? " (local sandbox)" : ""}`],
    ["Transcript", `${p.transcript_source}${p.transcript_id ? ` ${p.transcript_id}` : ""}`],
    ["Redaction", p.redaction ? (p.redaction.applied ? `applied${p.redaction.method ? ` (${p.redaction.method})` : ""}` : "not applied") : "not recorded"],
    ["Created", p.created_at],
    ["Usage", `${p.usage.total_tokens} tokens, ${p.requests} request(s), ${Math.round(p.latency_ms)} ms`],
  ];
  if (p.experiment) rows.push(["Experiment", `${p.experiment}${p.variant ? `, variant ${p.variant}` : ""}`]);
  for (const h of p.history ?? []) rows.push([`${h.section} regenerated`, `${h.regenerated_at} with ${h.template.ref} / ${h.model}`]);
  return `<footer aria-labelledby="h-prov"><h2 id="h-prov">Provenance</h2><dl class="prov">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl></footer>`;
}

/**
 * Renders a note as a self-contained HTML review page: the AI-draft (or sandbox) banner and review
 * status; the warnings; the four sections with their statements, each a button that highlights its
 * quotes in the transcript beside it (speaker roles, times) and plays the recording from the quote's
 * start when `audio` is given; statements the transcript does not support stand out with the reason
 * in words; then the provenance. One inline style and one inline script, both constant, so the page
 * works offline under {@link reviewPageCsp} (no CDN, no inline handlers); it prints cleanly. Every
 * piece of transcript and model text is escaped. With `actions`, it carries POST forms (regenerate a
 * section, mark reviewed) with a CSRF field; without, it is read-only.
 *
 * @throws {ReviewPageOptionsError} when the options do not fit (e.g. a `javascript:` URL).
 * @example
 * ```ts
 * const html = toReviewHtml(note, { transcript: reviewTranscript(transcript, note), audio: { src: "visit-042.mp3" } });
 * await writeFile("visit-042.html", html);
 * ```
 */
export function toReviewHtml(note: SoapNote, options: ReviewPageOptions = {}): string {
  checkReviewOptions(options);
  const warnings = readerWarnings(note);
  const marked = markTranscript(note, options.transcript ?? []);
  const p = note.provenance;
  const nonce = options.nonce !== undefined ? ` nonce="${esc(options.nonce)}"` : "";
  const banner =
    p.environment === "sandbox"
      ? `<p class="banner sandbox" role="note"><strong>Sandbox output.</strong> ${esc(SANDBOX_NOTICE)}</p>`
      : `<p class="banner" role="note"><strong>${esc(AI_DRAFT_HEADLINE)}</strong> ${esc(AI_DRAFT_NOTICE)}</p>`;
  const visit = p.visit_id ?? "not recorded";
  const audio = options.audio !== undefined && "src" in options.audio ? options.audio.src : undefined;
  const meta =
    options.metaCsp === true
      ? `<meta http-equiv="Content-Security-Policy" content="${esc(reviewPageCsp({ meta: true, nonce: options.nonce, mediaSrc: audio !== undefined ? [audioCspSource(audio)] : [] }))}">`
      : "";
  const unassigned = (note.unassigned ?? []).length
    ? `<section aria-labelledby="h-other"><h2 id="h-other">Other text (no section)</h2>${(note.unassigned ?? [])
        .map((u) => `${u.heading ? `<h3>${esc(u.heading)}</h3>` : ""}<p class="note-text">${esc(u.text)}</p>`)
        .join("")}</section>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${meta}<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>Review: SOAP note, visit ${esc(visit)}</title>
<style${nonce}>${REVIEW_STYLE}</style>
</head><body>
<a class="skip" href="#note">Skip to the note</a>
<header>${banner}<h1>SOAP note review</h1><ul class="facts"><li><strong>Visit:</strong> ${esc(visit)}</li><li><strong>Date:</strong> ${esc(formatNoteDate(p.created_at))}</li><li><strong>Warnings:</strong> ${warnings.length}</li></ul>${statusBlock(options)}</header>
<main class="layout"><div id="note" tabindex="-1"><p class="vh">Select a statement (or move between them with the arrow keys) to highlight its quotes in the transcript${audio !== undefined ? " and play the recording from there" : ""}.</p>${warningsBlock(warnings)}${SOAP_SECTIONS.map((n) => sectionBlock(note, n, warnings, marked, options.actions)).join("")}${unassigned}</div>${transcriptBlock(marked, options)}</main>
${provenanceBlock(note)}
<div id="live" class="vh" aria-live="polite"></div>
<script${nonce}>${REVIEW_SCRIPT}</script>
</body></html>
`;
}
