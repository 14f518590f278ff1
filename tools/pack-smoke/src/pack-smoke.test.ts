/**
 * The published packages as a consumer gets them: packed with `npm pack`, installed from the tarballs
 * into a project outside the workspace, typechecked, and run from Node ESM, a wrangler-bundled Worker
 * in workerd and an esbuild browser bundle. Nx builds core and prompts first (test dependsOn ^build).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBrowser, findChromium, runBrowserBundleInWebContext, runInChromium } from "./run-browser.js";
import { runCommand } from "./run-command.js";
import { bundleWorker, runWorker } from "./run-worker.js";
import { createScratchProject, packPublished, REPO_ROOT, type PackedPackage } from "./scratch-project.js";

const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const CHROMIUM = findChromium();

let work: string;
let project: string;
let packed: PackedPackage[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "pack-smoke-"));
  packed = await packPublished(work);
  project = join(work, "consumer");
  await createScratchProject(project, packed.map((p) => join(work, p.filename)));
  for (const p of packed) console.log(`pack-smoke: ${p.filename} ${p.size} B packed, ${p.unpackedSize} B unpacked, ${p.files.length} files`);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** What the fixture scenario returns on every runtime when the packages work. */
function expectScenario(result: unknown): void {
  expect(result).toEqual({
    templates: expect.arrayContaining(["soap-sectioned@1.0.0"]),
    planTemplate: expect.stringMatching(/^soap-[a-z-]+@\d+\.\d+\.\d+$/),
    planValid: true,
    notFound: {
      sameClassAcrossEntries: true,
      status: 404,
      baseClass: true,
      requestedUrl: "https://api.assemblyai.com/v2/transcript/missing-id",
    },
    promptsError: "TemplateNotFoundError",
    markdownHasQuote: true,
    contentType: "text/markdown; charset=utf-8",
    clients: ["gateway", "transcripts"],
  });
}

describe("the tarballs", () => {
  it("hold the built entries, their sources for the maps, README and package.json, and no tests", () => {
    for (const p of packed) {
      const paths = p.files.map((f) => f.path);
      expect(paths, p.name).toContain("package.json");
      expect(paths, p.name).toContain("README.md");
      expect(paths, p.name).toContain("dist/index.js");
      expect(paths, p.name).toContain("dist/index.d.ts");
      expect(paths.filter((f) => /\.test\.|test-support\//.test(f)), p.name).toEqual([]);
      expect(paths.filter((f) => !/^(dist|src)\/|^(package\.json|README\.md|LICENSE)$/.test(f)), p.name).toEqual([]);
    }
  });

  it("resolve every source map and declaration map to a file in the tarball", async () => {
    for (const p of packed) {
      const dir = join(project, "node_modules", p.name);
      const missing: string[] = [];
      for (const map of p.files.filter((f) => f.path.endsWith(".map"))) {
        const { sources } = JSON.parse(await readFile(join(dir, map.path), "utf8")) as { sources: string[] };
        const base = join(dir, map.path, "..");
        for (const s of sources) if (!existsSync(join(base, s))) missing.push(`${map.path} -> ${s}`);
      }
      expect(missing, p.name).toEqual([]);
    }
  });

  it("point every exports target without a custom condition at a packed file", async () => {
    for (const p of packed) {
      const pkg = JSON.parse(await readFile(join(project, "node_modules", p.name, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };
      const paths = new Set(p.files.map((f) => `./${f.path}`));
      for (const [entry, target] of Object.entries(pkg.exports)) {
        const targets = typeof target === "string" ? [target] : Object.values(target);
        for (const t of targets) expect(paths.has(t), `${p.name} ${entry} -> ${t}`).toBe(true);
      }
    }
  });
  it("declare Node 20.19 as the floor and no '*' ranges (a published '*' accepts any future major)", async () => {
    for (const p of packed) {
      const pkg = JSON.parse(await readFile(join(project, "node_modules", p.name, "package.json"), "utf8")) as { engines?: { node?: string }; dependencies?: Record<string, string> };
      expect(pkg.engines?.node, p.name).toBe(">=20.19.0");
      expect(Object.entries(pkg.dependencies ?? {}).filter(([, range]) => range === "*" || range === "latest"), p.name).toEqual([]);
    }
  });
});

describe("a consumer of the installed tarballs", () => {
  it("typechecks (moduleResolution node16, emitting) and runs the scenario from Node ESM", async () => {
    await runCommand(process.execPath, [TSC, "-p", "tsconfig.node16.json"], { cwd: project });
    const { stdout } = await runCommand(process.execPath, ["out-node16/node-main.js"], { cwd: project });
    expectScenario(JSON.parse(stdout));
  });

  it("typechecks the Worker and browser consumers under moduleResolution bundler", async () => {
    await expect(runCommand(process.execPath, [TSC, "-p", "tsconfig.bundler.json"], { cwd: project })).resolves.toBeDefined();
  });

  it("bundles a Worker with wrangler and runs it in workerd with no compatibility flags", async () => {
    const bundle = await bundleWorker(project);
    console.log(`pack-smoke: worker bundle ${bundle.bytes} B`);
    expectScenario(await runWorker(bundle));
  }, 120_000);

  it("bundles for the browser with esbuild and runs with web globals only (no process, Buffer or require)", async () => {
    const bundle = await bundleBrowser(project);
    console.log(`pack-smoke: browser bundle ${bundle.bytes} B (minified)`);
    expectScenario(await runBrowserBundleInWebContext(bundle.path));
  }, 60_000);

  it.skipIf(CHROMIUM === undefined)(`runs the browser bundle in headless Chromium${CHROMIUM ? "" : " (skipped: no chromium at /usr/bin)"}`, async () => {
    await bundleBrowser(project);
    expectScenario(await runInChromium(CHROMIUM!, join(project, "browser.html")));
  }, 90_000);
});
