import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

/**
 * Renders Markdown to HTML the way GitHub does (CommonMark + GFM: tables, strikethrough, autolinks,
 * footnotes), with raw HTML passed through as GitHub passes `<b>`: what a reader of a note sees.
 * Tests only (micromark is a devDependency).
 */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** Text as micromark writes it in HTML (`&`, `<`, `>`, `"` as entities). */
export function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML without the links GFM makes of bare URLs and e-mail addresses (their text stays). */
export function withoutAutolinks(html: string): string {
  return html.replace(/<a href="[^"]*">/g, "").replace(/<\/a>/g, "");
}
