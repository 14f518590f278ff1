import type { WordOut } from "./render.js";

/** Lower-cased letters and digits of a word (punctuation and case do not count when searching). */
const norm = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, "").replace(/^['-]+|['-]+$/g, "");

/**
 * `WordSearchResponse.matches` (openapi.yml): per search term (a word, number or phrase of up to
 * five words), how often it occurs, the `[start, end]` ms of each occurrence and the index in
 * `words` of its first word. Matching ignores case and punctuation.
 */
export function wordSearch(words: readonly WordOut[], terms: readonly string[]) {
  const normalised = words.map((w) => norm(w.text));
  return terms.map((term) => {
    const parts = term.split(/\s+/).map(norm).filter(Boolean);
    const timestamps: [number, number][] = [];
    const indexes: number[] = [];
    if (parts.length > 0) {
      for (let i = 0; i + parts.length <= words.length; i++) {
        if (parts.every((p, j) => normalised[i + j] === p)) {
          timestamps.push([words[i]!.start, words[i + parts.length - 1]!.end]);
          indexes.push(i);
        }
      }
    }
    return { text: term, count: indexes.length, timestamps, indexes };
  });
}

/** The terms of `?words=a,b,c` (comma-separated, `style: form, explode: false`); repeated `words=` also count. */
export function searchTerms(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(",")).map((t) => t.trim()).filter((t) => t.length > 0);
}

/** The most words a search term may have (openapi.yml: "phrases containing up to five words"). */
export const MAX_TERM_WORDS = 5;

/** Captions of at most `maxChars` characters (a single longer word is a caption of its own). */
export function captions(words: readonly WordOut[], maxChars: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let run: WordOut[] = [];
  const flush = () => {
    if (run.length === 0) return;
    out.push({ start: run[0]!.start, end: run[run.length - 1]!.end, text: run.map((w) => w.text).join(" ") });
    run = [];
  };
  for (const w of words) {
    const length = run.reduce((n, r) => n + r.text.length + 1, 0) + w.text.length;
    if (run.length > 0 && length > maxChars) flush();
    run.push(w);
  }
  flush();
  return out;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function clock(ms: number, withHours: boolean, separator: "," | "."): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = `${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
  return withHours ? `${pad(h)}:${rest}` : rest;
}

/** SRT (openapi.yml `SrtSubtitlesResponse`): numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`. */
export function toSrt(words: readonly WordOut[], maxChars: number): string {
  return captions(words, maxChars)
    .map((c, i) => `${i + 1}\n${clock(c.start, true, ",")} --> ${clock(c.end, true, ",")}\n${c.text}\n`)
    .join("\n");
}

/** WebVTT (openapi.yml `VttSubtitlesResponse`): `WEBVTT`, then `MM:SS.mmm --> MM:SS.mmm` cues (hours when needed). */
export function toVtt(words: readonly WordOut[], maxChars: number): string {
  const list = captions(words, maxChars);
  const hours = list.some((c) => c.end >= 3_600_000);
  return `WEBVTT\n\n${list.map((c) => `${clock(c.start, hours, ".")} --> ${clock(c.end, hours, ".")}\n${c.text}\n`).join("\n")}`;
}
