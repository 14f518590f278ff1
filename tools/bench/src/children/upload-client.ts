// B4's client: uploads one file in one of four ways and reports its peak RSS growth over the RSS it
// had just before the upload (after imports and a small warm-up upload through the same path).
// argv: <mode> <origin> <file> <apiKey>
import { createReadStream, openAsBlob } from "node:fs";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { Readable } from "node:stream";
import { SeedFlow } from "../baseline/seed-flow.js";
import { TranscriptsClient } from "@org/soap-core";
import { Agent } from "undici";
import { ourClients } from "../internal/ours.js";
import { requestBackedFetch } from "../internal/request-fetch.js";
import { maxRssBytes, toParent, UPLOAD_MODES, type UploadMode } from "./protocol.js";

const [modeArg, origin, file, apiKey] = process.argv.slice(2);
if (!UPLOAD_MODES.includes(modeArg as UploadMode) || !origin || !file || apiKey === undefined) {
  throw new Error(`usage: upload-client <${UPLOAD_MODES.join("|")}> <origin> <file> <apiKey>`);
}
const mode = modeArg as UploadMode;

/** The plain Node way, the floor: a file stream piped into an http request. */
function nodeStreamUpload(source: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/v2/upload`, { method: "POST", headers: { authorization: apiKey as string, "content-type": "application/octet-stream" } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on("error", reject);
    source.pipe(req);
  });
}

const clients = ourClients(origin, apiKey, 1, { timeoutMs: 600_000 });
const requestAgent = new Agent({ connections: 1 });
const requestClient = new TranscriptsClient({ apiKey, baseUrl: origin, gatewayBaseUrl: origin, fetch: requestBackedFetch(requestAgent), timeoutMs: 600_000 });
const seed = new SeedFlow({ apiKey, baseUrl: origin, gatewayBaseUrl: origin });

async function upload(path: string | null): Promise<void> {
  const small = new Uint8Array(4096);
  switch (mode) {
    case "limit":
      return nodeStreamUpload(path ? createReadStream(path) : Readable.from([Buffer.from(small)]));
    case "ours-blob":
      await clients.transcripts.upload(path ? await openAsBlob(path) : new Blob([small]));
      return;
    case "ours-stream":
      await clients.transcripts.upload(path ? (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>) : new Blob([small]).stream());
      return;
    case "ours-request":
      await requestClient.upload(path ? await openAsBlob(path) : new Blob([small]));
      return;
    case "baseline": {
      // The tutorial: `const audioData = await fs.readFile(path)`, then fetch with it as the body.
      const audioData = path ? await readFile(path) : Buffer.from(small);
      await seed.upload(audioData as Uint8Array<ArrayBuffer>);
      return;
    }
  }
}

await upload(null); // warm-up: load the code paths outside the measurement
(globalThis as { gc?: () => void }).gc?.();
const baselineRssBytes = process.memoryUsage.rss();
let peak = baselineRssBytes;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 5);
const started = performance.now();
let error: string | undefined;
try {
  await upload(file);
} catch (e) {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (cause: ${e.cause.name}: ${e.cause.message})` : "";
  error = e instanceof Error ? `${e.name}: ${e.message}${cause}` : String(e);
}
const ms = performance.now() - started;
clearInterval(sampler);
// Sampled every 5 ms; the kernel's maxRSS (which also covers start-up, before the baseline) is an upper bound.
const peakRssBytes = Math.max(peak, process.memoryUsage.rss());
const maxRss = maxRssBytes();
await clients.close();
await requestAgent.close();
toParent({
  kind: "upload",
  mode,
  ok: error === undefined,
  ...(error !== undefined ? { error } : {}),
  ms,
  baselineRssBytes,
  peakRssBytes,
  growthBytes: peakRssBytes - baselineRssBytes,
  maxRssGrowthBytes: maxRss - baselineRssBytes,
});
process.disconnect?.();
