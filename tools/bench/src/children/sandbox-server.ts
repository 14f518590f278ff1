// B4's check of the sandbox's own upload route: serves a sandbox (no fixtures needed to upload) in
// its own process and reports its peak RSS, to see whether POST /v2/upload buffers the body.
import { serve } from "@org/soap-sandbox/node";
import { maxRssBytes, toParent, type ParentMessage } from "./protocol.js";

const served = await serve({ port: 0, fixtures: [] });
toParent({ kind: "ready", port: served.port, rssBytes: process.memoryUsage.rss() });

process.on("message", (m: ParentMessage) => {
  if (m.kind === "report") toParent({ kind: "memory", rssBytes: process.memoryUsage.rss(), maxRssBytes: maxRssBytes() });
  if (m.kind === "close") void served.close().then(() => process.disconnect());
});
