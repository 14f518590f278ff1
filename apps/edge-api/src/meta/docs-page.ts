/** One operation of the OpenAPI document, as the docs page lists it. */
interface Operation {
  summary?: string;
  description?: string;
  security?: Record<string, unknown>[];
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

/** The page's only style, inline; its hash is what its CSP allows. */
const DOCS_STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{background:#f4f4f4;padding:0 .2rem}`;

/**
 * The docs page's Content-Security-Policy: nothing loads but its own inline style (by hash); no
 * scripts, no framing.
 */
export async function docsPageCsp(): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(DOCS_STYLE)));
  const hash = btoa(String.fromCharCode(...digest));
  return `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

/**
 * A self-contained HTML page listing every route of the OpenAPI document (no external scripts, so it
 * works offline and under a strict CSP), linking to the document itself.
 */
export function renderDocsPage(doc: { info: { title: string; version: string; description?: string }; paths?: object }): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Record<string, Operation>][]) {
    for (const [method, op] of Object.entries(item)) {
      const auth = op.security?.length ? Object.keys(op.security[0] ?? {}).join(", ") : "none";
      rows.push(
        `<tr><td><code>${escape(method.toUpperCase())}</code></td><td><code>${escape(path)}</code></td>` +
          `<td>${escape(op.summary ?? "")}<br><small>${escape(op.description ?? "")}</small></td><td>${escape(auth)}</td></tr>`,
      );
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<style>${DOCS_STYLE}</style>
</head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/v1/openapi.json"><code>/v1/openapi.json</code></a> (OpenAPI 3.1). Authenticate with
<code>Authorization: Bearer &lt;key&gt;</code>. Errors: <code>{"error":{"code","message","details"}}</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Auth</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table></body></html>`;
}
