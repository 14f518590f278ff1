// Runs test/workerd/** INSIDE workerd (Cloudflare's runtime) through @cloudflare/vitest-pool-workers,
// against the BUILT package (dist/): `npm test` builds first via nx (test dependsOn build).
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const COMPATIBILITY_DATE = "2026-04-01";
const BUILT_ENTRY = fileURLToPath(new URL("./dist/index.js", import.meta.url));

// The pool adds Node compat flags to the Worker that runs the tests, so the proof that core needs
// none is an auxiliary Worker with NO compatibility flags, bundled here from dist/ (the worker imports "@org/soap-core", aliased to dist/index.js).
const noCompatWorker = buildSync({
  entryPoints: [fileURLToPath(new URL("./test/workerd/no-compat-worker.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  alias: { "@org/soap-core": BUILT_ENTRY },
  write: false,
  logLevel: "error",
}).outputFiles[0]!.text;

export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: COMPATIBILITY_DATE,
        compatibilityFlags: [],
        serviceBindings: { CORE_NO_COMPAT: "core-no-compat" },
        workers: [
          { name: "core-no-compat", modules: true, script: noCompatWorker, compatibilityDate: COMPATIBILITY_DATE, compatibilityFlags: [] },
        ],
      },
    }),
  ],
  // The tests import "@org/soap-core" by name; here that name means the BUILT entry, dist/index.js
  // (typecheck still resolves it to src/ through the "@org/source" condition).
  resolve: { alias: { "@org/soap-core": BUILT_ENTRY } },
  test: {
    // Nx runs two projects' suites at once on a 2-core CI machine: a test that takes 1 s alone can take
    // over Vitest's default 5 s there. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    include: ["test/workerd/**/*.test.ts"],
  },
});
