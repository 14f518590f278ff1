const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for XHTML content and attributes: & < > " ' become entities, and characters XML 1.0
 * forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped.
 */
export function escapeXhtml(text: string): string {
  let kept = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    // A lone surrogate comes out of the iterator as one code unit in D800–DFFF.
    const forbidden =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff);
    if (!forbidden) kept += ch;
  }
  return kept.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Wraps already-escaped XHTML in the FHIR narrative `<div>`. */
export function narrativeDiv(innerXhtml: string): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml">${innerXhtml}</div>`;
}
