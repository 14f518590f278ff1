/**
 * The review page's one style sheet, inline and constant (one sha256 hash in the CSP allows it).
 * Colours keep WCAG AA contrast; the focus ring is always visible; print drops the controls and
 * prints the note first, then the transcript, in one column.
 */
export const REVIEW_STYLE = `:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--hl:#fff0a8;--warn:#8a1020;--warnbg:#fdecee;--ok:#0b5a2a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:#fff}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:2}
.skip:focus{left:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header,footer{padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.25rem 0}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.banner{margin:0;padding:.6rem .9rem;border:2px solid #7a5200;background:#fff6e0;border-radius:4px}
.banner.sandbox{border-color:#3a3a8a;background:#eef0ff}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0 0;padding:0;list-style:none;color:var(--muted)}
.facts strong{color:var(--ink)}
.status{margin:.5rem 0 0;padding:.4rem .7rem;border-left:4px solid var(--muted)}
.status.reviewed{border-color:var(--ok)}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;padding:0 1.5rem 1.5rem}
#transcript{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;border-left:1px solid var(--line);padding-left:1rem}
@media (max-width:60rem){.layout{grid-template-columns:1fr}#transcript{position:static;max-height:none;border-left:0;padding-left:0}}
.warnings{border:2px solid var(--warn);background:var(--warnbg);padding:.25rem 1rem;border-radius:4px}
.warnings h2{color:var(--warn)}
.sev{font-weight:600}
ol.stmts{padding-left:1.5rem}
li.stmt{margin:.5rem 0;padding:.25rem .5rem}
li.stmt.flagged{border-left:4px solid var(--warn);background:var(--warnbg)}
button.st{font:inherit;color:inherit;text-align:left;background:none;border:1px solid transparent;border-radius:3px;padding:.1rem .25rem;cursor:pointer;width:100%}
button.st:hover{border-color:var(--line)}
button.st[aria-pressed=true]{border-color:var(--ink);background:var(--hl)}
:focus-visible{outline:3px solid #1747a6;outline-offset:2px}
.flag{display:inline-block;margin:.2rem 0;font-weight:600;color:var(--warn)}
ul.ev{margin:.2rem 0 .2rem 1rem;padding:0;list-style:none;font-size:.9rem;color:var(--muted)}
ul.ev .missing{color:var(--warn);font-weight:600}
.note-text{white-space:pre-wrap}
ol.utts{list-style:none;padding:0;margin:0}
li.utt{padding:.35rem .5rem;border-left:4px solid transparent;margin:.15rem 0}
li.utt.on{border-left-color:var(--ink);background:#f3f3f3}
.q.on{background:var(--hl);outline:2px solid #7a5200}
.who{font-weight:600}
.time{color:var(--muted);font-variant-numeric:tabular-nums;margin-left:.5rem}
.utt p{margin:.1rem 0 0}
audio{width:100%;margin:.25rem 0 .5rem}
.audio-gone{padding:.4rem .7rem;border-left:4px solid var(--muted);background:#f6f6f6}
form.inline{display:inline}
button.act{font:inherit;padding:.3rem .8rem;border:1px solid #1747a6;border-radius:4px;background:#fff;color:#1747a6;cursor:pointer}
.sec-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem}
.notice{padding:.5rem .9rem;border-left:4px solid var(--ok);background:#eaf6ee}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
dl.prov dt{font-weight:600}
dl.prov dd{margin:0;overflow-wrap:anywhere}
@media print{
.skip,audio,form,.audio-gone,.actions{display:none!important}
.layout{display:block;padding:0}
#transcript{position:static;max-height:none;overflow:visible;border:0;padding:0;break-before:page}
button.st{border:0;padding:0}
li.stmt.flagged,.warnings{background:none}
li.utt.on,.q.on,button.st[aria-pressed=true]{background:none;outline:0}
body{font-size:11pt}
}
`;
