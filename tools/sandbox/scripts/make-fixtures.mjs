#!/usr/bin/env node
// make-fixtures.mjs: builds the sandbox's sample visits from ACI-BENCH dialogues.
//
// Usage (from anywhere):   node tools/sandbox/scripts/make-fixtures.mjs [--data <valid_full.json>]
// Needs:                   Node 20+, espeak-ng and ffmpeg on PATH
//                          (Debian/Ubuntu: sudo apt-get install espeak-ng ffmpeg).
// Dependencies:            node built-ins only.
//
// The generated files are committed; run this only to regenerate them. It reads
// ../shared/data/aci-bench/valid_full.json beside the repo root (or --data), and for each visit in
// lib/visits.mjs:
//   1. cleans the dialogue into AssemblyAI-style words (punctuation attached, "do n't" -> "don't"),
//      keeping the [doctor]/[patient] tags as they are (some are swapped on purpose in the data),
//      swaps the names the dialogue already has for fictional ones and inserts a few lines with
//      fictional PII (names, date of birth, phone number, clinic, occupation);
//   2. synthesises every clause (words up to a , . ? ! ; :) with espeak-ng, one voice per speaker
//      tag, at 165 words per minute;
//   3. lays the clauses on one timeline, back to back inside a turn (espeak-ng's own pauses
//      separate them) with an extra 300 ms between turns, and times each word;
//   4. encodes the whole visit with ffmpeg to MP3 (mono, 16 kHz, 24 kbit/s, bit-exact flags);
//   5. writes tools/sandbox/fixtures/<slug>.json (format: docs/ARCHITECTURE.md "Sandbox fixtures",
//      plus `reference_note`, the ACI reference note with the same fictional names),
//      samples/visits/<slug>.mp3 and samples/transcripts/<slug>.txt; then
//      tools/sandbox/fixtures/index.json, tools/sandbox/fixtures/phi-strings.json and
//      samples/manifest.csv + samples/manifest.jsonl.
//
// Word timings are an APPROXIMATION. A clause's duration is exact (from its WAV header) and its
// speech bounds are measured (first/last sample above a small amplitude threshold), but inside a
// clause each word gets a share of the speech proportional to its length in letters (digits count
// 4 letters, +1 for the following space), and internal punctuation (after "Dr." etc.) adds a silent
// share after the word (",;:" 3 letters, ".?!" 5 letters). Expect word boundaries to be off by
// ~100 ms, and by a few hundred ms inside long unpunctuated clauses (the "aci" dialogues). Confidences are deterministic pseudo-random values in
// [0.86, 0.999]. The MP3 encoder adds a few tens of ms of padding at the end.
//
// Output is deterministic for a given espeak-ng/ffmpeg version; the sha256 recorded in each
// fixture is the hash of the MP3 actually written.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { cleanWords, findPiiSpans, replaceInText, splitClauses, spokenForm, splitTurns, timeWords, wordCore } from "./lib/dialogue.mjs";
import { VISITS } from "./lib/visits.mjs";
import { buildWav, parseWav, speechBounds } from "./lib/wav.mjs";

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SCRIPT_DIR, "../../..");
const FIXTURES_DIR = join(REPO_ROOT, "tools/sandbox/fixtures");
const SAMPLES_DIR = join(REPO_ROOT, "samples");

const INSTALL_HINT = "Install the tools with: sudo apt-get install espeak-ng ffmpeg (Debian/Ubuntu).";
const VOICES = { doctor: "en-us+m3", patient: "en-us+f3" };
const EXTRA_VOICES = ["en-gb+f4", "en-us+m5", "en-gb+m2"];
const SPEECH_RATE = 165;
const GAP_MS = 300;
const MP3_ARGS = ["-ac", "1", "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "24k"];

const ATTRIBUTION =
  'Wen-wai Yim, Yujuan Fu, Asma Ben Abacha, Neal Snider, Thomas Lin, Meliha Yetisgen. "ACI-BENCH: a Novel ' +
  'Ambient Clinical Intelligence Dataset for Benchmarking Automatic Visit Note Generation." Nature Scientific ' +
  "Data, 2023. Licensed under Creative Commons Attribution 4.0 (CC BY 4.0). Dialogue adapted: text normalised, " +
  "names replaced and fictional PII lines added; audio is synthetic speech (espeak-ng).";

/** Runs a tool, turning "not installed" into a message that says how to install it. */
function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error && /** @type {NodeJS.ErrnoException} */ (r.error).code === "ENOENT") {
    throw new Error(`${cmd} is not installed or not on PATH. ${INSTALL_HINT}`);
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return r;
}

function checkTools() {
  run("espeak-ng", ["--version"]);
  run("ffmpeg", ["-hide_banner", "-version"]);
}

function parseArgs(argv) {
  const i = argv.indexOf("--data");
  const data = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !data) throw new Error("--data needs a path to valid_full.json");
  return { data: resolve(data ?? join(REPO_ROOT, "../shared/data/aci-bench/valid_full.json")) };
}

/** Deterministic confidence in [0.86, 0.999] for word `i` of `slug`. */
function confidence(slug, i) {
  const h = createHash("sha256").update(`${slug}:${i}`).digest();
  return Math.round((0.86 + (h.readUInt16BE(0) / 65535) * 0.139) * 1000) / 1000;
}

/** Builds the turns (tag + words) of one visit, with the fictional PII inserted. */
function buildTurns(visit, src) {
  const turns = splitTurns(src)
    .map((t) => ({ tag: t.tag, words: cleanWords(t.raw, visit.replace) }))
    .filter((t) => t.words.length > 0);
  const inserted = visit.insert.map(([tag, text]) => ({ tag, words: cleanWords(text) }));
  turns.splice(visit.insertAfter + 1, 0, ...inserted);
  return turns;
}

/** Speaker letters: [doctor] is A, [patient] is B, any other tag C, D… in order of appearance. */
function speakerMap(turns) {
  /** @type {Record<string, string>} */
  const letters = { doctor: "A", patient: "B" };
  /** @type {Record<string, string>} */
  const roles = { A: "clinician", B: "patient" };
  let next = "C".charCodeAt(0);
  for (const { tag } of turns) {
    if (letters[tag]) continue;
    letters[tag] = String.fromCharCode(next++);
    roles[letters[tag]] = tag;
  }
  return { letters, roles };
}

function voiceFor(tag, letters) {
  if (VOICES[tag]) return VOICES[tag];
  return EXTRA_VOICES[(letters[tag].charCodeAt(0) - "C".charCodeAt(0)) % EXTRA_VOICES.length];
}

/** Fails when a word still holds a fictional name or phone number outside every PII span. */
function assertPiiCovered(visit, words, spans) {
  const inSpan = new Array(words.length).fill(false);
  for (const s of spans) for (let i = s.first_word; i <= s.last_word; i++) inSpan[i] = true;
  const sensitive = new Set(
    visit.pii
      .filter((p) => p.policy === "person_name" || p.policy === "phone_number")
      .flatMap((p) => p.text.split(/\s+/).map(wordCore)),
  );
  words.forEach((w, i) => {
    if (!inSpan[i] && sensitive.has(wordCore(w))) throw new Error(`${visit.slug}: word #${i} is fictional PII outside every PII span`);
  });
  const joined = ` ${words.map(wordCore).join(" ")} `;
  for (const p of visit.pii) {
    if (!joined.includes(` ${p.text.split(/\s+/).map(wordCore).join(" ")} `)) {
      throw new Error(`${visit.slug}: a PII string (policy ${p.policy}) never occurs in the dialogue`);
    }
  }
}

/** Synthesises the turns, returns the visit's WAV and word timings. */
function synthesise(visit, turns, letters, work) {
  /** @type {Buffer[]} */
  const chunks = [];
  let format = { sampleRate: 22050, channels: 1 };
  let cursorSamples = 0;
  /** @type {{ text: string, start: number, end: number, confidence: number, speaker: string }[]} */
  const words = [];
  turns.forEach((turn, t) => {
    if (t > 0) {
      const gap = Math.round((GAP_MS / 1000) * format.sampleRate);
      chunks.push(Buffer.alloc(gap * 2));
      cursorSamples += gap;
    }
    splitClauses(turn.words).forEach((clause, c) => {
      const wavPath = join(work, `turn-${t}-${c}.wav`);
      const text = clause.map(spokenForm).join(" ");
      run("espeak-ng", ["-v", voiceFor(turn.tag, letters), "-s", String(SPEECH_RATE), "-w", wavPath, "--stdin"], text);
      const wav = parseWav(readFileSync(wavPath));
      if (wav.channels !== 1 || wav.bitsPerSample !== 16) throw new Error("espeak-ng wrote a WAV that is not 16-bit mono");
      if (t === 0 && c === 0) format = { sampleRate: wav.sampleRate, channels: 1 };
      if (wav.sampleRate !== format.sampleRate) throw new Error("espeak-ng sample rate changed between clauses");
      const rate = format.sampleRate;
      const bounds = speechBounds(wav.data);
      const startMs = Math.round(((cursorSamples + bounds.first) * 1000) / rate);
      const endMs = Math.round(((cursorSamples + bounds.last + 1) * 1000) / rate);
      timeWords(clause, startMs, endMs).forEach((time, k) => {
        words.push({ text: clause[k], ...time, confidence: confidence(visit.slug, words.length), speaker: letters[turn.tag] });
      });
      chunks.push(wav.data);
      cursorSamples += wav.data.length / 2;
    });
  });
  const durationMs = Math.round((cursorSamples * 1000) / format.sampleRate);
  return { wav: buildWav({ ...format, data: Buffer.concat(chunks) }), words, durationMs };
}

/** JSON with one line per word / PII span, so diffs and reviews stay readable. */
function fixtureJson(fixture) {
  const lines = Object.entries(fixture).map(([key, value]) => {
    if (Array.isArray(value)) {
      const items = value.map((v) => `    ${JSON.stringify(v)}`).join(",\n");
      return `  ${JSON.stringify(key)}: [${value.length ? `\n${items}\n  ` : ""}]`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}`;
  });
  return `{\n${lines.join(",\n")}\n}\n`;
}

function buildVisit(visit, encounter, work) {
  const turns = buildTurns(visit, encounter.src);
  const { letters, roles } = speakerMap(turns);
  const flat = turns.flatMap((t) => t.words);
  const pii = findPiiSpans(flat, visit.pii);
  assertPiiCovered(visit, flat, pii);

  const { wav, words, durationMs } = synthesise(visit, turns, letters, work);
  const wavPath = join(work, "visit.wav");
  writeFileSync(wavPath, wav);
  const mp3Path = join(SAMPLES_DIR, "visits", `${visit.slug}.mp3`);
  run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", wavPath, ...MP3_ARGS,
    "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", mp3Path]);
  const mp3 = readFileSync(mp3Path);

  const fixture = {
    slug: visit.slug,
    title: visit.title,
    source: { dataset: "ACI-BENCH valid", encounter_id: visit.encounterId, license: "CC BY 4.0", attribution: ATTRIBUTION },
    audio: {
      file: relative(REPO_ROOT, mp3Path).split("\\").join("/"),
      sha256: createHash("sha256").update(mp3).digest("hex"),
      duration_ms: durationMs,
      content_type: "audio/mpeg",
    },
    speakers: roles,
    words,
    pii,
    reference_note: replaceInText(encounter.tgt, visit.replace),
  };
  writeFileSync(join(FIXTURES_DIR, `${visit.slug}.json`), fixtureJson(fixture));
  const transcript = turns.map((t) => `[${t.tag}] ${t.words.join(" ")}`).join("\n") + "\n";
  writeFileSync(join(SAMPLES_DIR, "transcripts", `${visit.slug}.txt`), transcript);
  return { fixture, bytes: mp3.length, turns: turns.length };
}

function writeIndexes(results) {
  writeFileSync(join(FIXTURES_DIR, "index.json"), `${JSON.stringify(results.map((r) => r.fixture.slug), null, 2)}\n`);
  const phi = {
    note: "Every PII string of every fixture. All values are fictional; tests assert none leaks through redaction.",
    fixtures: Object.fromEntries(VISITS.map((v) => [v.slug, v.pii])),
    strings: [...new Set(VISITS.flatMap((v) => v.pii.map((p) => p.text)))].sort(),
  };
  writeFileSync(join(FIXTURES_DIR, "phi-strings.json"), `${JSON.stringify(phi, null, 2)}\n`);
  const csv = ["id,audio,template", ...results.map((r) => `${r.fixture.slug},visits/${r.fixture.slug}.mp3,`)];
  writeFileSync(join(SAMPLES_DIR, "manifest.csv"), `${csv.join("\n")}\n`);
  const jsonl = results.map((r) => JSON.stringify({ id: r.fixture.slug, audio: `visits/${r.fixture.slug}.mp3` }));
  writeFileSync(join(SAMPLES_DIR, "manifest.jsonl"), `${jsonl.join("\n")}\n`);
  writeFileSync(join(SAMPLES_DIR, "README.md"), samplesReadme(results));
  writeFileSync(join(SAMPLES_DIR, "ATTRIBUTION.md"), attributionMd(results));
}

function samplesReadme(results) {
  const rows = results.map(({ fixture: f, bytes, turns }) =>
    `| \`${f.slug}\` | ${f.source.encounter_id} | ${turns} | ${f.words.length} | ${formatDuration(f.audio.duration_ms)} | ${(bytes / 1024).toFixed(0)} KiB |`);
  return `# Sample visits

Synthetic recordings of doctor–patient visits, for trying soap-notes without real patient data.
Each visit is an MP3 in \`visits/\` and its dialogue as plain text in \`transcripts/\`
(\`[doctor] …\` / \`[patient] …\` lines, the CLI's \`--transcript-file\` input).

| visit | ACI-BENCH encounter | turns | words | duration | size |
| --- | --- | --: | --: | --: | --: |
${rows.join("\n")}

- **The dialogues** come from ACI-BENCH (CC BY 4.0, see [ATTRIBUTION.md](ATTRIBUTION.md)): complete
  dialogues, none truncated. The text was normalised (punctuation attached to words, "do n't" ->
  "don't") and the speaker tags were kept as the dataset has them: some are swapped or mixed on
  purpose (in \`visit-05-kidney-stone\` the patient's answers sit inside the doctor's turns).
- **The PII is fictional.** Each visit was given invented names for the patient and clinician, a
  date of birth, a phone number (555-01XX, reserved for fiction), a clinic and an occupation, in a
  few added lines, and the names the dataset already had were replaced by invented ones, so that
  redaction has something to find. \`tools/sandbox/fixtures/phi-strings.json\` lists every one.
- **The audio is synthetic speech** made with espeak-ng (doctor: \`en-us+m3\`, patient: \`en-us+f3\`,
  165 words per minute), clause by clause, with 300 ms more between turns, encoded by ffmpeg as
  MP3 mono, 16 kHz, 24 kbit/s. The voices are robotic but intelligible, so a user with a real
  AssemblyAI key can send these same files; expect the real transcript to differ from the text here.
- \`manifest.csv\` / \`manifest.jsonl\` list the visits for the CLI's batch command (\`id\`, \`audio\`
  relative to the manifest, optional \`template\`).

The local sandbox (\`tools/sandbox\`) recognises these MP3s by their SHA-256 and answers with the
ground-truth transcript in \`tools/sandbox/fixtures/<slug>.json\`, whose word timings are
approximate (spread over each turn in proportion to word length).

Regenerate everything with \`node tools/sandbox/scripts/make-fixtures.mjs\` (needs espeak-ng and
ffmpeg: \`sudo apt-get install espeak-ng ffmpeg\`). Files in this folder are generated: edit the
script or \`tools/sandbox/scripts/lib/visits.mjs\` instead.
`;
}

function attributionMd(results) {
  const list = results.map(({ fixture: f }) => `- \`${f.slug}\`: encounter ${f.source.encounter_id}`).join("\n");
  return `# Attribution

The dialogues of these sample visits, and the reference notes in \`tools/sandbox/fixtures/\`, are
adapted from the validation split of ACI-BENCH:

> Wen-wai Yim, Yujuan Fu, Asma Ben Abacha, Neal Snider, Thomas Lin, Meliha Yetisgen.
> "ACI-BENCH: a Novel Ambient Clinical Intelligence Dataset for Benchmarking Automatic Visit Note
> Generation." Nature Scientific Data, 2023.

Licensed under Creative Commons Attribution 4.0 (CC BY 4.0),
https://creativecommons.org/licenses/by/4.0/.

Changes made: text normalised (punctuation, contractions, capitalisation); names in the dialogues
and notes replaced by fictional ones; a few lines with fictional personal details (names, date of
birth, phone number, clinic, occupation) added to each dialogue; audio synthesised with espeak-ng.
All personal details are fictional. The speech is synthetic.

Encounters used:

${list}
`;
}

function formatDuration(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function main() {
  const { data } = parseArgs(process.argv.slice(2));
  checkTools();
  const encounters = JSON.parse(readFileSync(data, "utf8")).data;
  for (const dir of [FIXTURES_DIR, join(SAMPLES_DIR, "visits"), join(SAMPLES_DIR, "transcripts")]) mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "make-fixtures-"));
  try {
    const results = VISITS.map((visit) => {
      const encounter = encounters.find((e) => String(e.file).split("-")[0] === visit.encounterId);
      if (!encounter) throw new Error(`encounter ${visit.encounterId} not found in ${data}`);
      const r = buildVisit(visit, encounter, work);
      const { fixture } = r;
      console.log(`${fixture.slug}  ${visit.encounterId}  ${r.turns} turns  ${fixture.words.length} words  ` +
        `${(fixture.audio.duration_ms / 1000).toFixed(1)} s  ${(r.bytes / 1024).toFixed(0)} KiB  ${fixture.pii.length} PII spans`);
      return r;
    });
    writeIndexes(results);
    const total = results.reduce((s, r) => s + r.bytes, 0);
    console.log(`total audio: ${(total / 1024 / 1024).toFixed(2)} MiB in ${results.length} files`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`make-fixtures: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
