// Bundles the `soap-notes` executable (dist/bin.js) with esbuild, code-split so that each command's
// heavy dependencies stay in chunks loaded only by that command's action. One file per chunk instead
// of hundreds of small modules cuts the start-up cost of every run by about a third (see README).
// tsc still emits dist/index.js and the .d.ts files (the package's library entry).
import { chmod, rm } from "node:fs/promises";
import { build } from "esbuild";

await rm(new URL("../dist/chunks/", import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: new URL("..", import.meta.url).pathname,
  entryPoints: { bin: "src/bin.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  legalComments: "linked",
  // CommonJS dependencies (undici) call require(): give ESM chunks one.
  banner: { js: 'import { createRequire as __soapNotesCreateRequire } from "node:module"; const require = __soapNotesCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
await chmod(new URL("../dist/bin.js", import.meta.url), 0o755);
