// `npm run bench`: bundles the benchmark (workspace packages from their src/, so it always measures
// the current source) with esbuild into dist/bench-bundle/, then runs it with the given arguments.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = fileURLToPath(new URL("../dist/bench-bundle/", import.meta.url));
const children = readdirSync(new URL("../src/children/", import.meta.url)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

/** Bundles our workspace packages; leaves third-party packages to node_modules. */
const externalThirdParty = {
  name: "external-third-party",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@org/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [
    { in: "src/main.ts", out: "main" },
    ...children.map((f) => ({ in: `src/children/${f}`, out: `children/${f.replace(/\.ts$/, "")}` })),
  ],
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["@org/source"],
  plugins: [externalThirdParty],
  sourcemap: "linked",
  logLevel: "warning",
});

const child = spawn(process.execPath, [`${outdir}main.js`, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
