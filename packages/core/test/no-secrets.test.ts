import { describe, expect, it } from "vitest";
import { GatewayClient, TranscriptsClient } from "../src/index.js";
import { fakeFetch, fakeTime, json, netError, type FakeAnswer } from "../src/internal/test-support/fake-fetch.js";

const KEY = "aai_live_SECRET_0123456789";
const WEBHOOK = "whsec_SECRET_abcdefghij";
const TRANSCRIPT = "Doctor: what brings you in today? Patient: chest pain since last Tuesday evening.";

/** Error answers that echo every secret in every envelope AssemblyAI uses, plus transport failures. */
const answers: [string, () => FakeAnswer][] = [
  ["v2 {error}", () => json({ error: `bad ${KEY} ${WEBHOOK} ${TRANSCRIPT}` }, 400, { "x-request-id": KEY })],
  ["gateway {error:{…}}", () => json({ error: { code: KEY, message: `bad ${KEY} ${TRANSCRIPT}`, metadata: { k: WEBHOOK } } }, 401)],
  ["gateway {message}", () => json({ message: `bad ${KEY} ${TRANSCRIPT}`, request_id: KEY }, 404)],
  ["gateway {error,status}", () => json({ error: `bad ${KEY} ${WEBHOOK}`, status: 500, request_id: WEBHOOK }, 500)],
  ["rate limit", () => json({ error: `slow ${KEY}` }, 429, { "Retry-After": "1" })],
  ["html page", () => new Response(`<p>${KEY} ${TRANSCRIPT}</p>`, { status: 502 })],
  ["bad 200 body", () => json({ nonsense: KEY, text: TRANSCRIPT })],
  ["connection", () => Object.assign(netError("ECONNRESET"), { message: `fetch failed ${KEY}` })],
];

const operations: [string, (t: TranscriptsClient, g: GatewayClient) => Promise<unknown>][] = [
  ["upload", (t) => t.upload(new Uint8Array([1]))],
  [
    "create",
    (t) =>
      t.create({
        audio_url: "https://example.com/a.mp3",
        speech_models: ["universal-3-pro"],
        webhook_url: "https://example.com/hook",
        webhook_auth_header_name: "X-Secret",
        webhook_auth_header_value: WEBHOOK,
      }),
  ],
  ["get", (t) => t.get("t1")],
  ["wait", (t) => t.wait("t1")],
  ["delete", (t) => t.delete("t1")],
  ["list", async (t) => { for await (const _ of t.list()) void _; }],
  ["sentences", (t) => t.sentences("t1")],
  ["paragraphs", (t) => t.paragraphs("t1")],
  ["redactedAudio", (t) => t.redactedAudio("t1")],
  ["wordSearch", (t) => t.wordSearch("t1", ["knee"])],
  ["chat", (_, g) => g.chat({ model: "m", messages: [{ role: "user", content: `Note this:\n${TRANSCRIPT}` }] })],
  ["models", (_, g) => g.models()],
  ["identifySpeakerRoles", (_, g) => g.identifySpeakerRoles("t1")],
];

function everything(err: unknown): string {
  const e = err as Record<string, unknown> & Error;
  return JSON.stringify({ message: e.message, body: e["body"], code: e["code"], requestId: e["requestId"], issues: e["issues"], str: String(e) });
}

describe("no error ever contains the key, the webhook secret or prompt text the client sent", () => {
  for (const [opName, op] of operations) {
    it.each(answers)(`${opName}: %s`, async (_, answer) => {
      const f = fakeFetch(() => answer());
      const time = fakeTime();
      const opts = { apiKey: KEY, fetch: f.fetch, sleep: time.sleep, now: time.now, random: () => 0.5, maxRetries: 1 };
      const err = await op(new TranscriptsClient(opts), new GatewayClient(opts)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      const text = everything(err);
      expect(text).not.toContain(KEY);
      // The client can only scrub what it was given: the webhook secret on create, the prompt on chat.
      if (opName === "create") expect(text).not.toContain(WEBHOOK);
      if (opName === "chat") expect(text).not.toContain("chest pain since last Tuesday");
    });
  }
});
