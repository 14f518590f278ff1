/** A fenced code block of an MDX page. */
export interface CodeBlock {
  /** The info string's first word (`python`, `javascript`, `bash`, `json`, `plain`...), lower-case. */
  lang: string;
  /** The rest of the info string (`title="Python SDK" highlight={17}`). */
  meta: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
  code: string;
  /** Inside a `{/* ... *\/}` JSX comment: in the source, not rendered on the page. */
  commented: boolean;
}

/**
 * The fenced code blocks of an MDX page, in order. A fence closes on a line of at least as many
 * backticks as opened it (the docs open some with three and close with four). JSX comments are
 * tracked outside code blocks, so blocks the page comments out are marked.
 */
export function codeBlocks(page: string): CodeBlock[] {
  const lines = page.split("\n");
  const out: CodeBlock[] = [];
  let commented = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = /^\s*(`{3,})\s*([^\s`]*)\s*(.*)$/.exec(line);
    if (!open) {
      // Outside code: follow JSX comments (`{/* ... */}`, possibly over several lines).
      const start = line.lastIndexOf("{/*");
      const end = line.lastIndexOf("*/}");
      if (start !== -1 && start > end) commented = true;
      else if (end !== -1) commented = false;
      continue;
    }
    const fence = (open[1] as string).length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,})\s*$/.exec(lines[j] as string);
      if (close && (close[1] as string).length >= fence) break;
      body.push(lines[j] as string);
    }
    out.push({ lang: (open[2] as string).toLowerCase(), meta: (open[3] as string).trim(), line: i + 1, code: body.join("\n"), commented });
    i = j;
  }
  return out;
}
