import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, SAMPLES } from "./support/cli.js";
import { runMain } from "./support/in-process.js";
import { readNotes, sampleIds } from "./support/outputs.js";

let dir: string;
const at = (...parts: string[]) => join(dir, ...parts);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-out-ids-"));
  await writeFile(at("in-the-way"), "a file, not a folder\n");
  await symlink(at("loop-b"), at("loop-a"));
  await symlink(at("loop-a"), at("loop-b"));
  await mkdir(at("locked-out", ".soap-notes.lock"), { recursive: true });
  const audio = `${SAMPLES}/visits/visit-01-finger-injury.mp3`;
  await writeFile(at("case.csv"), `id,audio\nV1,${audio}\nv2,${audio}\nv1,${audio}\n`);
  await writeFile(at("case.jsonl"), `{"id":"Knee","audio":"${audio}"}\n{"id":"KNEE","audio":"${audio}"}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The one error line of a run that must stop before anything starts. */
function errorLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.startsWith("soap-notes: ") && !/in-process sandbox/.test(l));
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe("batch --out that cannot be created or written: exit 2 before any work, with the path, the problem and the fix", () => {
  it.each([
    ["/proc (a virtual file system; Node's recursive mkdir spun at 100 % CPU there)", () => "/proc/soap-notes-out", /^soap-notes: --out: cannot create \/proc\/soap-notes-out: \/proc does not take new folders \(a virtual file system such as \/proc or \/sys\); choose a folder on a disk; nothing was sent$/],
    ["/sys", () => "/sys/soap-notes-out", /^soap-notes: --out: cannot create the folder \/sys\/soap-notes-out: permission denied \(E(PERM|ACCES)\); choose a folder you can write to; nothing was sent$/],
    ["a file where the folder should be", () => at("in-the-way"), /^soap-notes: --out: cannot use .*in-the-way as the output folder: .*in-the-way is a file, not a folder; move the file or choose another --out; nothing was sent$/],
    ["a file on the way to it", () => at("in-the-way", "notes"), /in-the-way is a file, not a folder, so .*in-the-way\/notes cannot be created under it; move the file/],
    ["a symbolic link loop", () => at("loop-a", "notes"), /^soap-notes: --out: cannot use .*loop-a\/notes: too many symbolic links \(ELOOP\): .*fix or remove the link; nothing was sent$/],
    ["a name too long", () => at("n".repeat(300)), /^soap-notes: --out: cannot use .*: the path is too long \(ENAMETOOLONG\); choose a shorter name or folder; nothing was sent$/],
    ["a lock file that is a folder", () => at("locked-out"), /^soap-notes: cannot read the lock file .*locked-out\/\.soap-notes\.lock: it is a folder, not a lock file; remove it and run again; nothing was sent$/],
  ])("%s", { timeout: 20_000 }, async (_label, out, message) => {
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out()], { timeoutMs: 15_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(errorLine(r.stderr)).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it.skipIf(process.getuid?.() === 0)("a folder without write permission (root may write anywhere)", async () => {
    await mkdir(at("ro"), { mode: 0o500 });
    const r = await runCli(["batch", "samples/manifest.csv", "--out", at("ro", "notes")]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/cannot create the folder .*ro\/notes: permission denied \(EACCES\)/);
  });
});

describe("ids are compared without case (one file on macOS and Windows)", () => {
  it("refuses V1 and v1 in a CSV manifest, naming both lines; nothing is written", async () => {
    const out = at("ids-out");
    const r = await runCli(["batch", at("case.csv"), "--out", out]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      'soap-notes: manifest line 4: id "v1" differs from id "V1" on line 2 only by case; ids name output files, and macOS and Windows would write both to one file: rename one',
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses Knee and KNEE in a JSONL manifest", async () => {
    const r = await runMain(["batch", at("case.jsonl"), "--out", at("ids-out-2")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest line 2: id "KNEE" differs from id "Knee" on line 1 only by case/);
  });
});

describe("experiment assign resolves exactly as batch does", () => {
  const configs = {
    byVisit: { experiments: [{ name: "ab", salt: "s1", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: 1 }, { template: "soap-sectioned@1", weight: 1 }] }] },
    byPatient: { experiments: [{ name: "by-patient", salt: "s1", assignBy: "patient_id", variants: [{ template: "soap-complete@1", weight: 1 }, { template: "soap-sectioned@1", weight: 1 }] }] },
  };
  beforeAll(async () => {
    for (const [name, config] of Object.entries(configs)) await writeFile(at(`${name}.json`), JSON.stringify(config));
  });

  async function assigned(id: string, config: string, env: Record<string, string> = {}): Promise<{ template: string; experiment: string | null; variant: string | null }> {
    const r = await runMain(["experiment", "assign", id, "--config", at(config), "--json"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const { template, experiment, variant } = JSON.parse(r.stdout) as { template: string; experiment: string | null; variant: string | null };
    return { template, experiment, variant };
  }

  it.each([
    ["an experiment by visit id", "byVisit.json", {}],
    ["an experiment by patient id (a batch has none: the config's default)", "byPatient.json", {}],
    ["SOAP_NOTES_TEMPLATE over the experiment", "byVisit.json", { SOAP_NOTES_TEMPLATE: "soap-sectioned@1" }],
  ])("%s: every sample visit's note carries the template assign names", { timeout: 60_000 }, async (_label, config, env) => {
    const out = at(`agree-${config}-${Object.keys(env).length}`);
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out, "--config", at(config), "--format", "json", "--quiet"], { env });
    expect(r.code, r.stderr).toBe(0);
    const notes = await readNotes(out);
    const ids = await sampleIds(SAMPLES);
    expect([...notes.keys()].sort()).toEqual([...ids].sort());
    const variants = new Set<string>();
    for (const id of ids) {
      const a = await assigned(id, config, env);
      const p = notes.get(id)?.provenance;
      expect({ template: p?.template.ref, experiment: p?.experiment ?? null, variant: p?.variant ?? null }, id).toEqual(a);
      variants.add(a.template);
    }
    if (config === "byVisit.json" && Object.keys(env).length === 0) expect(variants.size, "both arms are exercised").toBe(2);
  });

  it("says why an experiment by patient id does not apply to note and batch", async () => {
    const r = await runMain(["experiment", "assign", "visit-01", "--config", at("byPatient.json")], { cwd: dir });
    expect(r.stdout).toMatch(/^visit-01 -> soap-structured@[^ ]+ \(no experiment applies: experiment by-patient assigns by patient_id, which note and batch do not know, so they use the config's default template\)$/m);
  });
});
