// Entry of an auxiliary Worker bundled from the BUILT package and run by workerd WITHOUT any
// nodejs_compat flag (the vitest runner Worker gets Node compat flags from the pool itself, so this
// is where "core needs no Node compat" is really proven). It runs the transcribe-then-chat flow
// against an in-memory fake AssemblyAI and answers with what happened.
import { GatewayClient, TranscriptsClient } from "@org/soap-core";

const ID = "no-compat-transcript";

function fakeAssemblyAI(): typeof fetch {
  let polls = 0;
  const json = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status, headers: { "content-type": "application/json" } });
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? "GET";
    if (new Headers(init.headers).get("authorization") !== "no-compat-key") return json({ error: "Unauthorized" }, 401);
    if (method === "POST" && url.pathname === "/v2/upload") {
      if (init.body instanceof ReadableStream) await new Response(init.body).arrayBuffer();
      return json({ upload_url: "https://cdn.assemblyai.com/upload/x" });
    }
    if (method === "POST" && url.pathname === "/v2/transcript") return json({ id: ID, status: "queued" });
    if (method === "GET" && url.pathname === `/v2/transcript/${ID}`) {
      polls++;
      return json(polls < 2 ? { id: ID, status: "processing" } : { id: ID, status: "completed", text: "Hi." });
    }
    if (method === "POST" && url.pathname === "/v1/chat/completions") {
      return json({ choices: [{ message: { role: "assistant", content: "Plan: rest." } }], usage: { input_tokens: 3, output_tokens: 2 } });
    }
    return json({ error: "Not found" }, 404);
  }) as typeof fetch;
}

export default {
  async fetch(): Promise<Response> {
    const fetchImpl = fakeAssemblyAI();
    const opts = { apiKey: "no-compat-key", fetch: fetchImpl, sleep: async () => {} };
    const transcripts = new TranscriptsClient({ ...opts, defaultSpeechModels: ["universal-3-pro"] });
    const gateway = new GatewayClient(opts);
    const { upload_url } = await transcripts.upload(new Blob([new Uint8Array(64)]).stream());
    const created = await transcripts.create({ audio_url: upload_url });
    const done = await transcripts.wait(created.id);
    const chat = await gateway.chat({ model: "m", messages: [{ role: "user", content: "Note." }], max_tokens: 10 });
    const hasProcess = typeof (globalThis as { process?: unknown }).process !== "undefined";
    const hasBuffer = typeof (globalThis as { Buffer?: unknown }).Buffer !== "undefined";
    return Response.json({ text: done.text, answer: chat.choices[0]?.message.content, usage: chat.usage, hasProcess, hasBuffer });
  },
};
