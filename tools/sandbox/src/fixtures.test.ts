import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSandbox, type Fixture } from "./index.js";
import { U3, api, type Json } from "./internal/test-support/http.js";
import { manualTime } from "./internal/test-support/fixtures.js";
import { loadSpecs, referenceAvailable } from "./internal/test-support/spec.js";
import { DEFAULT_FIXTURES_DIR, loadFixtures } from "./node.js";

// Integration over the fixtures the repo ships (tools/sandbox/fixtures, samples/visits).
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures: Fixture[] = await loadFixtures();
const phi = existsSync(`${DEFAULT_FIXTURES_DIR}/phi-strings.json`)
  ? (JSON.parse(readFileSync(`${DEFAULT_FIXTURES_DIR}/phi-strings.json`, "utf8")) as { fixtures: Record<string, { policy: string; text: string }[]> })
  : { fixtures: {} };
const spec = referenceAvailable ? loadSpecs() : null;

function setup() {
  const time = manualTime();
  const sb = createSandbox({ fixtures, clock: time.clock, scheduler: time.scheduler, queuedMs: 0, processingMs: 10 });
  return { sb, time, a: api(sb) };
}

const FENCE = "<transcript>\n{{ transcript }}\n</transcript>";

describe.skipIf(fixtures.length === 0)("the repo's fixtures", () => {
  it("ships at least five valid visits, each with PII and both speakers", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const f of fixtures) {
      expect(f.pii.length, f.slug).toBeGreaterThan(0);
      expect(Object.values(f.speakers).sort(), f.slug).toEqual(["clinician", "patient"]);
    }
  });

  describe.each(fixtures.map((f) => [f.slug, f] as const))("%s", (slug, fixture) => {
    const policies = [...new Set(fixture.pii.map((p) => p.policy))];
    const secrets = (phi.fixtures[slug] ?? []).map((s) => s.text);
    let audio: Uint8Array | undefined;

    async function transcribe(params: Record<string, unknown>) {
      const { sb, time, a } = setup();
      audio ??= new Uint8Array(readFileSync(`${REPO}/${fixture.audio.file}`));
      const up = await a.upload(audio);
      const created = await a.post("/v2/transcript", { ...U3, audio_url: up.json["upload_url"], ...params });
      time.advance(10);
      const t = (await a.get(`/v2/transcript/${created.json["id"]}`)).json;
      return { sb, a, t };
    }

    it("is recognised from its audio bytes and renders a schema-valid transcript", async () => {
      const { t } = await transcribe({ speaker_labels: true });
      expect(t["status"]).toBe("completed");
      expect(t["text"]).toBe(fixture.words.map((w) => w.text).join(" "));
      if (spec) expect(spec.errors("openapi.yml", "Transcript", t)).toEqual([]);
    });

    it.each(["hash", "entity_name"] as const)("redacts every PII string with %s in text, words and utterances", async (sub) => {
      expect(secrets.length).toBeGreaterThan(0);
      const { t } = await transcribe({ speaker_labels: true, redact_pii: true, redact_pii_policies: policies, redact_pii_sub: sub });
      const fields = [t["text"] as string, (t["words"] as Json[]).map((w) => w["text"]).join(" "), (t["utterances"] as Json[]).map((u) => u["text"]).join(" ")];
      for (const field of fields) for (const s of secrets) expect(field, s).not.toContain(s);
      if (sub === "hash") expect((t["text"] as string).length).toBe(fixture.words.map((w) => w.text).join(" ").length);
    });

    it("answers notes whose quotes are exact transcript text", async () => {
      const { a, t } = await transcribe({ speaker_labels: true, redact_pii: true, redact_pii_policies: policies });
      const text = t["text"] as string;
      const chat = await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", transcript_id: t["id"], max_tokens: 4000, messages: [{ role: "user", content: `Write a SOAP note.\n${FENCE}` }] });
      const content: string = chat.json["choices"][0]["message"]["content"];
      expect(content.split("\n").filter((l) => l.startsWith("## "))).toHaveLength(4);
      const quoted = [...content.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
      expect(quoted.length).toBeGreaterThan(3);
      for (const q of quoted) expect(text).toContain(q);
      const schema = { type: "object", properties: { subjective: {}, objective: {}, assessment: {}, plan: {} } };
      const structured = await a.post("/v1/chat/completions", { model: "claude-sonnet-4-5-20250929", transcript_id: t["id"], max_tokens: 4000, messages: [{ role: "user", content: FENCE }], response_format: { type: "json_schema", json_schema: { name: "soap", schema } } });
      const note = JSON.parse(structured.json["choices"][0]["message"]["content"]) as Record<string, { statements: { evidence: { quote: string }[] }[] }>;
      const evidence = Object.values(note).flatMap((s) => s.statements.flatMap((st) => st.evidence.map((e) => e.quote)));
      expect(evidence.length).toBeGreaterThan(3);
      for (const q of evidence) expect(text).toContain(q);
    });

    it("maps an https URL ending in its file name, and identifies speaker roles", async () => {
      const { sb, time, a } = setup();
      const created = await a.post("/v2/transcript", { ...U3, audio_url: `https://files.example.com/${fixture.audio.file.split("/").pop()}`, speaker_labels: true });
      time.advance(10);
      expect((await a.get(`/v2/transcript/${created.json["id"]}`)).json["status"]).toBe("completed");
      const und = await a.post("/v1/understanding", { transcript_id: created.json["id"], speech_understanding: { request: { speaker_identification: { speaker_type: "role", known_values: ["patient", "clinician"] } } } });
      expect(und.json["speech_understanding"]["response"]["speaker_identification"]["mapping"]).toEqual(fixture.speakers);
      expect(sb.counters.transcriptsCreated).toBe(1);
    });
  });
});
