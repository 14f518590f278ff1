import { open, readFile, stat } from "node:fs/promises";
import type { Transcript } from "@org/soap-core";
import { parseTranscriptText } from "@org/soap-core/engine";
import { transcriptSchema } from "@org/soap-core/schemas";
import { InputError } from "../errors/cli-errors.js";
import { type AudioFormat, SNIFF_BYTES, sniffAudio } from "./magic-bytes.js";
import { readAll } from "./read-stream.js";

/** A checked local audio file. */
export interface AudioFile {
  path: string;
  size: number;
  format: AudioFormat;
}

/** Shorter than the shortest container header sniffed (RIFF….WAVE, ….ftyp): cannot be a recording. */
const MIN_AUDIO_BYTES = 12;

async function head(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function describeContent(bytes: Uint8Array): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).trimStart();
  if (text.startsWith("{") || /^\[\s*[[{"\d\]]/.test(text)) return "it looks like JSON";
  if (text.startsWith("%PDF")) return "it is a PDF";
  if ([...text].every((c) => c === "\t" || c === "\n" || c === "\r" || (c >= " " && c <= "~"))) return "it looks like text";
  return "its first bytes match no audio format";
}

async function statFile(path: string, what: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${what} not found: ${path} (check the path)`);
    if (code === "EACCES") throw new InputError(`${what} is not readable: ${path} (check its permissions)`);
    throw new InputError(`cannot open ${what} ${path}: ${code ?? "error"}`);
  }
  if (info.isDirectory()) throw new InputError(`${what} is a folder: ${path} (give a file${what === "audio file" ? ", or use `soap-notes batch` for a folder" : ""})`);
  return info.size;
}

/**
 * Checks that `path` is a non-empty audio file by its magic bytes (mp3/ID3, wav RIFF, ogg, flac,
 * m4a/mp4 ftyp, webm…), so a wrong file fails here with a clear line instead of after an upload.
 * @throws {InputError} missing, empty, or not audio (with a hint when it looks like a transcript).
 */
export async function checkAudioFile(path: string): Promise<AudioFile> {
  const size = await statFile(path, "audio file");
  if (size === 0) throw new InputError(`audio file is empty: ${path} (0 bytes; export the recording again)`);
  const bytes = await head(path, SNIFF_BYTES);
  // A few bytes cannot hold a recording even when they start like one: refuse before uploading.
  if (size < MIN_AUDIO_BYTES) throw new InputError(`audio file is truncated: ${path} (${size} bytes, too short for any recording; export it again)`);
  const format = sniffAudio(bytes);
  if (format === null) {
    const what = describeContent(bytes);
    const hint = what === "it looks like text" || what === "it looks like JSON" ? "; for a transcript use --transcript-file" : "";
    throw new InputError(`not an audio file: ${path} (${what}; expected mp3, wav, ogg, flac, m4a/mp4 or webm${hint})`);
  }
  return { path, size, format };
}

/** A transcript read from a file: a plain dialogue, or an AssemblyAI transcript JSON. */
export type TranscriptFileContent = { kind: "transcript_text"; text: string } | { kind: "transcript_json"; transcript: Transcript };

/**
 * Reads a `--transcript-file`: JSON (an AssemblyAI transcript, status completed) or UTF-8 text
 * (`[doctor] …` / `Speaker A: …` lines). `-` reads stdin.
 * @throws {InputError} missing, empty, audio, or JSON that is not a completed transcript.
 */
export async function readTranscriptFile(path: string, stdin?: NodeJS.ReadableStream): Promise<TranscriptFileContent> {
  let bytes: Uint8Array;
  if (path === "-") {
    if (!stdin) throw new InputError("--transcript-file - needs a transcript on stdin");
    bytes = await readAll(stdin);
  } else {
    await statFile(path, "transcript file");
    bytes = await readFile(path);
  }
  const name = path === "-" ? "stdin" : path;
  if (bytes.length === 0) throw new InputError(`transcript file is empty: ${name}`);
  if (sniffAudio(bytes.subarray(0, SNIFF_BYTES)) !== null) {
    throw new InputError(`${name} is audio, not a transcript (give it as the input: soap-notes note ${path === "-" ? "<file>" : path})`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`transcript file is not UTF-8 text: ${name} (save it as UTF-8)`);
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new InputError(`transcript file ${name} starts like JSON but is not valid JSON (fix it, or save the dialogue as plain text)`);
    }
    const parsed = transcriptSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`transcript file ${name} is not an AssemblyAI transcript JSON (${issue ? `${issue.path.join(".") || "root"}: ${issue.message}` : "invalid"})`);
    }
    if (parsed.data.status !== "completed") {
      throw new InputError(`transcript file ${name} holds a transcript with status "${parsed.data.status}"; only completed transcripts can be turned into notes`);
    }
    return { kind: "transcript_json", transcript: parsed.data };
  }
  if (trimmed === "") throw new InputError(`transcript file is empty: ${name}`);
  // Prose without a single speaker label (a note, a letter) is not a visit: refuse it before any request.
  if (parseTranscriptText(text).utterances.every((u) => u.speaker === "unknown")) {
    throw new InputError(`transcript file ${name} is not a dialogue: no line starts with a speaker label such as "[doctor] …", "Speaker A: …" or "Patient: …"`);
  }
  return { kind: "transcript_text", text };
}
