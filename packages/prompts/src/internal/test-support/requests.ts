import type { RenderedRequest } from "../types.js";

const BLOCK = /^<transcript>\n[\s\S]*?\n<\/transcript>$/m;

/** Everything a request says outside its fenced transcript: message texts and the response format. */
export function textOutsideTranscript(request: RenderedRequest): string {
  const messages = request.messages.map((m) => m.content.replace(BLOCK, "<transcript-block>"));
  return [...messages, JSON.stringify(request.response_format ?? {})].join("\n");
}

/** The section words a request names (lower case, deduplicated, sorted). */
export function sectionWordsNamed(request: RenderedRequest): string[] {
  const found = textOutsideTranscript(request).toLowerCase().match(/subjective|objective|assessment|plan/g) ?? [];
  return [...new Set(found)].sort();
}

/** The lines between the `<transcript>` and `</transcript>` lines of a message. */
export function fencedBody(content: string): string | undefined {
  const lines = content.split("\n");
  const open = lines.indexOf("<transcript>");
  const close = lines.lastIndexOf("</transcript>");
  return open === -1 || close <= open ? undefined : lines.slice(open + 1, close).join("\n");
}
