import { parseTranscriptText, transcriptHash } from "@org/soap-core/engine";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "../support/env.js";
import { type BadInputCase, DIALOGUE, FAKE_MP3, PNG } from "./case.js";

const isRoot = (): string | undefined => (process.getuid?.() === 0 ? "running as root: every file is readable" : undefined);
const csv = (text: string): string => text;
const OK_ROW = "ok.mp3";
/**
 * URLs that are not a soap-notes sandbox (nothing listens on port 9): a served sandbox answers with
 * `x-soap-notes-sandbox`, and the CLI then applies the sandbox's rule to text (scrubbed, no statement
 * needed). The refusal is the rule of a real gateway, and is checked before anything is sent.
 */
const NOT_A_SANDBOX = ["--base-url", "http://127.0.0.1:9", "--gateway-url", "http://127.0.0.1:9"];
/** A dialogue with a name, a date of birth and a phone number (all fictional). */
const PHI_DIALOGUE = "[doctor] your full name and date of birth ?\n[patient] ann lee , june 2 , 1980 . my cell is 773-555-0199 .\n";

/** Files: one recording given to `note`. */
const files: BadInputCase[] = [
  { name: "note: audio file missing", family: "file", args: ["note", "missing.mp3"], exit: 2, phrases: ["audio file not found", "missing.mp3", "check the path"] },
  { name: "note: audio file empty", family: "file", files: { "empty.mp3": "" }, args: ["note", "empty.mp3"], exit: 2, phrases: ["audio file is empty", "0 bytes", "export the recording again"] },
  { name: "note: audio path is a folder", family: "file", files: { "rec.mp3": { dir: true } }, args: ["note", "rec.mp3"], exit: 2, phrases: ["audio file is a folder", "use `soap-notes batch` for a folder"] },
  { name: "note: PNG renamed .mp3", family: "file", files: { "photo.mp3": PNG }, args: ["note", "photo.mp3"], exit: 2, phrases: ["not an audio file", "first bytes match no audio format", "expected mp3, wav"] },
  { name: "note: text renamed .mp3", family: "file", files: { "notes.mp3": DIALOGUE }, args: ["note", "notes.mp3"], exit: 2, phrases: ["not an audio file", "it looks like text", "use --transcript-file"] },
  { name: "note: JSON renamed .wav", family: "file", files: { "t.wav": '{"id":"t1","status":"completed"}' }, args: ["note", "t.wav"], exit: 2, phrases: ["not an audio file", "it looks like JSON", "use --transcript-file"] },
  { name: "note: truncated mp3 (ID3 magic only)", family: "file", files: { "cut.mp3": "ID3" }, args: ["note", "cut.mp3"], exit: 2, phrases: ["audio file is truncated", "3 bytes", "export it again"] },
  { name: "note: unreadable audio file", family: "file", files: { "locked.mp3": { text: "ID3 locked", mode: 0o000 } }, args: ["note", "locked.mp3"], exit: 2, phrases: ["is not readable", "check its permissions"], skip: isRoot },
  { name: "note: stdin is not audio", family: "file", args: ["note", "-"], stdin: "hello, this is text", exit: 2, phrases: ["stdin is not audio", "--transcript-file -"] },
  { name: "note: plain-http audio URL", family: "file", args: ["note", "http://audio.example.org/visit.mp3"], exit: 2, phrases: ["audio URLs must use https://"] },
  { name: "note: --out into a missing folder (checked before any upload)", family: "file", files: { [OK_ROW]: FAKE_MP3 }, args: ["note", OK_ROW, "--out", "no/such/dir/n.md"], exit: 2, phrases: ["--out: cannot write", "no/such/dir does not exist (create it first)", "nothing was sent"] },
  { name: "note: --out is a folder", family: "file", files: { [OK_ROW]: FAKE_MP3, "out": { dir: true } }, args: ["note", OK_ROW, "--out", "out"], exit: 2, phrases: ["--out: cannot write", "it is a folder (give a file name)", "nothing was sent"] },
  { name: "note: no input at all", family: "file", args: ["note"], exit: 2, phrases: ["nothing to do", "--transcript-file <file>"] },
];

/** Transcript files that are not a visit's dialogue. */
const transcripts: BadInputCase[] = [
  { name: "note: transcript file is prose, not a dialogue", family: "transcript", files: { "letter.txt": "Knee pain for two weeks, worse on stairs.\nPlan: ice and rest.\n" }, args: ["note", "--transcript-file", "letter.txt"], exit: 2, phrases: ["is not a dialogue", "speaker label", "[doctor]"] },
  { name: "note: transcript file is audio", family: "transcript", files: { "visit.txt": FAKE_MP3 }, args: ["note", "--transcript-file", "visit.txt"], exit: 2, phrases: ["is audio, not a transcript", "soap-notes note"] },
  { name: "note: transcript JSON still queued", family: "transcript", files: { "t.json": '{"id":"t-queued","status":"queued","text":null}' }, args: ["note", "--transcript-file", "t.json"], exit: 2, phrases: ['status "queued"', "only completed transcripts"] },
  { name: "note: transcript JSON broken", family: "transcript", files: { "t.json": '{"id": "t1", "status": ' }, args: ["note", "--transcript-file", "t.json"], exit: 2, phrases: ["starts like JSON but is not valid JSON"] },
  { name: "note: transcript JSON of another shape", family: "transcript", files: { "t.json": '{"hello":"world"}' }, args: ["note", "--transcript-file", "t.json"], exit: 2, phrases: ["is not an AssemblyAI transcript JSON", "id:"] },
  { name: "note: transcript not UTF-8", family: "transcript", files: { "t.txt": Uint8Array.from([0x5b, 0x64, 0x5d, 0x20, 0xe9, 0xff, 0xfe]) }, args: ["note", "--transcript-file", "t.txt"], exit: 2, phrases: ["not UTF-8 text", "save it as UTF-8"] },
  { name: "note: transcript file empty", family: "transcript", files: { "t.txt": "  \n\n" }, args: ["note", "--transcript-file", "t.txt"], exit: 2, phrases: ["transcript file is empty"] },
  // Issue #13: text goes to a real gateway only when the user states how (names cannot be scrubbed locally).
  { name: "note: text with PHI and a real key, nothing stated", family: "transcript", files: { "phi.txt": PHI_DIALOGUE }, args: ["note", "--transcript-file", "phi.txt", ...NOT_A_SANDBOX], target: false, exit: 2, phrases: ["refusing to send a text dialogue", "Nothing was sent", "--deidentified", "--no-redact"] },
];

/** Manifests of a batch: the line is named and nothing is sent. */
const manifests: BadInputCase[] = [
  { name: "batch: CSV header names no input column", family: "manifest", files: { "m.csv": csv("id,recording\nv1,ok.mp3\n"), [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 1", "names no input column", "add audio, audio_url"] },
  { name: "batch: duplicate id", family: "manifest", files: { "m.csv": "id,audio\nv1,ok.mp3\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 3", 'id "v1" repeats line 2', "must be unique"] },
  { name: "batch: id with bad characters", family: "manifest", files: { "m.csv": "id,audio\nv1/../x y,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "may only contain letters, digits"] },
  { name: "batch: row with two inputs", family: "manifest", files: { "m.csv": "id,audio,transcript_id\nv1,ok.mp3,5551-aaaa\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "more than one input", "give only one of"] },
  { name: "batch: row with no input", family: "manifest", files: { "m.csv": "id,audio\nv1,ok.mp3\nv2,\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 3", "no input", "give one of the columns"] },
  { name: "batch: relative path escaping the manifest folder", family: "manifest", files: { "sub/m.csv": "id,audio\nv1,../outside.txt\n", "outside.txt": DIALOGUE }, args: ["batch", "sub/m.csv"], exit: 2, phrases: ["manifest line 2", "not an audio file", /bad-inputs[^ ]*[/\\]outside\.txt/, "nothing was sent"] },
  { name: "batch: audio_url with http://", family: "manifest", files: { "m.csv": "id,audio_url\nv1,http://cdn.example.org/a.mp3\n" }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "audio_url must start with https://"] },
  { name: "batch: audio column with http://", family: "manifest", files: { "m.csv": "id,audio\nv1,http://cdn.example.org/a.mp3\n" }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "audio URLs must start with https://"] },
  { name: "batch: JSONL with a broken line", family: "manifest", files: { "m.jsonl": '{"id":"v1","audio":"ok.mp3"}\n{"id":"v2",\n', [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.jsonl"], exit: 2, phrases: ["manifest line 2", "not valid JSON", "one object such as"] },
  { name: "batch: JSONL line that is an array", family: "manifest", files: { "m.jsonl": '{"id":"v1","audio":"ok.mp3"}\n\n["v2","ok.mp3"]\n', [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.jsonl"], exit: 2, phrases: ["manifest line 3", "expected a JSON object"] },
  { name: "batch: CSV with BOM and CRLF, missing file on line 3", family: "manifest", files: { "m.csv": "\ufeffid,audio\r\nv1,ok.mp3\r\nv2,gone.mp3\r\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 3", "audio file not found", "gone.mp3", "nothing was sent"] },
  { name: "batch: empty CSV", family: "manifest", files: { "m.csv": "" }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 1", "the manifest is empty", "header row such as id,audio"] },
  { name: "batch: CSV header only", family: "manifest", files: { "m.csv": "id,audio\n" }, args: ["batch", "m.csv"], exit: 2, phrases: ["header but no visits"] },
  { name: "batch: empty JSONL", family: "manifest", files: { "m.jsonl": "\n\n" }, args: ["batch", "m.jsonl"], exit: 2, phrases: ["the manifest has no visits"] },
  { name: "batch: CSV row with more fields than the header", family: "manifest", files: { "m.csv": "id,audio\nv1,ok.mp3,extra\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "3 fields but the header has 2", "quote fields"] },
  { name: "batch: CSV quote never closed", family: "manifest", files: { "m.csv": 'id,audio\nv1,"ok.mp3\n', [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "a quoted field is never closed"] },
  { name: "batch: manifest row's transcript file is audio", family: "manifest", files: { "m.csv": "id,transcript_file\nv1,t.txt\n", "t.txt": FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "is audio, not a transcript", "nothing was sent"] },
  { name: "batch: manifest row's transcript file is prose", family: "manifest", files: { "m.csv": "id,transcript_file\nv1,t.txt\n", "t.txt": "Patient seen today.\nAll good.\n" }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "is not a dialogue"] },
  { name: "batch: manifest row with an unknown template", family: "manifest", files: { "m.csv": "id,transcript_file,template\nv1,t.txt,soap-haiku@1\n", "t.txt": DIALOGUE }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 2", "unknown template", "soap-notes prompts list"] },
  { name: "batch: text row with PHI and a real key, nothing stated", family: "manifest", files: { "m.csv": "id,transcript_file\nv1,phi.txt\n", "phi.txt": PHI_DIALOGUE }, args: ["batch", "m.csv", ...NOT_A_SANDBOX], target: false, exit: 2, phrases: ["manifest line 2", "refusing to send a text dialogue", "deidentified column"] },
  { name: "batch: input with an unknown extension", family: "manifest", files: { "visits.txt": "id,audio\n" }, args: ["batch", "visits.txt"], exit: 2, phrases: ["cannot tell what", "a .csv or .jsonl manifest"] },
  { name: "batch: folder without audio", family: "manifest", files: { "rec/readme.txt": "nothing here" }, args: ["batch", "rec"], exit: 2, phrases: ["no audio files in", "looked for .mp3"] },
  { name: "batch: input missing", family: "manifest", args: ["batch", "nowhere.csv"], exit: 2, phrases: ["batch input not found", "give a folder of audio files"] },
  { name: "batch: empty manifest on stdin", family: "manifest", args: ["batch", "-"], stdin: "  \n", exit: 2, phrases: ["no manifest on stdin"] },
];

/** Config files (`--config`, soap.config.json). */
const configs: BadInputCase[] = [
  { name: "config: not JSON", family: "config", files: { "c.json": '{"template": ' }, args: ["note", "--transcript-file", "t.txt", "--config", "c.json"], exit: 2, phrases: ["config file", "is not valid JSON"] },
  { name: "config: unknown template", family: "config", files: { "c.json": '{"template":"soap-haiku@1"}' }, args: ["note", "--transcript-file", "t.txt", "--config", "c.json"], exit: 2, phrases: ["template:", 'Unknown template id "soap-haiku"', "Available templates: soap-complete@1"] },
  { name: "config: experiment weights sum to zero", family: "config", files: { "c.json": JSON.stringify({ experiments: [{ name: "e", salt: "s", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: 0 }, { template: "soap-sectioned@1", weight: 0 }] }] }) }, args: ["experiment", "assign", "v1", "--config", "c.json"], target: false, exit: 2, phrases: ["experiments[0].variants", "weights must sum to a positive"] },
  { name: "config: weight of the wrong type, field path named", family: "config", files: { "c.json": JSON.stringify({ experiments: [{ name: "e", salt: "s", assignBy: "visit_id", variants: [{ template: "soap-complete@1", weight: "1" }] }] }) }, args: ["note", "--transcript-file", "t.txt", "--config", "c.json"], exit: 2, phrases: ["experiments[0].variants[0].weight", "expected number"] },
  { name: "config: transcription field of the wrong type", family: "config", files: { "c.json": '{"transcription":{"speaker_labels":"yes"}}' }, args: ["note", "--transcript-file", "t.txt", "--config", "c.json"], exit: 2, phrases: ["transcription.speaker_labels", "expected boolean"] },
  { name: "config: soap.config.json in cwd with a bad region", family: "config", files: { "soap.config.json": '{"region":"mars"}' }, args: ["note", "--transcript-file", "t.txt"], exit: 2, phrases: ["soap.config.json", "region:", '"us"|"eu"'] },
  { name: "config: --config file missing", family: "config", args: ["note", "--transcript-file", "t.txt", "--config", "nope.json"], exit: 2, phrases: ["config file not found", "check --config"] },
];

/** Flags. */
const flags: BadInputCase[] = [
  { name: "flag: --concurrency 0", family: "flag", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--concurrency", "0"], exit: 2, phrases: ["--concurrency must be at least 1"] },
  { name: "flag: --concurrency -1", family: "flag", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--concurrency=-1"], exit: 2, phrases: ["--concurrency must be at least 1"] },
  { name: "flag: --concurrency abc", family: "flag", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--concurrency", "abc"], exit: 2, phrases: ["--concurrency must be a whole number"] },
  { name: "flag: note --format pdf", family: "flag", args: ["note", "--transcript-file", "t.txt", "--format", "pdf"], exit: 2, phrases: ["'pdf' is invalid", "md, json, fhir"] },
  { name: "flag: batch --format md,pdf", family: "flag", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--format", "md,pdf"], exit: 2, phrases: ["--format takes md, json, fhir or html"] },
  { name: "flag: regenerate --section bad", family: "flag", args: ["regenerate", "note.json", "--section", "history"], exit: 2, phrases: ["'history' is invalid", "subjective, objective, assessment, plan"] },
  { name: "flag: --region xx", family: "flag", args: ["note", "--transcript-file", "t.txt", "--region", "xx"], exit: 2, phrases: ["'xx' is invalid", "us, eu"] },
  { name: "flag: audio and --transcript-id together", family: "flag", files: { [OK_ROW]: FAKE_MP3 }, args: ["note", "ok.mp3", "--transcript-id", "5551-aaaa"], exit: 2, phrases: ["give only one input"] },
  { name: "flag: regenerate --in-place with --out", family: "flag", args: ["regenerate", "note.json", "--section", "plan", "--in-place", "--out", "x.json"], exit: 2, phrases: ["give --in-place or --out, not both"] },
  { name: "flag: batch --template unknown", family: "flag", files: { "m.csv": "id,transcript_file\nv1,t.txt\n" }, args: ["batch", "m.csv", "--template", "soap-haiku@9"], exit: 2, phrases: ["unknown template", "soap-notes prompts list"] },
  { name: "flag: --redact with an unknown policy", family: "flag", args: ["note", "--transcript-file", "t.txt", "--redact", "medical,shoe_size"], exit: 2, phrases: ['unknown redaction policy "shoe_size"', '"medical"'] },
  { name: "config: redact_pii false beside policies", family: "config", files: { "c.json": '{"transcription":{"redact_pii":false,"redact_pii_policies":["person_name"]}}' }, args: ["note", "--transcript-file", "t.txt", "--config", "c.json"], exit: 2, phrases: ["transcription.redact_pii_policies", "redact_pii is false"] },
  { name: "flag: --speakers-expected 99", family: "flag", args: ["note", "--transcript-file", "t.txt", "--speakers-expected", "99"], exit: 2, phrases: ["--speakers-expected must be at most 10"] },
  { name: "flag: --base-url ftp://", family: "flag", args: ["note", "--transcript-file", "t.txt", "--base-url", "ftp://files.example.org"], target: false, exit: 2, phrases: ["--base-url must be an http(s) URL"] },
  { name: "flag: unknown option", family: "flag", args: ["note", "--transcript-file", "t.txt", "--temprature", "0"], exit: 2, phrases: ["unknown option '--temprature'"] },
  { name: "flag: unknown command", family: "flag", args: ["summarise", "visit.mp3"], target: false, exit: 2, phrases: ["unknown command 'summarise'"] },
  { name: "flag: prompts show of an unknown template", family: "flag", args: ["prompts", "show", "soap-haiku@1"], target: false, exit: 2, phrases: ["unknown template", "soap-haiku"] },
];

/** Environment variables. */
const env: BadInputCase[] = [
  { name: "env: SOAP_NOTES_CONCURRENCY=zero", family: "env", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], env: { SOAP_NOTES_CONCURRENCY: "zero" }, exit: 2, phrases: ["SOAP_NOTES_CONCURRENCY must be a whole number"] },
  { name: "env: ASSEMBLYAI_REGION=mars", family: "env", args: ["note", "--transcript-file", "t.txt"], env: { ASSEMBLYAI_REGION: "mars" }, exit: 2, phrases: ["ASSEMBLYAI_REGION must be us or eu"] },
  { name: "env: base URL given but no ASSEMBLYAI_API_KEY", family: "env", args: ["note", "--transcript-file", "t.txt"], env: { ASSEMBLYAI_API_KEY: undefined }, exit: 2, phrases: ["ASSEMBLYAI_API_KEY is not set", "never pass it as a flag"] },
  { name: "env: SOAP_NOTES_CONFIG names a missing file", family: "env", args: ["note", "--transcript-file", "t.txt"], env: { SOAP_NOTES_CONFIG: "missing.config.json" }, exit: 2, phrases: ["config file not found", "SOAP_NOTES_CONFIG"] },
  { name: "env: ASSEMBLYAI_BASE_URL not a URL", family: "env", args: ["note", "--transcript-file", "t.txt"], target: false, env: { ASSEMBLYAI_BASE_URL: "localhost:8080" }, exit: 2, phrases: ["ASSEMBLYAI_BASE_URL must be an http(s) URL"] },
];

/** A valid note written from AssemblyAI transcript `tr-visit-a` (its provenance is its plan). */
const NOTE_FROM_TRANSCRIPT = JSON.stringify({
  sections: Object.fromEntries(
    [["subjective", "Subjective"], ["objective", "Objective"], ["assessment", "Assessment"], ["plan", "Plan"]].map(([k, title]) => [k, { title, text: "", statements: [] }]),
  ),
  provenance: {
    template: { ref: "soap-complete@1.0.0", hash: "sha256:0" },
    model: "claude-sonnet-4-5-20250929",
    transcript_id: "tr-visit-a",
    transcript_source: "assemblyai",
    transcript_mode: "inline",
    created_at: "2026-11-25T09:00:00Z",
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    latency_ms: 0,
    requests: 1,
  },
  warnings: [],
});

/** Another visit's dialogue (chest pain; no PHI) for a note bound to {@link DIALOGUE} (knee). */
const OTHER_VISIT = "[doctor] tell me about the chest pain .\n[patient] it burns behind my breastbone after meals .\n";

/** A valid note written from the text dialogue {@link DIALOGUE}, bound to it by its content hash. */
const NOTE_FROM_DIALOGUE = JSON.stringify({
  ...(JSON.parse(NOTE_FROM_TRANSCRIPT) as Record<string, unknown>),
  provenance: {
    template: { ref: "soap-complete@1.0.0", hash: "sha256:0" },
    model: "claude-sonnet-4-5-20250929",
    transcript_hash: await transcriptHash(parseTranscriptText(DIALOGUE)),
    transcript_source: "text",
    transcript_mode: "inline",
    created_at: "2026-11-25T09:00:00Z",
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    latency_ms: 0,
    requests: 1,
  },
});

/** regenerate on files that are not notes, or with what the note's plan forbids. */
const regenerate: BadInputCase[] = [
  { name: "regenerate: another visit's dialogue for a note from a transcript", family: "regenerate", files: { "n.json": NOTE_FROM_TRANSCRIPT }, args: ["regenerate", "n.json", "--section", "plan", "--transcript-file", "t.txt"], exit: 2, phrases: ["written from AssemblyAI transcript tr-visit-a", "not from a text dialogue", "the note was not changed"] },
  { name: "regenerate: another visit's dialogue for a note bound to a dialogue (hash mismatch)", family: "regenerate", files: { "n.json": NOTE_FROM_DIALOGUE, "other.txt": OTHER_VISIT }, args: ["regenerate", "n.json", "--section", "plan", "--transcript-file", "other.txt"], exit: 2, phrases: [/content hash sha256:[0-9a-f]{8}…, but the dialogue given has hash sha256:[0-9a-f]{8}…/, "Nothing was sent", "the note was not changed"] },
  { name: "regenerate: --out into a missing folder", family: "regenerate", files: { "n.json": NOTE_FROM_DIALOGUE }, args: ["regenerate", "n.json", "--section", "plan", "--transcript-file", "t.txt", "--out", "nope/n2.json"], exit: 2, phrases: ["--out: cannot write", "nope", "does not exist (create it first)", "nothing was sent"] },
  { name: "regenerate: --template (the note's plan decides)", family: "regenerate", files: { "n.json": NOTE_FROM_TRANSCRIPT }, args: ["regenerate", "n.json", "--section", "plan", "--template", "soap-sectioned@1"], exit: 2, phrases: ["regenerate takes no --template", "the note's own template"] },
  { name: "regenerate: a JSON that is not a note", family: "regenerate", files: { "x.json": '{"subjective":"knee pain"}' }, args: ["regenerate", "x.json", "--section", "plan", "--transcript-file", "t.txt"], exit: 2, phrases: ["is not a soap-notes note", "sections:"] },
  { name: "regenerate: a note file that is not JSON", family: "regenerate", files: { "x.json": "## Subjective\nknee pain\n" }, args: ["regenerate", "x.json", "--section", "plan", "--in-place"], exit: 2, phrases: ["is not JSON", "--format json"] },
  { name: "regenerate: note file missing", family: "regenerate", args: ["regenerate", "gone.json", "--section", "plan"], exit: 2, phrases: ["note file not found", "check the path"] },
];

/** A key the API refuses: exit 3, nothing uploaded nor created. */
const auth: BadInputCase[] = [
  { name: "auth: wrong API key", family: "auth", args: ["note", "--transcript-file", "t.txt", "--deidentified"], env: { ASSEMBLYAI_API_KEY: "wrong-key-for-chaos" }, exit: 3, phrases: ["rejected the API key", "check ASSEMBLYAI_API_KEY"], sends: "refused" },
  { name: "auth: wrong API key in a batch", family: "auth", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], env: { ASSEMBLYAI_API_KEY: "wrong-key-for-chaos" }, exit: 3, phrases: ["rejected the API key", "re-run the same command to resume"], sends: "refused" },
];

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
const CLOSED_PORT = await new Promise<number>((resolve) => {
  const server = createServer();
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(port));
  });
});
const CLOSED = `http://127.0.0.1:${CLOSED_PORT}`;
const notLinux = (): string | undefined => (process.platform === "linux" ? undefined : "needs Linux's /proc and /sys");
/** The sample visits (real recordings the in-process sandbox knows), by absolute path. */
const SAMPLES_CSV = `id,audio\n${["01-finger-injury", "02-knee-sprain", "03-elbow-pain", "04-shoulder-pain", "05-kidney-stone", "06-heart-failure-follow-up", "07-chest-pain"]
  .map((v) => `visit-${v},${join(REPO_ROOT, "samples/visits", `visit-${v}.mp3`)}`)
  .join("\n")}\n`;
/**
 * A batch stopped before its first visit, or mid-way: it may leave (or, in a reused work folder,
 * update) its own state, never a lock.
 */
const BATCH_STATE = /^[+~] notes\/(\.soap-notes-ledger\.jsonl|failures\.jsonl|_summary\.json)?$/;
/** In the in-process sandbox (no key, no target): nothing can reach the served one. */
const IN_PROCESS = { env: { ASSEMBLYAI_API_KEY: undefined }, target: false } as const;

/** Issue #14: the process's corners (a closed pipe, signals, output folders, no network, proxies). */
const corners: BadInputCase[] = [
  { name: "pipe: prompts list into a reader that closed (EPIPE)", family: "pipe", args: ["prompts", "list"], target: false, closeStdout: true, exit: 0, phrases: [] },
  { name: "pipe: a note into a reader that closed (EPIPE)", family: "pipe", args: ["note", "--transcript-file", "t.txt"], ...IN_PROCESS, closeStdout: true, exit: 0, phrases: [] },
  {
    name: "signal: SIGTERM early (output lock taken, no visit started)",
    family: "signal",
    files: { "m.csv": SAMPLES_CSV },
    args: ["batch", "m.csv"],
    ...IN_PROCESS,
    signal: { name: "SIGTERM", onStderr: /in-process sandbox/ },
    exit: 143,
    phrases: ["interrupted (SIGTERM)", "run the same command again"],
    mayWrite: BATCH_STATE,
  },
  {
    name: "signal: SIGINT early (output lock taken, no visit started)",
    family: "signal",
    files: { "m.csv": SAMPLES_CSV },
    args: ["batch", "m.csv"],
    ...IN_PROCESS,
    signal: { name: "SIGINT", onStderr: /in-process sandbox/ },
    exit: 130,
    phrases: ["interrupted (SIGINT)", "run the same command again"],
    mayWrite: BATCH_STATE,
  },
  {
    name: "signal: SIGTERM late (visits waiting on their transcripts)",
    family: "signal",
    files: { "m.csv": SAMPLES_CSV },
    args: ["batch", "m.csv", "--concurrency", "2"],
    ...IN_PROCESS,
    signal: { name: "SIGTERM", whenFile: { path: "notes/.soap-notes-ledger.jsonl", grows: /"transcript_created"/ } },
    exit: 143,
    phrases: ["interrupted (SIGTERM)"],
    // Notes of visits that finished before the signal may stay; the lock may not.
    mayWrite: /^[+~] notes\/(?!\.soap-notes\.lock$)/,
  },
  { name: "file: batch --out under /proc (answered at once, not a 100 % CPU spin)", family: "file", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--out", "/proc/soap-notes-chaos"], exit: 2, phrases: ["--out: cannot create /proc/soap-notes-chaos", "does not take new folders", "choose a folder on a disk", "nothing was sent"], skip: notLinux },
  { name: "file: batch --out under /sys", family: "file", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv", "--out", "/sys/soap-notes-chaos"], exit: 2, phrases: ["cannot create the folder /sys/soap-notes-chaos", "permission denied", "nothing was sent"], skip: notLinux },
  { name: "file: batch --out is a file", family: "file", files: { "m.csv": "id,audio\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3, "blocker": "a file" }, args: ["batch", "m.csv", "--out", "blocker"], exit: 2, phrases: ["is a file, not a folder", "choose another --out", "nothing was sent"] },
  { name: "manifest: ids V1 and v1 (one file on macOS and Windows)", family: "manifest", files: { "m.csv": "id,audio\nV1,ok.mp3\nv1,ok.mp3\n", [OK_ROW]: FAKE_MP3 }, args: ["batch", "m.csv"], exit: 2, phrases: ["manifest line 3", 'id "v1" differs from id "V1" on line 2 only by case', "rename one"] },
  {
    name: "network: no network for a whole batch (a closed port)",
    family: "network",
    files: { "m.csv": `id,audio\n${[1, 2, 3, 4, 5, 6].map((i) => `v${i},ok.mp3`).join("\n")}\n`, [OK_ROW]: FAKE_MP3 },
    // One request per stage keeps two visits in progress (the batch scheduler's 2×): after 5 in a row
    // fail the batch stops; the sixth, already in progress, may have failed first (5 or 6, never more).
    args: ["batch", "m.csv", "--concurrency", "1", "--base-url", CLOSED, "--gateway-url", CLOSED],
    target: false,
    exit: 4,
    phrases: [`cannot reach 127.0.0.1:${CLOSED_PORT}`, "the connection was refused (ECONNREFUSED)", /the batch stopped \([56] visits could not connect\)/, "run the same command again to resume: soap-notes batch m.csv"],
    mayWrite: BATCH_STATE,
  },
  {
    name: "network: HTTPS_PROXY that nothing answers",
    family: "network",
    args: ["note", "--transcript-file", "t.txt", "--deidentified", "--base-url", "https://api.assemblyai.invalid", "--gateway-url", "https://llm-gateway.assemblyai.invalid"],
    target: false,
    env: { HTTPS_PROXY: CLOSED },
    exit: 4,
    phrases: [`cannot reach the proxy ${CLOSED} (HTTPS_PROXY)`, "on the way to llm-gateway.assemblyai.invalid", "add llm-gateway.assemblyai.invalid to NO_PROXY"],
  },
  { name: "network: HTTPS_PROXY that is not a URL", family: "network", args: ["note", "--transcript-file", "t.txt", "--deidentified"], env: { HTTPS_PROXY: "proxy.example.org:3128" }, exit: 2, phrases: ["HTTPS_PROXY is not a URL", "http://host:port"] },
];

/** Every case. A dialogue `t.txt` is in every case's folder (unless the case writes its own). */
export const BAD_INPUT_CASES: readonly BadInputCase[] = [...files, ...transcripts, ...manifests, ...configs, ...flags, ...env, ...regenerate, ...auth, ...corners];
