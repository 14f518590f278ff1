import { describe, expect, it } from "vitest";
import { sampleNote } from "../../internal/test-support/sample-note.js";
import type { SoapNote } from "../../note/soap-note.js";
import { parseTranscriptText } from "../../evidence/transcript-text.js";
import { AI_DRAFT_HEADLINE } from "../review-notice.js";
import { audioCspSource, REVIEW_SCRIPT_HASH, REVIEW_STYLE_HASH, reviewPageCsp } from "./review-csp.js";
import { ReviewPageOptionsError, type ReviewUtterance } from "./review-options.js";
import { REVIEW_SCRIPT } from "./review-script.js";
import { REVIEW_STYLE } from "./review-style.js";
import { reviewTranscript } from "./review-transcript.js";
import { toReviewHtml } from "./to-review-html.js";

const transcript: ReviewUtterance[] = [
  { speaker: "A", start_ms: 0, end_ms: 60_000, text: "What brings you in? <script>window.__pwned = 1</script>" },
  { speaker: "B", role: "patient", start_ms: 61_000, end_ms: 62_600, text: "It hurts on stairs." },
];

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

/** The `<button class="st">` of a statement, by its text. */
function statementButton(html: string, text: string): string {
  const m = new RegExp(`<button [^>]*class="st"[^>]*>${text}</button>`).exec(html);
  if (!m) throw new Error(`no statement button for ${text}`);
  return m[0];
}

describe("toReviewHtml", () => {
  it("links a statement to its quote's span in the transcript, with the quote's start for the audio", () => {
    const html = toReviewHtml(sampleNote(), { transcript, audio: { src: "visit.wav" } });
    const button = statementButton(html, "Knee pain.");
    const targets = /data-targets="([^"]*)"/.exec(button)?.[1]?.split(" ");
    expect(targets).toEqual(["q-1-0", "u-1"]);
    expect(button).toContain('data-start="61.000"');
    expect(button).toContain('data-at="01:01"');
    expect(html).toContain('<li class="utt" id="u-1"><span class="who">Patient (B)</span><span class="time">01:01–01:02</span><p><span class="q" id="q-1-0">It hurts on stairs</span>.</p></li>');
    expect(html).toContain('<audio id="audio" controls preload="metadata" src="visit.wav"');
  });

  it("flags a statement whose quote the transcript does not contain, with the reason in words", () => {
    const html = toReviewHtml(sampleNote(), { transcript });
    const item = /<li class="stmt flagged"[^]*?<\/li><\/ul><\/li>/.exec(html.slice(html.indexOf("Denies fever") - 200))?.[0] ?? "";
    expect(item).toContain("Denies fever");
    expect(item).toContain("Not supported by the transcript as written");
    expect(item).toContain("was not found in the transcript");
    expect(item).toContain('<span class="missing">· not found in the transcript</span>');
    // The supported statement is not flagged.
    expect(html).toMatch(/<li class="stmt" data-statement="[^"]+"><button [^>]*>Knee pain/);
  });

  it("escapes transcript and model text: the only <script> is the page's own", () => {
    const note: SoapNote = sampleNote();
    note.provenance.visit_id = 'v"><script>alert(1)</script>';
    const html = toReviewHtml(note, { transcript });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
    expect(html).toContain("Swelling &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;heat&quot;.");
    expect(html).toContain("v&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/ on[a-z]+=/i);
  });

  it("shows the AI-draft banner, the warnings, the provenance and the review status", () => {
    const html = toReviewHtml(sampleNote(), { transcript, review: { reviewer: "Dr <Ada>", reviewedAt: "2026-05-01T10:00:00Z" } });
    expect(html).toContain(AI_DRAFT_HEADLINE);
    expect(html).toMatch(/Check before signing: \d+ warnings?/);
    expect(html).toContain('<h2 id="h-prov">Provenance</h2>');
    expect(html).toContain("Marked reviewed by <strong>Dr &lt;Ada&gt;</strong> on 2026-05-01 10:00 UTC.");
  });

  it("says when the recording is no longer available, and when there is no transcript", () => {
    const gone = toReviewHtml(sampleNote(), { transcript, audio: { unavailable: "The recording was deleted under the retention policy." } });
    expect(gone).toContain('<p class="audio-gone" role="note">The recording was deleted under the retention policy.</p>');
    expect(gone).not.toContain("<audio");
    expect(toReviewHtml(sampleNote())).toContain("No transcript was given for this page");
  });

  it("is read-only without actions, and carries CSRF-protected forms with them", () => {
    expect(toReviewHtml(sampleNote(), { transcript })).not.toContain("<form");
    let n = 0;
    const html = toReviewHtml(sampleNote(), {
      transcript,
      actions: {
        csrfToken: "t".repeat(32),
        regenerateUrls: { plan: "/review/x/sections/plan/regenerate" },
        markReviewedUrl: "/review/x/reviewed",
        reviewer: "Dr Ada",
        idempotencyKey: () => `key-${++n}`,
      },
    });
    expect(html.match(/<form /g)).toHaveLength(2);
    expect(html).toContain('<form class="inline" method="post" action="/review/x/sections/plan/regenerate"><input type="hidden" name="csrf" value="tttttttttttttttttttttttttttttttt"><input type="hidden" name="idempotency_key" value="key-2">');
    expect(html).toContain('<input type="hidden" name="idempotency_key" value="key-1"><button class="act" type="submit">Mark as reviewed as Dr Ada</button>');
    expect(html).toContain("Mark as reviewed as Dr Ada</button>");
    const unavailable = toReviewHtml(sampleNote(), { actions: { csrfToken: "t".repeat(32), markReviewedUnavailable: "No reviewer identity: mint the link with a reviewer." } });
    expect(unavailable).toContain("No reviewer identity: mint the link with a reviewer.");
    expect(unavailable).not.toContain("Mark as reviewed");
  });

  it("refuses a javascript: URL, a short CSRF token or a bad nonce, naming each field", () => {
    let error: unknown;
    try {
      toReviewHtml(sampleNote(), { audio: { src: "javascript:alert(1)" }, actions: { csrfToken: "short", markReviewedUrl: "javascript:alert(1)" }, nonce: "x" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReviewPageOptionsError);
    const paths = (error as ReviewPageOptionsError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(["actions.csrfToken", "actions.markReviewedUrl", "audio.src", "nonce"]);
  });

  it("uses a nonce on its script and style when given one, and can carry its own CSP in a <meta>", () => {
    const html = toReviewHtml(sampleNote(), { nonce: "abcdefghijklmnop1234", metaCsp: true, audio: { src: "file:///tmp/visit.wav" } });
    expect(html).toContain('<script nonce="abcdefghijklmnop1234">');
    expect(html).toContain('<style nonce="abcdefghijklmnop1234">');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(meta).toContain("media-src file:");
    expect(meta).not.toContain("frame-ancestors");
  });
});

describe("reviewPageCsp", () => {
  it("allows exactly the page's script and style by their sha256 hashes", async () => {
    expect(REVIEW_SCRIPT_HASH).toBe(await sha256(REVIEW_SCRIPT));
    expect(REVIEW_STYLE_HASH).toBe(await sha256(REVIEW_STYLE));
    const html = toReviewHtml(sampleNote());
    expect(html).toContain(`<script>${REVIEW_SCRIPT}</script>`);
    expect(html).toContain(`<style>${REVIEW_STYLE}</style>`);
  });

  it("is strict: nothing by default, media only from the given sources, forms to self", () => {
    const csp = reviewPageCsp({ mediaSrc: [audioCspSource("https://cdn.example.com/a/b.mp3?sig=1")] });
    expect(csp).toBe(
      `default-src 'none'; script-src ${REVIEW_SCRIPT_HASH}; style-src ${REVIEW_STYLE_HASH}; media-src https://cdn.example.com; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'`,
    );
    expect(reviewPageCsp()).toContain("media-src 'none'");
    expect(() => reviewPageCsp({ mediaSrc: ["https://x.example; script-src *"] })).toThrow(RangeError);
    expect(() => audioCspSource("javascript:alert(1)")).toThrow(RangeError);
    expect(audioCspSource("visit.wav")).toBe("'self'");
  });
});

describe("reviewTranscript", () => {
  it("takes roles from a dialogue's labels and the note's evidence, and times from AssemblyAI utterances", () => {
    expect(reviewTranscript(parseTranscriptText("[doctor] hello\n[patient] my knee"))).toEqual([
      { speaker: "doctor", role: "clinician", text: "hello" },
      { speaker: "patient", role: "patient", text: "my knee" },
    ]);
    const t = { id: "t1", status: "completed" as const, utterances: [{ speaker: "B", start: 61_000, end: 62_600, text: "It hurts on stairs.", confidence: 1, words: [] }] };
    expect(reviewTranscript(t, sampleNote())).toEqual([{ speaker: "B", role: "patient", start_ms: 61_000, end_ms: 62_600, text: "It hurts on stairs." }]);
  });
});
