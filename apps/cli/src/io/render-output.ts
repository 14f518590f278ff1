import { dirname, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { parseTranscriptText, type NoteTranscript, type SoapNote } from "@org/soap-core/engine";
import { NOTE_FILE_EXTENSIONS, NOTE_FORMATS, renderNote, reviewTranscript, toReviewHtml, type NoteFormat } from "@org/soap-core/export";
import type { Transcript } from "@org/soap-core";
import type { CheckedVisitInput } from "../visit/visit-runner.js";

/** The CLI's output formats: core's three, and the HTML review page. */
export const OUTPUT_FORMATS = [...NOTE_FORMATS, "html"] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = NoteFormat | "html";

/** File name suffix of each output format (`<id>.html` for the review page). */
export const OUTPUT_EXTENSIONS: Readonly<Record<OutputFormat, string>> = { ...NOTE_FILE_EXTENSIONS, html: ".html" };

/** What the review page shows beside the note: the transcript and where the recording is. */
export interface PageSources {
  transcript?: NoteTranscript | undefined;
  /** The local recording, or why there is none offline. */
  audio?: { file: string } | { unavailable: string } | undefined;
}

/** What a visit's input gives the review page: its transcript (from the run's result) and its recording. */
export function pageSources(input: CheckedVisitInput | undefined, transcript: Transcript | undefined): PageSources {
  if (input === undefined) return { audio: { unavailable: "No recording: the note was recovered from its JSON file, without its visit's input." } };
  const t: NoteTranscript | undefined = input.kind === "transcript_text" ? parseTranscriptText(input.text) : input.kind === "transcript_json" ? input.transcript : transcript;
  switch (input.kind) {
    case "audio_file":
      return { transcript: t, audio: { file: input.file.path } };
    case "audio_url":
      return { transcript: t, audio: { unavailable: "The recording is at a remote URL: it is not available offline, so quotes cannot be played here." } };
    case "audio_bytes":
      return { transcript: t, audio: { unavailable: "The recording came from stdin and was not saved: quotes cannot be played here." } };
    default:
      return { transcript: t, audio: { unavailable: "No recording: this note was written from a transcript, so quotes cannot be played here." } };
  }
}

/** A recording's address as seen from the page: a relative path beside a written file, else a file URL. */
export function audioSource(audioPath: string, htmlPath: string | undefined): string {
  if (htmlPath === undefined) return pathToFileURL(audioPath).href;
  const rel = relative(dirname(htmlPath), audioPath).split(sep).map(encodeURIComponent).join("/");
  return rel.startsWith("..") || /^[A-Za-z0-9_~%.-]/.test(rel) ? rel : pathToFileURL(audioPath).href;
}

/**
 * Renders a note in one output format: core's `renderNote` for md/json/fhir, core's `toReviewHtml`
 * for html (with its own CSP in a `<meta>`, since a file opened from disk gets no header).
 */
export function renderOutput(note: SoapNote, format: OutputFormat, sources: PageSources = {}, htmlPath?: string): string {
  if (format !== "html") return renderNote(note, format);
  const audio = sources.audio === undefined ? undefined : "file" in sources.audio ? { src: audioSource(sources.audio.file, htmlPath) } : sources.audio;
  return toReviewHtml(note, {
    transcript: sources.transcript !== undefined ? reviewTranscript(sources.transcript, note) : undefined,
    audio,
    metaCsp: true,
  });
}
