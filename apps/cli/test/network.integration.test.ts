import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_API_KEY } from "@org/soap-sandbox";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { readJsonl } from "./support/outputs.js";
import { closedPort, selfSignedCert, startProxy, startTlsFront, type TestProxy } from "./support/proxy.js";
import { startSandbox } from "./support/sandbox.js";

const TRANSCRIPT = `${SAMPLES}/transcripts/visit-01-finger-injury.txt`;
const AUDIO = `${SAMPLES}/visits/visit-01-finger-injury.mp3`;

let dir: string;
let sb: { served: ServedSandbox; env: Record<string, string> };
let port: number;
const at = (...parts: string[]) => join(dir, ...parts);
/** The CLI pointed at `origin` for both the v2 API and the gateway, with a key. */
const target = (origin: string): Record<string, string> => ({ ASSEMBLYAI_API_KEY: DEMO_API_KEY, ASSEMBLYAI_BASE_URL: origin, ASSEMBLYAI_GATEWAY_URL: origin });
/** The one `soap-notes: …` error line. */
const errorLine = (stderr: string): string => stderr.split("\n").filter((l) => l.startsWith("soap-notes: ")).at(-1) ?? "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-network-"));
  sb = await startSandbox();
  port = await closedPort();
  const rows = Array.from({ length: 12 }, (_, i) => `visit-${String(i + 1).padStart(2, "0")},${AUDIO}`);
  await writeFile(at("twelve.csv"), `id,audio\n${rows.join("\n")}\n`);
  await writeFile(at("two.csv"), `id,audio\n${rows.slice(0, 2).join("\n")}\n`);
});
afterAll(async () => {
  await sb.served.close();
  await rm(dir, { recursive: true, force: true });
});

describe("no network for a whole batch", () => {
  it("stops after 5 visits in a row cannot connect, with exit 4, the host, the cause and the resume command", { timeout: 60_000 }, async () => {
    const out = at("closed");
    const r = await runCli(["batch", at("twelve.csv"), "--out", out, "--concurrency", "2"], { env: target(`http://127.0.0.1:${port}`) });
    expect(r.code, r.stderr).toBe(4);
    expect(errorLine(r.stderr)).toMatch(
      new RegExp(
        `^soap-notes: cannot reach 127\\.0\\.0\\.1:${port}: the connection was refused \\(ECONNREFUSED\\): nothing listens there; check the URL and port .*; ` +
          `the batch stopped \\(\\d+ visits could not connect\\); progress is saved, run the same command again to resume: soap-notes batch .*twelve\\.csv --out `,
      ),
    );
    // It stopped: not 12 failures one by one.
    const failures = await readJsonl(join(out, "failures.jsonl"));
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(failures.length).toBeLessThan(12);
    expect(failures.every((f) => f["name"] === "ConnectionError" && String(f["message"]).endsWith(`(127.0.0.1:${port})`))).toBe(true);
    expect(existsSync(join(out, ".soap-notes.lock"))).toBe(false);
  });

  it("a batch smaller than the run, where nothing got through: exit 4 too", async () => {
    const r = await runCli(["batch", at("two.csv"), "--out", at("closed-two")], { env: target(`http://127.0.0.1:${port}`) });
    expect(r.code, r.stderr).toBe(4);
    expect(errorLine(r.stderr)).toMatch(/the batch stopped \(2 visits could not connect\)/);
  });

  it("one note on a name that does not resolve: exit 4 naming the host and DNS", async () => {
    const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified"], { env: target("https://api.assemblyai.invalid") });
    expect(r.code, r.stderr).toBe(4);
    expect(errorLine(r.stderr)).toMatch(/^soap-notes: cannot reach api\.assemblyai\.invalid: (the name does not resolve \(DNS E[A-Z_]+\)|the DNS lookup failed \(EAI_AGAIN\))/);
  });
});

describe("HTTP_PROXY, HTTPS_PROXY and NO_PROXY", () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy.close();
  });

  it("sends http:// requests through HTTP_PROXY (forwarded, as curl does) and the batch completes", { timeout: 60_000 }, async () => {
    proxy.log.length = 0;
    const r = await runCli(["batch", at("two.csv"), "--out", at("via-proxy"), "--quiet"], { env: { ...sb.env, HTTP_PROXY: proxy.url } });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.log).toContain(`POST ${sb.served.apiBaseUrl}/v2/upload`);
    expect(proxy.log.some((l) => l.startsWith(`POST ${sb.served.gatewayBaseUrl}/v1/chat/completions`))).toBe(true);
  });

  it("goes direct to hosts named in NO_PROXY", async () => {
    proxy.log.length = 0;
    const r = await runCli(["batch", at("two.csv"), "--out", at("no-proxy"), "--quiet"], { env: { ...sb.env, HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" } });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.log).toEqual([]);
  });

  it("names an unreachable proxy, and how to go around it: exit 4, nothing reaches the host", async () => {
    const before = sb.served.sandbox.counters.snapshot();
    const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified"], { env: { ...sb.env, HTTP_PROXY: `http://127.0.0.1:${port}` } });
    expect(r.code, r.stderr).toBe(4);
    expect(errorLine(r.stderr)).toMatch(
      new RegExp(`^soap-notes: cannot reach the proxy http://127\\.0\\.0\\.1:${port} \\(HTTP_PROXY\\) on the way to 127\\.0\\.0\\.1:\\d+ \\(ECONNREFUSED: nothing listens there\\); .* add 127\\.0\\.0\\.1 to NO_PROXY`),
    );
    const after = sb.served.sandbox.counters.snapshot();
    expect(after.routes).toEqual(before.routes);
  });

  it("refuses a proxy variable that is not a URL before sending anything: exit 2", async () => {
    const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified"], { env: { ...sb.env, HTTPS_PROXY: "proxy.example.org:3128" } });
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe('soap-notes: HTTPS_PROXY is not a URL (got "proxy.example.org:3128"): give the proxy as http://host:port (credentials, if any, as http://user:password@host:port)');
  });

  describe("https:// through CONNECT", () => {
    let tls: ReturnType<typeof selfSignedCert>;
    let front: { url: string; close(): Promise<void> } | undefined;
    beforeAll(async () => {
      tls = selfSignedCert(dir);
      if (tls) front = await startTlsFront(tls, sb.served.apiBaseUrl);
    });
    afterAll(async () => {
      await front?.close();
    });

    it("tunnels https:// requests through HTTPS_PROXY with CONNECT; the note is made end to end", async (ctx) => {
      if (!front || !tls) return ctx.skip();
      proxy.log.length = 0;
      const host = new URL(front.url).host;
      const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified", "--format", "json"], {
        env: { ...target(front.url), HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certFile },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveProperty("sections");
      expect(proxy.log).toContain(`CONNECT ${host}`);
      expect(proxy.log.every((l) => l.startsWith("CONNECT "))).toBe(true);
    });

    it("reports the status a proxy answered to CONNECT", async (ctx) => {
      if (!front) return ctx.skip();
      proxy.refuseConnect = 403;
      try {
        const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified"], { env: { ...target(front.url), HTTPS_PROXY: proxy.url } });
        expect(r.code, r.stderr).toBe(4);
        expect(errorLine(r.stderr)).toMatch(new RegExp(`^soap-notes: the proxy ${proxy.url.replaceAll(".", "\\.")} \\(HTTPS_PROXY\\) would not open a connection to 127\\.0\\.0\\.1:\\d+: it answered 403`));
      } finally {
        delete proxy.refuseConnect;
      }
    });

    it("explains an untrusted certificate and points at NODE_EXTRA_CA_CERTS: exit 4", async (ctx) => {
      if (!front) return ctx.skip();
      const r = await runCli(["note", "--transcript-file", TRANSCRIPT, "--deidentified"], { env: target(front.url) });
      expect(r.code, r.stderr).toBe(4);
      expect(errorLine(r.stderr)).toMatch(/^soap-notes: the TLS connection to 127\.0\.0\.1:\d+ failed \([A-Z_]+\): its certificate is not trusted .*NODE_EXTRA_CA_CERTS=<file\.pem>/);
    });
  });
});
