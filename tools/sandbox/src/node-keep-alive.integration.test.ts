import { request, Agent } from "node:http";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { tinyFixture } from "./internal/test-support/fixtures.js";
import { DEFAULT_KEEP_ALIVE_TIMEOUT_MS, serve } from "./node.js";

/** Sends one keep-alive request, then reports whether the server closed the idle socket within `idleMs`. */
async function closedWhileIdle(port: number, idleMs: number): Promise<boolean> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/v1/models", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(req.socket as Socket));
      });
      req.on("error", reject);
      req.end();
    });
    let closed = false;
    socket.once("close", () => (closed = true));
    await new Promise((r) => setTimeout(r, idleMs));
    return closed;
  } finally {
    agent.destroy();
  }
}

describe("serve: keep-alive", () => {
  it("keeps an idle connection open for keepAliveTimeoutMs, then closes it", async () => {
    const short = await serve({ port: 0, fixtures: [await tinyFixture()], keepAliveTimeoutMs: 100 });
    const long = await serve({ port: 0, fixtures: [await tinyFixture()], keepAliveTimeoutMs: 5_000 });
    try {
      expect(await closedWhileIdle(short.port, 700)).toBe(true);
      expect(await closedWhileIdle(long.port, 700)).toBe(false);
    } finally {
      await short.close();
      await long.close();
    }
  });

  it("defaults to a load balancer's minute, not Node's 5 s", () => {
    expect(DEFAULT_KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThanOrEqual(60_000);
  });
});
