import type { Provenance } from "../../note/soap-note.js";

/** A valid provenance for tests. */
export function testProvenance(overrides: Partial<Provenance> = {}): Provenance {
  return {
    template: { ref: "soap-complete@1", hash: "sha256:abc" },
    model: "claude-sonnet-4-5-20250929",
    transcript_source: "text",
    created_at: "2026-11-25T09:00:00.000Z",
    usage: { input_tokens: 100, output_tokens: 50, total_tokens: 150 },
    latency_ms: 1200,
    requests: 1,
    ...overrides,
  };
}
