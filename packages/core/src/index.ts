/**
 * @org/soap-core — portable clients for AssemblyAI's transcripts API and LLM Gateway, and the SOAP
 * note engine. Runs unchanged on Node, Cloudflare Workers and browsers.
 * @packageDocumentation
 */

// ── clients (transcripts, gateway, errors, retry) ─────────────────────────────
export function projectName(): string {
  return "packages/core";
}

// ── note engine (schema, parse, evidence, generate, export) ───────────────────
