/** One `curl` command of a shell snippet, read like a shell would (quotes, `\` line continuations, comments). */
export interface CurlCommand {
  /** 0-based line of the command's first word within the snippet. */
  line: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The `-d`/`--data` argument as written (a JSON body, or `@file`). */
  data?: string;
}

/** The commands of a shell snippet, each as its words. */
function shellCommands(src: string): { line: number; words: string[] }[] {
  const commands: { line: number; words: string[] }[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let line = 0;
  let startLine = 0;
  const endWord = () => {
    if (word !== null) {
      if (words.length === 0) startLine = line;
      words.push(word);
    }
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ line: startLine, words });
    words = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "\\" && src[i + 1] === "\n") {
      i++;
      line++;
    } else if (c === "\n") {
      endCommand();
      line++;
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === "#" && word === null) {
      while (i + 1 < src.length && src[i + 1] !== "\n") i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      const close = end === -1 ? src.length : end;
      const quoted = src.slice(i + 1, close);
      if (word === null && words.length === 0) startLine = line;
      word = (word ?? "") + (c === '"' ? quoted.replace(/\\(["\\$`])/g, "$1") : quoted);
      line += quoted.split("\n").length - 1;
      i = close;
    } else {
      word = (word ?? "") + c;
    }
  }
  endCommand();
  return commands;
}

const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--json"]);

/** The curl commands of a shell snippet (other commands, like `pip install`, are ignored). */
export function curlCommands(src: string): CurlCommand[] {
  const out: CurlCommand[] = [];
  for (const { line, words } of shellCommands(src)) {
    if (words[0] !== "curl") continue;
    let method: string | undefined;
    let url: string | undefined;
    let data: string | undefined;
    const headers: Record<string, string> = {};
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as string;
      const value = () => words[++i] ?? "";
      if (w === "-X" || w === "--request") method = value().toUpperCase();
      else if (w === "-H" || w === "--header") {
        const h = value();
        const colon = h.indexOf(":");
        if (colon > 0) headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
      } else if (DATA_FLAGS.has(w)) data = value();
      else if (w === "--url") url = value();
      else if (!w.startsWith("-") && url === undefined) url = w;
    }
    if (url === undefined) continue;
    out.push({ line, method: method ?? (data === undefined ? "GET" : "POST"), url, headers, ...(data === undefined ? {} : { data }) });
  }
  return out;
}
