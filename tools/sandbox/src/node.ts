/**
 * Node-only helpers of @org/soap-sandbox: read the repo's fixtures from disk and serve a sandbox
 * over HTTP on the loopback interface.
 */
import { serve as honoServe } from "@hono/node-server";
import { readdir, readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtureSchema, type Fixture } from "./internal/fixture-schema.js";
import { FixtureValidationError, type SandboxOptions } from "./internal/options.js";
import { createSandbox, type Sandbox } from "./internal/sandbox.js";

/** The repo's fixture directory (tools/sandbox/fixtures), found from this module's location. */
export const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Files in the fixture directory that are not fixtures. */
const NOT_FIXTURES = new Set(["index.json", "phi-strings.json"]);

/**
 * Reads and validates every `<slug>.json` fixture of a directory (sorted by file name).
 * Skips index.json and phi-strings.json. Returns [] when the directory does not exist.
 * @default dir tools/sandbox/fixtures of this repo
 */
export async function loadFixtures(dir: string = DEFAULT_FIXTURES_DIR): Promise<Fixture[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !NOT_FIXTURES.has(n)).sort();
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return [];
    throw e;
  }
  const fixtures: Fixture[] = [];
  for (const [i, name] of names.entries()) {
    const raw: unknown = JSON.parse(await readFile(join(dir, name), "utf8"));
    const parsed = fixtureSchema.safeParse(raw);
    if (!parsed.success) throw new FixtureValidationError(i, parsed.error);
    fixtures.push(parsed.data);
  }
  return fixtures;
}

/** {@link ServeOptions.keepAliveTimeoutMs}'s default. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Options of `serve`. */
export interface ServeOptions extends SandboxOptions {
  /** @default 4010 (0 picks a free port) */
  port?: number;
  /** @default "127.0.0.1" */
  hostname?: string;
  /**
   * How long an idle keep-alive connection stays open. Node's own default (5 s) is far below what
   * HTTPS APIs behind load balancers keep (60 s and more), and a client that pools connections for
   * longer (workerd's fetch) then races the server's close and sees resets no real API would cause.
   * @default 65_000
   */
  keepAliveTimeoutMs?: number;
}

/** A sandbox served over HTTP. */
export interface ServedSandbox {
  sandbox: Sandbox;
  port: number;
  hostname: string;
  /** Base URL for the v2 API (use as `baseUrl`). */
  apiBaseUrl: string;
  /** Base URL of the gateway WITHOUT /v1 (use as `gatewayBaseUrl`). */
  gatewayBaseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves a sandbox with @hono/node-server on the loopback interface, with the admin routes on.
 * Fixtures default to the repo's (`loadFixtures()`).
 */
export async function serve(options: ServeOptions = {}): Promise<ServedSandbox> {
  const hostname = options.hostname ?? "127.0.0.1";
  const fixtures = options.fixtures ?? (await loadFixtures());
  // publicBaseUrl needs the port, known only once listening: the sandbox is created after listen.
  const holder: { sandbox?: Sandbox } = {};
  const server = await new Promise<ReturnType<typeof honoServe>>((resolve, reject) => {
    const s = honoServe(
      {
        fetch: (req, env) => {
          if (!holder.sandbox) return new Response("starting", { status: 503 });
          return holder.sandbox.app.fetch(req, env);
        },
        port: options.port ?? 4010,
        hostname,
      },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const { keepAliveTimeoutMs, ...sandboxOptions } = options;
  const keepAlive = keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  const http = server as { keepAliveTimeout?: number; headersTimeout?: number };
  http.keepAliveTimeout = keepAlive;
  // Node wants the headers timeout above the keep-alive timeout (else an idle socket can be cut mid-request).
  http.headersTimeout = Math.max(http.headersTimeout ?? 0, keepAlive + 1_000);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${hostname}:${port}`;
  const sandbox = createSandbox({ admin: true, ...sandboxOptions, fixtures, publicBaseUrl: options.publicBaseUrl ?? origin });
  holder.sandbox = sandbox;
  return {
    sandbox,
    port,
    hostname,
    apiBaseUrl: origin,
    gatewayBaseUrl: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.close();
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
