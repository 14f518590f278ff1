/**
 * Runs one fault-matrix cell through the built CLI against its own served sandbox, and checks
 * everything the cell promises: exit code, notes or their absence, failures.jsonl, stderr, no temp
 * files, transcripts created, deletions; then, for a failure, the rerun with the fault removed.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import type { ServedSandbox } from "@org/soap-sandbox/node";
import type { ExpectStatic } from "vitest";
import { runCli, type CliResult } from "../support/cli.js";
import { workDir } from "../support/env.js";
import { cliTarget, startSandbox } from "../support/sandbox.js";
import { baseline, beyond, warningKeys, type WarningKey } from "./baseline.js";
import type { Cell, Fail, Survive } from "./matrix.js";

/** A sample visit: its id and audio file. */
export interface SampleVisit {
  id: string;
  audio: string;
}

/** Warning codes only a fault should cause: a clean visit's note must not carry them. */
const FAULT_WARNINGS = ["unsupported_quote", "missing_section", "empty_section", "repair_retry", "roles_unavailable", "section_failed"];

/** One row of failures.jsonl. */
interface FailureRow {
  id: string;
  stage: string;
  name: string;
  message: string;
  permanent: boolean;
  transcript_id?: string;
}

function readFailures(out: string): FailureRow[] {
  const path = join(out, "failures.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as FailureRow);
}

/** Files in the out folder whose name marks an unfinished atomic write. */
function tempFiles(out: string): string[] {
  return existsSync(out) ? readdirSync(out).filter((n) => n.includes(".tmp-")) : [];
}

/** Checks a visit's note: the canonical JSON parses with core's schema, the Markdown is there. Returns its warnings. */
function checkNote(expect: ExpectStatic, out: string, id: string, where: string): WarningKey[] {
  const jsonPath = join(out, `${id}.json`);
  const mdPath = join(out, `${id}.md`);
  expect(existsSync(jsonPath), `${where}: ${id}.json written`).toBe(true);
  expect(existsSync(mdPath), `${where}: ${id}.md written`).toBe(true);
  const parsed = SoapNote.safeParse(JSON.parse(readFileSync(jsonPath, "utf8")));
  expect(parsed.success, `${where}: ${id}.json fits the SoapNote schema`).toBe(true);
  expect(readFileSync(mdPath, "utf8"), `${where}: ${id}.md has the sections`).toMatch(/Subjective[\s\S]*Objective[\s\S]*Assessment[\s\S]*Plan/);
  return parsed.success ? warningKeys(parsed.data) : [];
}

function noteExists(out: string, id: string): boolean {
  return existsSync(join(out, `${id}.json`)) || existsSync(join(out, `${id}.md`));
}

/** Every transcript the sandbox holds was deleted (`--delete-after` did its job). */
function allDeleted(served: ServedSandbox): boolean {
  return [...served.sandbox.state.transcripts.values()].every((t) => t.deleted);
}

const codeOf = (k: WarningKey): string => k.split("|")[0] ?? "";

function checkSurvived(expect: ExpectStatic, cell: Cell, want: Survive, r: CliResult, out: string, visits: readonly SampleVisit[], served: ServedSandbox, clean: Map<string, WarningKey[]>): void {
  const w = `${cell.id} (first run)`;
  expect(r.code, `${w}: exit code`).toBe(0);
  const extra = visits.map((v) => {
    const keys = checkNote(expect, out, v.id, w);
    return { keys, extra: beyond(keys, clean.get(v.id) ?? []) };
  });
  const ww = want.warning;
  if (ww) {
    const key: WarningKey = `${ww.code}|${ww.section ?? ""}`;
    const carrying = extra.filter((n) => (ww.presence ? n.keys.includes(key) : n.extra.some((k) => codeOf(k) === ww.code))).length;
    expect(carrying, `${w}: notes with a ${ww.code} warning${ww.presence ? ` on ${ww.section}` : " beyond the clean run's"}`).toBe(ww.notes);
  }
  for (const n of extra) {
    const unexpected = n.extra.filter((k) => FAULT_WARNINGS.includes(codeOf(k)) && codeOf(k) !== ww?.code);
    expect(unexpected, `${w}: no fault warnings beyond the clean run's other than the expected one`).toEqual([]);
  }
  const rows = readFailures(out);
  if (want.deleteFailures) {
    expect(rows.map((f) => [f.stage, f.name]), `${w}: failures.jsonl rows`).toEqual(Array.from({ length: want.deleteFailures.count }, () => ["delete", want.deleteFailures?.name]));
    expect(r.stderr, `${w}: stderr warns about the deletion`).toMatch(/the note is written but deleting transcript \S+ failed/);
  } else {
    expect(rows, `${w}: failures.jsonl is empty`).toEqual([]);
    expect(allDeleted(served), `${w}: --delete-after deleted every transcript`).toBe(true);
  }
}

function checkFailed(expect: ExpectStatic, cell: Cell, want: Fail, r: CliResult, out: string, visits: readonly SampleVisit[], run: string): void {
  const w = `${cell.id} (${run})`;
  expect(r.code, `${w}: exit code`).toBe(1);
  const rows = readFailures(out);
  expect(rows.length, `${w}: failures.jsonl rows`).toBe(want.failed);
  for (const row of rows) {
    expect({ stage: row.stage, name: row.name, permanent: row.permanent }, `${w}: failures.jsonl row`).toEqual({ stage: want.stage, name: want.name, permanent: want.permanent });
    expect(row.message, `${w}: failures.jsonl message`).toMatch(want.message);
    expect(noteExists(out, row.id), `${w}: no note for failed ${row.id}`).toBe(false);
    expect(r.stderr, `${w}: stderr names the failure of ${row.id}`).toContain(`failed ${row.id}: ${want.name}: `);
  }
  const failedIds = new Set(rows.map((f) => f.id));
  for (const v of visits) if (!failedIds.has(v.id)) checkNote(expect, out, v.id, w);
  expect(r.stderr, `${w}: summary line`).toContain(`soap-notes: ${want.failed} of ${visits.length} visits failed (see failures.jsonl in the output folder)`);
}

/** What a cell ended as, for the tallies. */
export type CellResult = "survived" | "failedCleanly";

/** Runs `cell` on `visits` and checks it (throws on the first broken promise). */
export async function runCell(expect: ExpectStatic, cell: Cell, visits: readonly SampleVisit[]): Promise<CellResult> {
  const served = await startSandbox({ queuedMs: 5, processingMs: 20, webhookRetryIntervalMs: 10 });
  try {
    for (const f of cell.faults) served.sandbox.faults.add(f);
    const dir = workDir(`cli-faults/${cell.id}`);
    const out = join(dir, "notes");
    const manifest = join(dir, "manifest.csv");
    writeFileSync(manifest, `id,audio\n${visits.map((v) => `${v.id},${v.audio}`).join("\n")}\n`);
    const generation = cell.template !== undefined ? ["--template", cell.template] : [];
    const clean = await baseline(visits, generation);
    const args = ["batch", manifest, "--out", out, "--verbose", "--identify-roles", "--delete-after", "--concurrency", String(visits.length), ...cliTarget(served), ...generation];
    if (cell.timeoutSeconds !== undefined) {
      // The same short wait for every kind of request: uploads' idle timeout, and chats without the per-token allowance.
      args.push("--timeout", String(cell.timeoutSeconds), "--upload-idle-timeout", String(cell.timeoutSeconds), "--chat-timeout-per-token", "0");
    }
    const logName = `cli-faults/${cell.id}`;
    const counters = served.sandbox.counters;

    const first = await runCli(args, { logName });
    expect(tempFiles(out), `${cell.id}: no temp files left`).toEqual([]);
    expect(counters.transcriptsCreated, `${cell.id}: transcripts created by the first run`).toBe(cell.createdFirstRun);

    const want = cell.expect;
    if (want.kind === "survive") {
      checkSurvived(expect, cell, want, first, out, visits, served, clean);
      if (!want.deleteFailures) return "survived";
    } else {
      checkFailed(expect, cell, want, first, out, visits, "first run");
    }

    // The same command again, fault removed: nothing lost, no second transcript.
    served.sandbox.faults.clear();
    const second = await runCli(args, { logName });
    expect(tempFiles(out), `${cell.id}: no temp files after the rerun`).toEqual([]);
    if (want.kind === "fail" && want.rerun === "stays_failed") {
      checkFailed(expect, cell, want, second, out, visits, "rerun");
      expect(counters.transcriptsCreated, `${cell.id}: the rerun created no transcript`).toBe(cell.createdFirstRun);
      return "failedCleanly";
    }
    expect(second.code, `${cell.id} (rerun): exit code`).toBe(0);
    for (const v of visits) checkNote(expect, out, v.id, `${cell.id} (rerun)`);
    expect(readFailures(out), `${cell.id} (rerun): failures.jsonl is empty`).toEqual([]);
    expect(counters.transcriptsCreated, `${cell.id} (rerun): exactly one transcript per visit`).toBe(visits.length);
    expect(allDeleted(served), `${cell.id} (rerun): --delete-after deleted every transcript`).toBe(true);
    return want.kind === "survive" ? "survived" : "failedCleanly";
  } finally {
    await served.close();
  }
}

/** The sample visits listed in samples/manifest.csv (id, absolute audio path). */
export function sampleVisits(repoRoot: string): SampleVisit[] {
  const lines = readFileSync(join(repoRoot, "samples/manifest.csv"), "utf8").split("\n").slice(1);
  return lines
    .map((l) => l.split(","))
    .filter((c): c is [string, string, ...string[]] => c.length >= 2 && c[0] !== "" && (c[1] ?? "") !== "")
    .map(([id, audio]) => ({ id, audio: join(repoRoot, "samples", audio) }));
}
