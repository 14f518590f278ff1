import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SoapNote } from "@org/soap-core/engine";
import { toMarkdown } from "@org/soap-core/export";

/** The CLI's ledger file name (apps/cli/src/commands/batch/ledger.ts), checked here independently. */
export const LEDGER_FILE = ".soap-notes-ledger.jsonl";
const FAILURES_FILE = "failures.jsonl";
/** The summary every finished batch writes (apps/cli/src/commands/batch/summary-file.ts). */
const SUMMARY_FILE = "_summary.json";
const STAGES = new Set(["uploaded", "creating", "transcript_created", "note_written", "deleted", "failed"]);

/** What an out folder holds after a batch, and what is wrong with it (ids and file names only, never content). */
export interface OutCheck {
  problems: string[];
  notes: number;
  /** Transcript id per visit, from the ledger's `transcript_created` lines. */
  transcriptOf: Map<string, string>;
  ledgerLines: number;
  /** Visits whose create was sent more than once (`creating` lines): lost before reaching the API. */
  recreates: number;
  /**
   * Visits whose create answer was lost to a kill and whose transcript the next run found by
   * lookup: last `creating` line before a kill, `transcript_created` after it, no new `creating`.
   */
  lostCreatesFound: number;
}

interface LedgerLine {
  v?: unknown;
  visit?: unknown;
  stage?: unknown;
  transcript_id?: unknown;
}

function checkLedger(text: string, ids: ReadonlySet<string>, problems: string[]): { lines: LedgerLine[] } {
  if (text !== "" && !text.endsWith("\n")) problems.push("ledger: the last line is torn (no newline)");
  const lines: LedgerLine[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    if (raw.trim() === "") continue;
    let line: LedgerLine;
    try {
      line = JSON.parse(raw) as LedgerLine;
    } catch {
      problems.push(`ledger line ${i + 1}: not JSON`);
      continue;
    }
    if (line.v !== 1 || typeof line.visit !== "string" || typeof line.stage !== "string" || !STAGES.has(line.stage)) {
      problems.push(`ledger line ${i + 1}: not a ledger entry (v/visit/stage)`);
      continue;
    }
    if (!ids.has(line.visit)) problems.push(`ledger line ${i + 1}: unknown visit ${line.visit}`);
    lines.push(line);
  }
  return { lines };
}

/**
 * Checks a finished batch's out folder: exactly one `<id>.json` (valid SoapNote) and `<id>.md` per
 * visit, nothing else but the ledger, the summary and an empty failures.jsonl (no temp file, no lock), and a
 * ledger of whole lines where every visit has one note_written, at most one transcript id, and the
 * note's provenance names that same transcript.
 */
export function checkOutFolder(outDir: string, visitIds: readonly string[], killBoundaries: readonly number[] = []): OutCheck {
  const problems: string[] = [];
  const ids = new Set(visitIds);
  const expected = new Set([LEDGER_FILE, FAILURES_FILE, SUMMARY_FILE, ...visitIds.flatMap((id) => [`${id}.json`, `${id}.md`])]);
  const names = readdirSync(outDir);
  for (const name of names) if (!expected.has(name)) problems.push(`unexpected file left in the out folder: ${name}`);
  for (const name of expected) if (!names.includes(name)) problems.push(`missing: ${name}`);

  const failures = names.includes(FAILURES_FILE) ? readFileSync(join(outDir, FAILURES_FILE), "utf8") : "";
  if (failures.trim() !== "") problems.push(`failures.jsonl lists ${failures.trim().split("\n").length} failed visit(s)`);

  const ledgerText = names.includes(LEDGER_FILE) ? readFileSync(join(outDir, LEDGER_FILE), "utf8") : "";
  const { lines } = checkLedger(ledgerText, ids, problems);
  const transcriptOf = new Map<string, string>();
  const written = new Map<string, number>();
  const creating = new Map<string, number>();
  const lastCreatingAt = new Map<string, number>();
  let lostCreatesFound = 0;
  for (const [index, line] of lines.entries()) {
    const visit = line.visit as string;
    if (line.stage === "note_written") written.set(visit, (written.get(visit) ?? 0) + 1);
    if (line.stage === "creating") {
      creating.set(visit, (creating.get(visit) ?? 0) + 1);
      lastCreatingAt.set(visit, index);
    }
    const sent = lastCreatingAt.get(visit);
    if (line.stage === "transcript_created" && sent !== undefined && killBoundaries.some((b) => sent < b && b <= index)) lostCreatesFound++;
    if (line.stage === "transcript_created") {
      if (typeof line.transcript_id !== "string") problems.push(`ledger: transcript_created of ${visit} has no transcript_id`);
      else {
        const before = transcriptOf.get(visit);
        if (before !== undefined && before !== line.transcript_id) problems.push(`ledger: ${visit} got a second transcript (${before}, then ${line.transcript_id})`);
        else transcriptOf.set(visit, line.transcript_id);
      }
    }
  }
  const owners = new Map<string, string>();
  for (const [visit, t] of transcriptOf) {
    const other = owners.get(t);
    if (other !== undefined) problems.push(`ledger: transcript ${t} recorded for both ${other} and ${visit}`);
    owners.set(t, visit);
  }

  let notes = 0;
  for (const id of visitIds) {
    if ((written.get(id) ?? 0) !== 1) problems.push(`ledger: ${id} has ${written.get(id) ?? 0} note_written lines, expected 1`);
    if (!transcriptOf.has(id)) problems.push(`ledger: ${id} has no transcript_created line`);
    if (!names.includes(`${id}.json`)) continue;
    let parsed: ReturnType<typeof SoapNote.safeParse>;
    try {
      parsed = SoapNote.safeParse(JSON.parse(readFileSync(join(outDir, `${id}.json`), "utf8")));
    } catch {
      problems.push(`${id}.json is not JSON`);
      continue;
    }
    if (!parsed.success) {
      problems.push(`${id}.json is not a valid SoapNote (${parsed.error.issues.length} issue(s) at ${parsed.error.issues.map((i) => i.path.join(".")).slice(0, 3).join(", ")})`);
      continue;
    }
    if (parsed.data.provenance.transcript_id !== transcriptOf.get(id)) problems.push(`${id}.json names transcript ${parsed.data.provenance.transcript_id ?? "none"}, the ledger ${transcriptOf.get(id) ?? "none"}`);
    const md = names.includes(`${id}.md`) ? readFileSync(join(outDir, `${id}.md`), "utf8") : "";
    // The CLI renders the .md from the same note: it must be exactly core's Markdown of the .json.
    if (md !== toMarkdown(parsed.data)) problems.push(`${id}.md is not the Markdown of ${id}.json`);
    else notes++;
  }
  const recreates = [...creating.values()].filter((n) => n > 1).length;
  return { problems, notes, transcriptOf, ledgerLines: lines.length, recreates, lostCreatesFound };
}
