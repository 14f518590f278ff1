// Turning an ACI-BENCH `src` dialogue into clean, speaker-tagged turns of AssemblyAI-style words.
// Pure functions (no I/O) used by make-fixtures.mjs.

const TAG_LINE = /^\[([a-z_]+)\]\s*(.*)$/;
const PUNCT_TOKEN = /^(?:[.,?!;:]+|\.\.\.|…)$/;
const TITLES = new Set(["dr.", "ms.", "mr.", "mrs."]);
const JOINED_SUFFIX = { na: new Set(["wan", "gon"]), ta: new Set(["got"]), me: new Set(["lem"]) };
const QUESTION_START = new Set(["how", "what", "when", "where", "why", "who", "do", "does", "did", "are", "is", "can", "could", "would", "have", "has", "will"]);

/**
 * Splits an ACI `src` into turns. Untagged lines continue the previous turn (the data has a few);
 * empty turns are dropped. Tags are kept as they are, including the deliberately swapped ones.
 * @param {string} src
 * @returns {{ tag: string, raw: string }[]}
 */
export function splitTurns(src) {
  /** @type {{ tag: string, raw: string }[]} */
  const turns = [];
  for (const line of src.split("\n")) {
    const m = TAG_LINE.exec(line.trim());
    if (m) turns.push({ tag: m[1], raw: m[2] });
    else if (turns.length > 0 && line.trim()) turns[turns.length - 1].raw += ` ${line.trim()}`;
  }
  return turns.filter((t) => t.raw.replace(/[\s.,?!;:…-]/g, "") !== "");
}

/**
 * Cleans one turn of ACI's tokenised text into AssemblyAI-style words: punctuation attached to the
 * word before it ("Hello,"), split contractions rejoined ("do n't" -> "don't", "gon na" -> "gonna"),
 * cut-off hyphens dropped, "i" capitalised, sentence starts capitalised, name replacements applied
 * (case-insensitive, whole words), and a final "." or "?" added when the turn has none.
 * @param {string} raw
 * @param {Record<string, string>} replacements lowercase word -> replacement
 * @returns {string[]}
 */
export function cleanWords(raw, replacements = {}) {
  /** @type {string[]} */
  const out = [];
  for (let token of raw.trim().split(/\s+/)) {
    if (!token) continue;
    const prev = out.length > 0 ? out[out.length - 1] : undefined;
    if (PUNCT_TOKEN.test(token)) {
      if (prev === undefined) continue;
      const p = token === "..." || token === "…" ? "," : token[token.length - 1];
      if (/[.?!]$/.test(prev)) continue;
      if (/[,;:]$/.test(prev)) {
        if (/[.?!]/.test(p)) out[out.length - 1] = prev.slice(0, -1) + p;
        continue;
      }
      out[out.length - 1] = prev + p;
      continue;
    }
    if (prev !== undefined && /^n't\b/.test(token)) {
      out[out.length - 1] = prev + token;
      continue;
    }
    if (prev !== undefined && JOINED_SUFFIX[token]?.has(prev.toLowerCase())) {
      out[out.length - 1] = prev + token;
      continue;
    }
    token = token.replace(/^[.,;:]+/, "").replace(/-+$/, "");
    if (!token) continue;
    out.push(token);
  }
  const words = out.flatMap((w) => replaceWord(w, replacements));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^i(?:'m|'ve|'ll|'d)?[.,?!;:]*$/.test(w)) words[i] = `I${w.slice(1)}`;
    const sentenceStart = i === 0 || (/[.?!]$/.test(words[i - 1]) && !TITLES.has(words[i - 1].toLowerCase()));
    if (sentenceStart) words[i] = words[i].charAt(0).toUpperCase() + words[i].slice(1);
    if (TITLES.has(w.toLowerCase())) words[i] = words[i].charAt(0).toUpperCase() + words[i].slice(1);
  }
  const last = words.length - 1;
  if (last >= 0 && !/[.?!]$/.test(words[last])) {
    const question = words.length <= 14 && QUESTION_START.has(words[0].toLowerCase().replace(/[^a-z']/g, ""));
    words[last] = words[last].replace(/[,;:]+$/, "") + (question ? "?" : ".");
  }
  return words;
}

/**
 * Replaces a word (ignoring case and trailing punctuation) when it is a key of `replacements`,
 * keeping the punctuation. A replacement may be several words ("2/21/1968" -> "March 8, 1972").
 * @param {string} word
 * @param {Record<string, string>} replacements
 * @returns {string[]}
 */
function replaceWord(word, replacements) {
  const m = /^(.*?)([.,?!;:]*)$/.exec(word);
  const to = m ? replacements[m[1].toLowerCase()] : undefined;
  return to === undefined || !m ? [word] : `${to}${m[2]}`.split(" ");
}

/**
 * Replaces whole words case-insensitively in free text (the reference note), so that the note names
 * the same fictional people as the dialogue.
 * @param {string} text
 * @param {Record<string, string>} replacements
 */
export function replaceInText(text, replacements) {
  let result = text;
  for (const [from, to] of Object.entries(replacements)) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    result = result.replace(new RegExp(`\\b${escaped}\\b`, "gi"), to);
  }
  return result;
}

/** Lowercased letters and digits of a word, for matching PII regardless of punctuation and case. */
export function wordCore(word) {
  return word.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Finds every occurrence of every PII string in the word list (longest strings first, no overlaps)
 * and returns AssemblyAI-style spans with inclusive word indices.
 * @param {string[]} words
 * @param {{ policy: string, text: string }[]} piiStrings
 * @returns {{ policy: string, first_word: number, last_word: number }[]}
 */
export function findPiiSpans(words, piiStrings) {
  const cores = words.map(wordCore);
  const taken = new Array(words.length).fill(false);
  /** @type {{ policy: string, first_word: number, last_word: number }[]} */
  const spans = [];
  const sorted = [...piiStrings].sort((a, b) => b.text.split(/\s+/).length - a.text.split(/\s+/).length);
  for (const { policy, text } of sorted) {
    const needle = text.split(/\s+/).map(wordCore);
    for (let i = 0; i + needle.length <= words.length; i++) {
      let hit = true;
      for (let j = 0; j < needle.length && hit; j++) hit = !taken[i + j] && cores[i + j] === needle[j];
      if (!hit) continue;
      for (let j = 0; j < needle.length; j++) taken[i + j] = true;
      spans.push({ policy, first_word: i, last_word: i + needle.length - 1 });
    }
  }
  return spans.sort((a, b) => a.first_word - b.first_word);
}

/**
 * Splits a turn's words into clauses, each ending at a word with trailing punctuation (not after a
 * title such as "Dr."). make-fixtures synthesises clause by clause, so that the clause boundaries
 * (and the pauses between clauses) are measured exactly rather than estimated.
 * @param {string[]} words
 * @returns {string[][]}
 */
export function splitClauses(words) {
  /** @type {string[][]} */
  const clauses = [[]];
  for (const w of words) {
    clauses[clauses.length - 1].push(w);
    if (/[.,?!;:]$/.test(w) && !TITLES.has(w.toLowerCase())) clauses.push([]);
  }
  return clauses.filter((c) => c.length > 0);
}

/**
 * What espeak-ng should say for a word: phone numbers digit by digit (it would otherwise read
 * "312-555-0147" as "three hundred twelve dash ...").
 * @param {string} word
 */
export function spokenForm(word) {
  const m = /^(\d{3})-(\d{3})-(\d{4})(\W*)$/.exec(word);
  if (!m) return word;
  return `${m[1].split("").join(" ")}, ${m[2].split("").join(" ")}, ${m[3].split("").join(" ")}${m[4]}`;
}

/**
 * Relative time a word takes inside a turn: its letters (digits count as ~4 letters each, since
 * "600" is "six hundred"), plus one for the space after it. `pause` is the silence espeak-ng leaves
 * after trailing punctuation, in the same units.
 * @param {string} word
 * @returns {{ speech: number, pause: number }}
 */
export function wordWeight(word) {
  const letters = (word.match(/[A-Za-z]/g) ?? []).length;
  const digits = (word.match(/[0-9]/g) ?? []).length;
  const speech = Math.max(1, letters + digits * 4) + 1;
  const title = TITLES.has(word.toLowerCase());
  const pause = title ? 0 : /[.?!]$/.test(word) ? 5 : /[,;:]$/.test(word) ? 3 : 0;
  return { speech, pause };
}

/**
 * Distributes the words of one clause over its measured speech [startMs, endMs] in proportion to their weights: each word
 * gets its speech share, then the pause share after it stays silent. Returns integer milliseconds,
 * ordered, non-overlapping, each word at least 1 ms long.
 * @param {string[]} words
 * @param {number} startMs
 * @param {number} endMs
 * @returns {{ start: number, end: number }[]}
 */
export function timeWords(words, startMs, endMs) {
  // The last word's pause lies after the measured speech end, not inside it.
  const weights = words.map((w, i) => (i === words.length - 1 ? { ...wordWeight(w), pause: 0 } : wordWeight(w)));
  const total = weights.reduce((s, w) => s + w.speech + w.pause, 0);
  const span = Math.max(endMs - startMs, words.length * 2);
  let acc = 0;
  let prevEnd = startMs;
  return weights.map((w) => {
    let start = Math.round(startMs + (acc / total) * span);
    let end = Math.round(startMs + ((acc + w.speech) / total) * span);
    acc += w.speech + w.pause;
    start = Math.max(start, prevEnd);
    end = Math.max(end, start + 1);
    prevEnd = end;
    return { start, end };
  });
}
