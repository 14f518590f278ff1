/**
 * A consumer's view of the packages: `npm pack` them from the workspace, then install the tarballs
 * into a new project outside the repository, the way a team gets them from a registry.
 */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "./run-command.js";

/** The workspaces published to teams (apps/cli, apps/edge-api and tools/* are private). */
export const PUBLISHED = ["@org/soap-prompts", "@org/soap-core"] as const;

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../fixture/", import.meta.url));

/** One packed tarball, as `npm pack --json` describes it. */
export interface PackedPackage {
  name: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/** Packs the published workspaces into `dest` and returns what each tarball holds. */
export async function packPublished(dest: string): Promise<PackedPackage[]> {
  const args = ["pack", "--json", "--pack-destination", dest, ...PUBLISHED.flatMap((name) => ["-w", name])];
  const { stdout } = await runCommand("npm", args, { cwd: REPO_ROOT });
  const packed = JSON.parse(stdout) as PackedPackage[];
  if (packed.length !== PUBLISHED.length) throw new Error(`npm pack made ${packed.length} tarballs, expected ${PUBLISHED.length}`);
  return packed;
}

/**
 * Makes a project in `dir` with the fixture consumers and installs the tarballs into it. zod and
 * @types/fhir come from npm's cache when `npm ci` already put them there (--prefer-offline).
 */
export async function createScratchProject(dir: string, tarballs: readonly string[]): Promise<void> {
  await cp(FIXTURE, dir, { recursive: true });
  await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "pack-smoke-consumer", private: true, type: "module" }, null, 2)}\n`);
  await runCommand("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", ...tarballs], { cwd: dir, timeoutMs: 180_000 });
}
