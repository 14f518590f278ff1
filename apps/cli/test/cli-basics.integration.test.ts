import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { runMain } from "./support/in-process.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-cli-basics-"));
  await writeFile(
    join(dir, "soap.config.json"),
    JSON.stringify({
      experiments: [{ name: "mode-test", salt: "s1", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: 1 }, { template: "soap-sectioned@1", weight: 1 }] }],
    }),
  );
  await writeFile(join(dir, "bad.config.json"), JSON.stringify({ experiments: [{ name: "x", salt: "s", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: -2 }] }] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("soap-notes basics", () => {
  it("prints its version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("lists every command in --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["note", "batch", "regenerate", "prompts", "experiment", "transcripts", "sandbox"]) expect(r.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 some visits failed, 2 usage\/config\/input\/file error \(nothing was sent\),\n3 AssemblyAI refused the key, 4 cannot reach AssemblyAI/);
  });

  it.each([["note"], ["batch"], ["regenerate"], ["prompts", "show"], ["experiment", "assign"], ["transcripts", "get"], ["sandbox"]])("shows examples in `%s --help`", async (...cmd) => {
    const r = await runMain([...cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples?:\n\s+\$ soap-notes /);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await runCli(["frobnicate"])).code).toBe(2);
    const r = await runMain(["note", "--colour"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--colour'/);
  });
});

describe("soap-notes prompts", () => {
  it("lists the templates with their hashes", async () => {
    const r = await runMain(["prompts", "list", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { ref: string; hash: string; mode: string }[];
    expect(rows.map((t) => t.ref.split("@")[0])).toEqual(expect.arrayContaining(["soap-complete", "soap-sectioned", "soap-structured"]));
    for (const t of rows) expect(t.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("shows a template with the transcript placeholder between transcript tags", async () => {
    const r = await runMain(["prompts", "show", "soap-complete@1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("<transcript>\n{{ transcript }}\n</transcript>");
  });

  it("diffs two templates line by line", async () => {
    const r = await runMain(["prompts", "diff", "soap-complete@1", "soap-sectioned@1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- soap-complete@.*\n\+\+\+ soap-sectioned@/);
    expect(r.stdout).toMatch(/\n-/);
    expect(r.stdout).toMatch(/\n\+/);
  });

  it("names the templates that exist when asked for an unknown one", async () => {
    const r = await runMain(["prompts", "show", "soap-nope@9"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^soap-notes: unknown template "soap-nope@9": .*soap-complete@/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("soap-notes experiment assign", () => {
  it("gives a key the same variant every time, and reports the experiment", async () => {
    const a = await runMain(["experiment", "assign", "visit-01", "--json"], { cwd: dir });
    const b = await runMain(["experiment", "assign", "visit-01", "--json"], { cwd: dir });
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout) as { template: string; experiment: string; variant: string };
    expect(out.experiment).toBe("mode-test");
    expect(["soap-complete@1", "soap-sectioned@1"]).toContain(out.variant);
    expect(b.stdout).toBe(a.stdout);
  });

  it("spreads keys over both variants", async () => {
    const variants = new Set<string>();
    for (const key of ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"]) {
      const r = await runMain(["experiment", "assign", key, "--json"], { cwd: dir });
      variants.add((JSON.parse(r.stdout) as { variant: string }).variant);
    }
    expect(variants.size).toBe(2);
  });

  it("uses the default template without a config", async () => {
    const r = await runMain(["experiment", "assign", "k1"], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^k1 -> soap-structured@.* \(no experiment applies/);
  });

  it("names the bad config field with exit code 2", async () => {
    const r = await runMain(["experiment", "assign", "k1", "--config", "bad.config.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.config\.json: .*experiments\[0\]\.variants\[0\]\.weight/);
  });
});
