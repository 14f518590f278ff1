import { join } from "node:path";
import type { MemoryReport, UploadMode, UploadReport } from "../children/protocol.js";
import { forkChild, type Child } from "../internal/child-process.js";
import type { BenchContext } from "../internal/context.js";
import { GIB, withBigFile } from "../internal/big-file.js";
import { formatBytes, formatMs, formatRatio } from "../internal/format.js";
import type { BenchRow } from "../internal/result.js";

const TARGET_BYTES = 64 * 1024 * 1024;

const UNDICI_FETCH =
  "undici's fetch() (Node's global fetch and undici 7 alike) keeps a streamed request body in memory until the request ends (nodejs/undici#4058, open), for Blob and ReadableStream bodies; core hands the body to fetch untouched. The what-if row shows the same core upload over undici's request() within the target.";
const API_KEY = "sandbox-demo-key";

async function startServer(ctx: BenchContext, entry: string): Promise<{ child: Child; port: number; readyRss: number }> {
  const child = forkChild(join(ctx.childrenDir, entry));
  const ready = await child.next("ready", 60_000);
  return { child, port: ready.port, readyRss: ready.rssBytes };
}

async function uploadOnce(ctx: BenchContext, mode: UploadMode, origin: string, file: string): Promise<UploadReport> {
  const child = forkChild(join(ctx.childrenDir, "upload-client.js"), [mode, origin, file, API_KEY], ["--expose-gc"]);
  try {
    const report = await child.next("upload");
    ctx.log(`  B4 ${mode}: ${report.ok ? "ok" : `FAILED ${report.error ?? ""}`} in ${formatMs(report.ms)}, RSS ${formatBytes(report.baselineRssBytes)} -> peak ${formatBytes(report.peakRssBytes)} (growth ${formatBytes(report.growthBytes)}; kernel maxRSS growth ${formatBytes(report.maxRssGrowthBytes)})`);
    return report;
  } finally {
    child.kill();
  }
}

/** Whether the sink reported a body of exactly 1 GiB (the warm-up's small body is ignored). */
async function receivedWhole(child: Child): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (child.messages.some((m) => m.kind === "received" && m.bytes === GIB)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function closeServer(child: Child): Promise<MemoryReport> {
  child.process.send({ kind: "report" });
  const mem = await child.next("memory", 30_000);
  child.process.send({ kind: "close" });
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      child.kill();
      resolve();
    }, 5000);
    child.process.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
  });
  return mem;
}

/**
 * B4: peak RSS growth of the CLIENT process while uploading a 1 GiB file generated at run time
 * (deleted after), each way in a fresh child process, to a server in another child process (a
 * node:http sink that hashes and discards). Then the same upload of ours to the sandbox served in a
 * child, to see whether the sandbox's upload route buffers the body.
 */
export async function runB4(ctx: BenchContext): Promise<BenchRow[]> {
  return withBigFile(GIB, async (file) => {
    ctx.log(`  B4 generated ${formatBytes(GIB)} at ${file}`);
    const sink = await startServer(ctx, "hash-sink.js");
    const results = new Map<UploadMode, UploadReport>();
    let sinkMem: MemoryReport;
    try {
      const origin = `http://127.0.0.1:${sink.port}`;
      for (const mode of ["limit", "ours-blob", "ours-stream", "ours-request", "baseline"] as const) {
        sink.child.messages.splice(0);
        const r = await uploadOnce(ctx, mode, origin, file);
        if (r.ok && !(await receivedWhole(sink.child))) throw new Error(`${mode}: the sink did not receive the whole ${formatBytes(GIB)}`);
        results.set(mode, r);
      }
    } finally {
      sinkMem = await closeServer(sink.child);
    }

    // The sandbox's own upload route, served in a child: does IT buffer 1 GiB?
    let sandboxNote: string;
    let sandboxGrowth: number | null = null;
    const sandbox = await startServer(ctx, "sandbox-server.js");
    try {
      const r = await uploadOnce(ctx, "ours-blob", `http://127.0.0.1:${sandbox.port}`, file);
      const mem = await closeServer(sandbox.child);
      sandboxGrowth = mem.maxRssBytes - sandbox.readyRss;
      sandboxNote = `sandbox child (serve() of @org/soap-sandbox/node) peak RSS grew ${formatBytes(sandboxGrowth)} while receiving ours' 1 GiB upload (${r.ok ? "accepted" : `upload failed: ${r.error ?? ""}`})`;
      ctx.log(`  B4 ${sandboxNote}`);
    } catch (e) {
      sandbox.child.kill();
      sandboxNote = `sandbox upload route not measured: ${e instanceof Error ? e.message : String(e)}`;
    }

    const get = (m: UploadMode) => {
      const r = results.get(m);
      if (!r || !r.ok) throw new Error(`${m} upload failed: ${r?.error ?? "no report"}`);
      return r;
    };
    const limit = get("limit");
    // The baseline's memory is measured even when its upload fails (it has no retries).
    const base = results.get("baseline");
    if (!base) throw new Error("no baseline report");
    const baseNote = base.ok ? "" : ` (its upload failed after the file was in memory: ${base.error ?? ""})`;
    const row = (name: string, ours: UploadReport, how: string, limitedBy?: string): BenchRow => ({
      ...(limitedBy !== undefined ? { limitedBy } : {}),
      id: "B4",
      name,
      ours: formatBytes(ours.growthBytes),
      baseline: `${formatBytes(base.growthBytes)}${base.ok ? "" : " (upload failed)"}`,
      limit: formatBytes(limit.growthBytes),
      ratio: `ours/file ${formatRatio(ours.growthBytes / GIB)}; baseline/file ${formatRatio(base.growthBytes / GIB)}`,
      target: "ours <= 64 MiB",
      met: ours.growthBytes <= TARGET_BYTES,
      notes:
        `${how}; client peak RSS sampled every 5 ms minus RSS just before the upload (after a warm-up upload), each way in a fresh process with --expose-gc; kernel maxRSS growth (upper bound, includes start-up): ours ${formatBytes(ours.maxRssGrowthBytes)}, baseline ${formatBytes(base.maxRssGrowthBytes)}, limit ${formatBytes(limit.maxRssGrowthBytes)}; ` +
        `upload times ours ${formatMs(ours.ms)}, baseline ${formatMs(base.ms)}, limit ${formatMs(limit.ms)}; server = node:http sink in a child that hashes and discards (its peak RSS ${formatBytes(sinkMem.maxRssBytes)}); ` +
        `limit = fs.createReadStream piped into http.request; baseline = fs.readFile then fetch (the tutorial)${baseNote}; the 1 GiB file is random data written to os.tmpdir() at run time and deleted after`,
    });
    const rows = [
      row("B4 peak RSS growth uploading 1 GiB (core over plain undici fetch(), file Blob)", get("ours-blob"), "ours = TranscriptsClient.upload(await openAsBlob(file)) over an undici Agent with undici's fetch() (the CLI's path before it switched to request())", UNDICI_FETCH),
      row("B4 peak RSS growth uploading 1 GiB (core over plain undici fetch(), ReadableStream)", get("ours-stream"), "ours = TranscriptsClient.upload(Readable.toWeb(createReadStream(file)))", UNDICI_FETCH),
      row(
        "B4 ours as the CLI ships it: file Blob over a request()-based fetch",
        get("ours-request"),
        "the same core upload of a file-backed Blob through a fetch built on undici's request() (the bench's tools/bench/src/internal/request-fetch.ts, equivalent to the CLI's apps/cli/src/io/streaming-fetch.ts) instead of undici's fetch(), which keeps streamed request bodies in memory (nodejs/undici#4058)",
      ),
    ];
    if (sandboxGrowth !== null) {
      rows.push({
        id: "B4",
        name: "B4 server side: sandbox POST /v2/upload peak RSS growth (1 GiB)",
        ours: formatBytes(sandboxGrowth),
        baseline: "n/a",
        limit: formatBytes(Math.max(0, sinkMem.maxRssBytes - sink.readyRss)),
        ratio: `sandbox/file ${formatRatio(sandboxGrowth / GIB)}`,
        target: "<= 64 MiB (not a B4 target: a check of the sandbox)",
        met: sandboxGrowth <= TARGET_BYTES,
        limitedBy: "The sandbox's POST /v2/upload reads the whole body (c.req.arrayBuffer()) and then hashes the bytes: it buffers the file, several times over.",
        notes: `${sandboxNote}; limit column = the hash sink's peak RSS growth over its start`,
      });
    }
    return rows;
  });
}
