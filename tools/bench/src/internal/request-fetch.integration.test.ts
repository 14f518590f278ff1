import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBackedFetch } from "./request-fetch.js";

let server: Server;
let origin: string;
const agent = new Agent({ connections: 2 });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/empty") {
      res.writeHead(204, { "x-kind": "empty" });
      res.end();
      return;
    }
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => {
      res.writeHead(201, { "content-type": "application/json", "x-method": req.method ?? "" });
      res.end(JSON.stringify({ bytes, auth: req.headers["authorization"] ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("requestBackedFetch (loopback server)", () => {
  const f = requestBackedFetch(agent);

  it("streams a Blob body and returns a standard Response with status, headers and body", async () => {
    const res = await f(`${origin}/up`, { method: "POST", headers: { Authorization: "k" }, body: new Blob([new Uint8Array(70_000)]) });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-method")).toBe("POST");
    expect(await res.json()).toEqual({ bytes: 70_000, auth: "k" });
  });

  it("sends a ReadableStream body", async () => {
    const stream = new Blob([new Uint8Array(1234)]).stream();
    const res = await f(`${origin}/up`, { method: "POST", body: stream });
    expect(await res.json()).toMatchObject({ bytes: 1234 });
  });

  it("answers a 204 with a null body instead of throwing", async () => {
    const res = await f(`${origin}/empty`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect(res.headers.get("x-kind")).toBe("empty");
  });
});
