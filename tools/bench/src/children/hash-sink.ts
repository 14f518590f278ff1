// B4's upload sink: a node:http server that hashes each request body as it arrives and discards it,
// then answers like POST /v2/upload. Runs in its own process so its memory is not the client's.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { maxRssBytes, toParent, type ParentMessage } from "./protocol.js";

const server = createServer((req, res) => {
  const hash = createHash("sha256");
  let bytes = 0;
  req.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  req.on("end", () => {
    const sha256 = hash.digest("hex");
    toParent({ kind: "received", bytes, sha256 });
    const port = (server.address() as AddressInfo).port;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ upload_url: `http://127.0.0.1:${port}/upload/${sha256}` }));
  });
});

server.listen(0, "127.0.0.1", () => {
  toParent({ kind: "ready", port: (server.address() as AddressInfo).port, rssBytes: process.memoryUsage.rss() });
});

process.on("message", (m: ParentMessage) => {
  if (m.kind === "report") toParent({ kind: "memory", rssBytes: process.memoryUsage.rss(), maxRssBytes: maxRssBytes() });
  if (m.kind === "close") {
    server.closeAllConnections();
    server.close(() => process.disconnect());
  }
});
