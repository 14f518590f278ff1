/**
 * CSP source of the review page's inline `<script>` (sha256 of its exact text). A unit test
 * recomputes it from the script, so the two cannot drift.
 */
export const REVIEW_SCRIPT_HASH = "'sha256-If4gM1nGXnAai3fgCWJxD2hntdm4pO+ZK8SwONXX7gI='";

/** CSP source of the review page's inline `<style>`, checked the same way. */
export const REVIEW_STYLE_HASH = "'sha256-yy68+5OJI0BKSHXeyfT6ib4IgmiWCQoFjjs9KdoPyFM='";

/** Options of {@link reviewPageCsp}. */
export interface ReviewCspOptions {
  /** Where audio may come from (see {@link audioCspSource}). @default none: `media-src 'none'` */
  mediaSrc?: readonly string[] | undefined;
  /** Where the page's forms may post. @default `'self'` */
  formAction?: readonly string[] | undefined;
  /** The nonce passed to `toReviewHtml`, allowed beside the hashes. */
  nonce?: string | undefined;
  /**
   * For a `<meta>` tag: leaves out `frame-ancestors` (browsers ignore it there and warn).
   * @default false
   */
  meta?: boolean | undefined;
}

const SOURCE = /^(?:'self'|'none'|[a-z][a-z0-9+.-]*:|https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?)$/;

function sources(list: readonly string[], what: string): string {
  for (const s of list) {
    if (!SOURCE.test(s)) throw new RangeError(`${what}: ${JSON.stringify(s)} is not a CSP source ('self', a scheme like file:, or an http(s) origin).`);
  }
  return list.length > 0 ? list.join(" ") : "'none'";
}

/**
 * The strict Content-Security-Policy the review page is written for: nothing loads by default; the
 * page's own script and style run by hash (or by the nonce); audio only from `mediaSrc`; forms only
 * post to `formAction`; no framing, no `<base>`, no plugins. Send it as the page's
 * `Content-Security-Policy` header (or `meta: true` for the page's own `<meta>` tag).
 * @throws {RangeError} for a source that is not a plain origin, scheme or keyword.
 * @example
 * ```ts
 * const csp = reviewPageCsp({ mediaSrc: [audioCspSource(audioUrl)], formAction: ["'self'"] });
 * return c.html(toReviewHtml(note, options), 200, { "Content-Security-Policy": csp });
 * ```
 */
export function reviewPageCsp(options: ReviewCspOptions = {}): string {
  const nonce = options.nonce !== undefined ? ` 'nonce-${options.nonce}'` : "";
  if (options.nonce !== undefined && !/^[A-Za-z0-9+/_=-]{16,}$/.test(options.nonce)) throw new RangeError("nonce must be 16 or more base64 characters.");
  const parts = [
    "default-src 'none'",
    `script-src ${REVIEW_SCRIPT_HASH}${nonce}`,
    `style-src ${REVIEW_STYLE_HASH}${nonce}`,
    `media-src ${sources(options.mediaSrc ?? [], "mediaSrc")}`,
    `form-action ${sources(options.formAction ?? ["'self'"], "formAction")}`,
    "base-uri 'none'",
    "object-src 'none'",
  ];
  if (options.meta !== true) parts.push("frame-ancestors 'none'");
  return parts.join("; ");
}

/**
 * The CSP source that lets the page play `src`: its origin for an http(s) URL, `file:` or `blob:`
 * for those schemes, `'self'` for a path on the page's own server.
 * @example audioCspSource("https://cdn.example.com/a/visit.mp3") // "https://cdn.example.com"
 */
export function audioCspSource(src: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return new URL(src).origin;
  if (scheme === "file" || scheme === "blob") return `${scheme}:`;
  if (scheme === undefined) return "'self'";
  throw new RangeError(`Audio from a ${scheme}: URL cannot be allowed by the review page's CSP; use http(s), file: or a path.`);
}
