import type { Context } from "hono";
import { z } from "zod";
import { roleOf } from "../chat/transcript-units.js";
import type { Engine } from "../engine.js";
import { gatewayError } from "../http-errors.js";
import type { SandboxEnv } from "../middleware.js";
import type { StoredTranscript } from "../state.js";
import { describeIssue } from "../transcript-params.js";
import { refuseModel } from "./gateway-models.js";

const speakerIdSchema = z.looseObject({
  speaker_type: z.enum(["role", "name"]),
  known_values: z.array(z.string().min(1).max(35)).optional(),
  speakers: z.array(z.looseObject({ role: z.string().optional(), name: z.string().optional(), description: z.string().optional() })).optional(),
});

/**
 * `UnderstandingRequest` of llm-gateway.yml. It has no `model`; when a request names one anyway it
 * must be a model of the emulated region (checked like chat's).
 */
export const understandingRequestSchema = z.looseObject({
  transcript_id: z.string().min(1),
  model: z.string().min(1).optional(),
  speech_understanding: z.looseObject({ request: z.record(z.string(), z.unknown()) }),
});

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

/** POST /v1/understanding (speaker identification only; other tasks answer 400). */
export function understandingHandler(engine: Engine) {
  return async (c: Context<SandboxEnv>) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return gatewayError(c, 400, "Invalid request body: expected a JSON object");
    }
    const parsed = understandingRequestSchema.safeParse(raw);
    if (!parsed.success) return gatewayError(c, 400, describeIssue(parsed.error));
    const refused = parsed.data.model === undefined ? null : refuseModel(engine, c, parsed.data.model);
    if (refused) return refused;
    const request = parsed.data.speech_understanding.request;
    if (!("speaker_identification" in request)) {
      return gatewayError(c, 400, "The soap-notes sandbox emulates only speaker_identification on /v1/understanding");
    }
    const sid = speakerIdSchema.safeParse(request["speaker_identification"]);
    if (!sid.success) return gatewayError(c, 400, `speaker_identification: ${describeIssue(sid.error)}`);
    const values = sid.data.known_values ?? (sid.data.speakers ?? []).map((s) => (sid.data.speaker_type === "role" ? s.role : s.name) ?? "").filter(Boolean);
    if (values.length === 0) return gatewayError(c, 400, "speaker_identification needs known_values or speakers");
    engine.advance();
    const t = engine.state.transcripts.get(parsed.data.transcript_id);
    if (!t || t.owner !== c.get("owner")) return gatewayError(c, 404, "Transcript not found");
    if (t.status !== "completed" || !t.rendered || t.deleted) return gatewayError(c, 400, `Transcript is not completed (status is "${t.status}")`);
    if (!t.rendered.utterances) return gatewayError(c, 400, "Speaker identification needs a transcript created with speaker_labels: true");
    const mapping = speakerMapping(t, sid.data.speaker_type, values);
    const rename = (s: string | null) => (s !== null ? mapping[s] ?? s : s);
    const words = t.rendered.words.map((w) => ({ ...w, speaker: rename(w.speaker) }));
    const utterances = t.rendered.utterances.map((u) => ({ ...u, speaker: rename(u.speaker) ?? u.speaker, words: u.words.map((w) => ({ ...w, speaker: rename(w.speaker) })) }));
    return c.json({
      speech_understanding: { request, response: { speaker_identification: { mapping, status: "completed" } } },
      utterances,
      words,
    });
  };
}
