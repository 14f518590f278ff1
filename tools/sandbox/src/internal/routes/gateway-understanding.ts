import type { Context } from "hono";
import { roleOf } from "../chat/transcript-units.js";
import { identificationValues, parseUnderstandingRequest } from "../chat/understanding-request.js";
import type { Engine } from "../engine.js";
import { gatewayError } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import type { StoredTranscript } from "../state.js";
import { refuseModel } from "./gateway-models.js";

/** Labels in order of first appearance. */
function labels(t: StoredTranscript): string[] {
  return [...new Set((t.rendered?.utterances ?? []).map((u) => u.speaker))];
}

/** Maps speaker labels to the requested values using the fixture's speakers map (role) or order (name). */
export function speakerMapping(t: StoredTranscript, type: "role" | "name", values: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const unused = [...values];
  const ordered = labels(t);
  if (type === "role") {
    for (const label of ordered) {
      const truth = t.fixture?.speakers[label];
      const i = unused.findIndex((v) => v.toLowerCase() === truth?.toLowerCase() || (roleOf(v) !== null && roleOf(v) === roleOf(truth)));
      if (i !== -1) mapping[label] = unused.splice(i, 1)[0] as string;
    }
  }
  for (const label of ordered) {
    if (mapping[label] !== undefined) continue;
    const next = unused.shift();
    if (next !== undefined) mapping[label] = next;
  }
  return mapping;
}

/**
 * POST /v1/understanding. The body is checked like llm-gateway.yml's `UnderstandingRequest` (400 in the
 * gateway envelope); a `model`, which the spec does not have, must be one the region serves (404).
 * Speaker identification is emulated; translation and custom formatting are valid but not emulated (400).
 */
export function understandingHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return gatewayError(c, 400, "Invalid request: the body must be a JSON object");
    }
    const parsed = parseUnderstandingRequest(raw);
    if (!parsed.ok) return gatewayError(c, parsed.refusal.status, parsed.refusal.message);
    const { request, task } = parsed;
    const refused = request.model === undefined ? null : refuseModel(engine, c, request.model);
    if (refused) return refused;
    engine.advance();
    const t = engine.state.transcripts.get(request.transcript_id);
    if (!t || t.owner !== c.get("owner")) return gatewayError(c, 404, "Transcript not found");
    const sid = request.speech_understanding.request.speaker_identification;
    if (task !== "speaker_identification" || !sid) {
      return gatewayError(c, 400, `'${task}' is valid but not emulated by the soap-notes sandbox: only speaker_identification is (see tools/sandbox/README.md)`);
    }
    if (t.status !== "completed" || !t.rendered || t.deleted) return gatewayError(c, 400, `Transcript is not completed (status is "${t.status}")`);
    if (!t.rendered.utterances) return gatewayError(c, 400, "Speaker identification needs a transcript created with speaker_labels: true");
    const mapping = speakerMapping(t, sid.speaker_type, identificationValues(sid));
    const rename = (s: string | null) => (s !== null ? mapping[s] ?? s : s);
    const words = t.rendered.words.map((w) => ({ ...w, speaker: rename(w.speaker) }));
    const utterances = t.rendered.utterances.map((u) => ({ ...u, speaker: rename(u.speaker) ?? u.speaker, words: u.words.map((w) => ({ ...w, speaker: rename(w.speaker) })) }));
    return c.json({
      speech_understanding: { request: request.speech_understanding.request, response: { speaker_identification: { mapping, status: "completed" } } },
      utterances,
      words,
    });
  };
}
