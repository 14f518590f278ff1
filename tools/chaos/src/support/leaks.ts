import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { PHI_STRINGS_FILE, REPO_ROOT } from "./env.js";

/** A string that must not appear in any log line, error message or report file. */
export interface Needle {
  kind: "api_key" | "webhook_secret" | "phi" | "transcript";
  /** For PHI: the policy (person_name, date_of_birth, ...) and fixture; never the value itself. */
  label: string;
  value: string;
}

/** Where a needle was found. The finding never carries the needle's value (that would leak it again). */
export interface LeakFinding {
  kind: Needle["kind"];
  label: string;
  where: string;
  line: number;
}

interface PhiFile {
  fixtures: Record<string, { policy: string; text: string }[]>;
}

interface FixtureWords {
  slug: string;
  words: { text: string }[];
  pii: { first_word: number; last_word: number }[];
}

/**
 * Runs of `size` words of a fixture that hold no PII, joined as the sandbox joins them: transcript
 * text that may appear in a note (evidence quotes) but never in a log or report.
 */
export function transcriptSnippets(fixture: FixtureWords, count = 4, size = 8): string[] {
  const pii = new Set<number>();
  for (const span of fixture.pii) for (let i = span.first_word; i <= span.last_word; i++) pii.add(i);
  const out: string[] = [];
  const step = Math.max(size, Math.floor(fixture.words.length / (count + 1)));
  for (let start = step; start + size <= fixture.words.length && out.length < count; start += step) {
    let clean = true;
    for (let i = start; i < start + size; i++) if (pii.has(i)) clean = false;
    if (!clean) continue;
    const text = fixture.words.slice(start, start + size).map((w) => w.text).join(" ");
    if (text.length >= 30) out.push(text);
  }
  return out;
}

/** The run's secrets, every fixture PHI string, and transcript snippets of every fixture. */
export function loadNeedles(secrets: { apiKey: string; webhookSecret: string }): Needle[] {
  const needles: Needle[] = [
    { kind: "api_key", label: "the run's AssemblyAI API key", value: secrets.apiKey },
    { kind: "webhook_secret", label: "the run's webhook secret", value: secrets.webhookSecret },
  ];
  const phi = JSON.parse(readFileSync(PHI_STRINGS_FILE, "utf8")) as PhiFile;
  for (const [slug, items] of Object.entries(phi.fixtures)) {
    for (const item of items) needles.push({ kind: "phi", label: `${item.policy} of ${slug}`, value: item.text });
  }
  const fixturesDir = join(REPO_ROOT, "tools/sandbox/fixtures");
  for (const name of readdirSync(fixturesDir)) {
    if (!name.endsWith(".json") || name === "index.json" || name === "phi-strings.json") continue;
    const fixture = JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) as FixtureWords;
    for (const [i, text] of transcriptSnippets(fixture).entries()) {
      needles.push({ kind: "transcript", label: `transcript snippet ${i + 1} of ${fixture.slug}`, value: text });
    }
  }
  return needles;
}

/** Every needle found in `text` (case-sensitive), with its line number. */
export function scanText(text: string, needles: readonly Needle[], where: string): LeakFinding[] {
  const findings: LeakFinding[] = [];
  for (const needle of needles) {
    let at = text.indexOf(needle.value);
    while (at !== -1) {
      const line = text.slice(0, at).split("\n").length;
      findings.push({ kind: needle.kind, label: needle.label, where, line });
      at = text.indexOf(needle.value, at + needle.value.length);
    }
  }
  return findings;
}

/**
 * True for files a user asked for as output (notes), which may quote the (redacted) transcript:
 * note files inside a folder named `notes`. Reports beside them (failures.jsonl, the ledger, logs,
 * summaries) are scanned.
 */
export function isUserOutput(path: string): boolean {
  const parts = path.split(sep);
  if (!parts.slice(0, -1).includes("notes")) return false;
  const name = parts.at(-1) ?? "";
  return name.endsWith(".md") || name.endsWith(".json");
}

/** Scans every file under `dir` except user outputs ({@link isUserOutput}). */
export function scanDir(dir: string, needles: readonly Needle[]): { files: number; findings: LeakFinding[] } {
  const findings: LeakFinding[] = [];
  let files = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !isUserOutput(relative(dir, path))) {
        if (statSync(path).size > 256 * 1024 * 1024) continue;
        files += 1;
        findings.push(...scanText(readFileSync(path, "utf8"), needles, relative(dir, path)));
      }
    }
  };
  walk(dir);
  return { files, findings };
}

/** One line per finding, for an assertion message (kinds and places, never values). */
export function describeFindings(findings: readonly LeakFinding[]): string {
  return findings.map((f) => `${f.kind} (${f.label}) in ${f.where}:${f.line}`).join("\n");
}
