#!/usr/bin/env node
// `npm run sandbox`: serve the sandbox on 127.0.0.1 and print where it is (never a real key).
import { DEMO_API_KEY } from "../internal/options.js";
import { serve } from "../node.js";

const port = Number.parseInt(process.env["SANDBOX_PORT"] ?? "4010", 10);
const region = process.env["SANDBOX_REGION"] === "eu" ? "eu" : "us";
const served = await serve({ port: Number.isFinite(port) ? port : 4010, region });
const lines = [
  "soap-notes sandbox (an emulator of the AssemblyAI API and LLM Gateway, not a model)",
  `  v2 API base URL:      ${served.apiBaseUrl}`,
  `  LLM Gateway base URL: ${served.gatewayBaseUrl}/v1  (gatewayBaseUrl without /v1: ${served.gatewayBaseUrl})`,
  `  demo API key:         ${DEMO_API_KEY}`,
  `  gateway region:       ${region} (SANDBOX_REGION=us|eu; GET /v1/models lists what it serves)`,
  `  fixtures loaded:      ${served.sandbox.fixtures.length} (${served.sandbox.fixtures.map((f) => f.slug).join(", ") || "none: see tools/sandbox/README.md"})`,
  `  admin:                ${served.apiBaseUrl}/__sandbox/counters, POST /__sandbox/faults, POST /__sandbox/reset`,
  "Press Ctrl+C to stop.",
];
process.stdout.write(`${lines.join("\n")}\n`);
const stop = () => {
  void served.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
