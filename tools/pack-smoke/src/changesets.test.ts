/**
 * The release notes of the next version: `changeset status` accepts every changeset (none mixes the
 * ignored sandbox with released packages), and `changeset version`, run on a copy of the workspace's
 * manifests and changesets, writes a CHANGELOG for each published package and keeps core's range on
 * prompts in step with prompts' new version.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "./run-command.js";
import { PUBLISHED, REPO_ROOT } from "./scratch-project.js";

const CHANGESET = join(REPO_ROOT, "node_modules/@changesets/cli/bin.js");

interface ReleasePlan {
  releases: { name: string; type: string; oldVersion: string; newVersion: string }[];
  changesets: { id: string; releases: { name: string }[] }[];
}

let work: string;
let plan: ReleasePlan;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "changesets-"));
  await runCommand(process.execPath, [CHANGESET, "status", "--output", join(work, "status.json")], { cwd: REPO_ROOT });
  plan = JSON.parse(await readFile(join(work, "status.json"), "utf8")) as ReleasePlan;
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Copies the root manifest, the changesets and every workspace's package.json (all changesets reads). */
async function copyManifests(dest: string): Promise<void> {
  await cp(join(REPO_ROOT, "package.json"), join(dest, "package.json"));
  await cp(join(REPO_ROOT, ".changeset"), join(dest, ".changeset"), { recursive: true });
  for (const group of ["packages", "apps", "tools"]) {
    for (const entry of await readdir(join(REPO_ROOT, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      await mkdir(join(dest, group, entry.name), { recursive: true });
      await cp(join(REPO_ROOT, group, entry.name, "package.json"), join(dest, group, entry.name, "package.json"));
    }
  }
  await symlink(join(REPO_ROOT, "node_modules"), join(dest, "node_modules"), "dir");
}

describe("the next release (changesets)", () => {
  it("plans a release of both published packages and never of the ignored sandbox", () => {
    const names = plan.releases.map((r) => r.name);
    for (const name of PUBLISHED) expect(names, name).toContain(name);
    expect(names).not.toContain("@org/soap-sandbox");
    expect(plan.changesets.length).toBeGreaterThan(0);
  });

  it("writes each published package's CHANGELOG under its new version, and bumps core's range on prompts", async () => {
    const copy = join(work, "copy");
    await copyManifests(copy);
    await runCommand(process.execPath, [CHANGESET, "version"], { cwd: copy });
    for (const [name, dir] of [["@org/soap-core", "packages/core"], ["@org/soap-prompts", "packages/prompts"]] as const) {
      const release = plan.releases.find((r) => r.name === name)!;
      const changelog = await readFile(join(copy, dir, "CHANGELOG.md"), "utf8");
      expect(changelog.startsWith(`# ${name}\n\n## ${release.newVersion}\n`), name).toBe(true);
      const pkg = JSON.parse(await readFile(join(copy, dir, "package.json"), "utf8")) as { version: string };
      expect(pkg.version).toBe(release.newVersion);
    }
    const prompts = plan.releases.find((r) => r.name === "@org/soap-prompts")!;
    const core = JSON.parse(await readFile(join(copy, "packages/core/package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(core.dependencies["@org/soap-prompts"]).toBe(`^${prompts.newVersion}`);
  });
});
