import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCli, SAMPLES, seeded } from "./support/cli.js";
import { readJsonl, readNotes, sampleIds } from "./support/outputs.js";
import { startSandbox } from "./support/sandbox.js";
import type { ServedSandbox } from "@org/soap-sandbox/node";

const SEED = 20261125;

let dir: string;
let sb: { served: ServedSandbox; env: Record<string, string> };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-crash-"));
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.served.close();
  await rm(dir, { recursive: true, force: true });
});

describe("batch crash safety", () => {
  it("survives SIGKILL at seeded points: resumes, never creates a transcript twice, ends with every note complete and valid", { timeout: 60_000 }, async () => {
    const ids = await sampleIds(SAMPLES);
    const out = join(dir, "out");
    const args = ["batch", "samples/manifest.csv", "--out", out, "--json", "--concurrency", "3"];
    const { sandbox } = sb.served;
    const runs: CliRun[] = [];

    // A reference run, never interrupted: the resumed notes must say the same.
    const reference = join(dir, "reference");
    expect((await runCli(["batch", "samples/manifest.csv", "--out", reference, "--quiet"], { env: sb.env })).code).toBe(0);
    const expected = await readNotes(reference);
    const baseline = sandbox.counters.transcriptsCreated;
    const slugsBefore = new Set([...sandbox.state.transcripts.keys()]);

    // 1. The worst window: AssemblyAI accepted the create but the CLI dies before hearing the id.
    sandbox.faults.add({ route: "create", kind: "hang", after: true, times: 1 });
    let child: ChildProcess | undefined;
    const poll = setInterval(() => {
      if (sandbox.counters.transcriptsCreated > baseline) child?.kill("SIGKILL");
    }, 5);
    // One visit at a time, so the first create is the one whose answer hangs.
    runs.push(await runCli([...args.slice(0, -1), "1"], { env: sb.env, onSpawn: (c) => (child = c) }));
    clearInterval(poll);
    expect(runs[0]?.signal).toBe("SIGKILL");
    const ledger = await readJsonl(join(out, ".soap-notes-ledger.jsonl"));
    expect(ledger.some((e) => e["stage"] === "creating")).toBe(true);

    // 2. Kills after the k-th progress event, k seeded: at upload, create, wait, generate or write.
    const random = seeded(SEED);
    for (let round = 0; round < 4; round++) {
      const k = 1 + Math.floor(random() * 6);
      let seen = 0;
      runs.push(
        await runCli(args, {
          env: sb.env,
          onStderrLine: (line, c) => {
            if (line.startsWith("{") && ++seen === k) c.kill("SIGKILL");
          },
        }),
      );
    }
    const kills = runs.filter((r) => r.signal === "SIGKILL").length;
    // A kill can land after the last event of a run; most rounds must really have been cut short.
    expect(kills).toBeGreaterThanOrEqual(3);

    // 3. The same command, left alone, finishes the batch.
    const last = await runCli(args, { env: sb.env });
    expect(last.code, last.stderr).toBe(0);
    const summary = JSON.parse(last.stdout) as { done: number; skipped: number; failed: number };
    expect(summary.failed).toBe(0);
    expect(summary.done + summary.skipped).toBe(ids.length);

    // No transcript was created twice: one per visit, one per sample recording.
    expect(sandbox.counters.transcriptsCreated - baseline).toBe(ids.length);
    const perFixture = new Map<string, number>();
    for (const [id, t] of sandbox.state.transcripts) {
      if (!slugsBefore.has(id)) perFixture.set(t.fixture?.slug ?? "?", (perFixture.get(t.fixture?.slug ?? "?") ?? 0) + 1);
    }
    expect([...perFixture.keys()].sort()).toEqual([...ids].sort());
    expect([...perFixture.values()].every((n) => n === 1)).toBe(true);

    // Every note is complete and valid, in every format; no half-written file is left.
    const notes = await readNotes(out);
    expect([...notes.keys()].sort()).toEqual([...ids].sort());
    for (const [id, note] of notes) {
      for (const s of ["subjective", "objective", "assessment", "plan"] as const) {
        expect(note.sections[s].statements.map((x) => x.text), `${id} ${s}`).toEqual(expected.get(id)?.sections[s].statements.map((x) => x.text));
      }
      const md = await readFile(join(out, `${id}.md`), "utf8");
      expect(md).toMatch(/^## Plan/m);
      expect(md).toMatch(/^## Provenance/m);
    }
    expect((await readdir(out)).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("stops cleanly on Ctrl-C with exit code 130 and says how to resume", { timeout: 30_000 }, async () => {
    const out = join(dir, "sigint");
    let sent = false;
    const r = await runCli(["batch", "samples/manifest.csv", "--out", out, "--concurrency", "2"], {
      env: sb.env,
      onStderrLine: (line, c) => {
        if (!sent && /^done /.test(line)) {
          sent = true;
          c.kill("SIGINT");
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Interrupted\. Progress is saved in .*\.soap-notes-ledger\.jsonl; to resume, run the same command again:\n {2}soap-notes batch samples\/manifest\.csv --out /);
    const resumed = await runCli(["batch", "samples/manifest.csv", "--out", out, "--json"], { env: sb.env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { skipped: number }).skipped).toBeGreaterThanOrEqual(1);
  });
});
