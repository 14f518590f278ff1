// Every ASCII punctuation character that starts or ends inline Markdown in CommonMark or GitHub
// Flavored Markdown: backslash escapes, code spans, emphasis, links, images and footnote references
// ([^1], ![x] needs the bracket), raw HTML and autolinks, table cells, strikethrough, and `$…$`
// math on GitHub; `&` only where it would start an entity reference (`&amp;`, `&#42;`). CommonMark
// renders a backslash before any ASCII punctuation as the character itself.
const INLINE_SPECIALS = /[\\`*_[\]<>|~$]|&(?=#?[0-9A-Za-z]+;)/g;

// GFM turns `www.…` and `scheme://…` into links whose text is the source as written, backslashes
// and all; escaping the dot or the colon keeps them plain text, shown exactly as spoken.
const AUTOLINK_STARTS = /(?<=www)\.|:(?=\/\/)/gi;

const escapeInline = (text: string): string => text.replace(INLINE_SPECIALS, (c) => `\\${c}`).replace(AUTOLINK_STARTS, (c) => `\\${c}`);

/**
 * Escapes text for use inside one line of Markdown so that it renders verbatim: speech such as
 * `*x*`, `<b>`, `[^9]`, backticks, `|` or `\` can never start emphasis, inject HTML, or open a
 * footnote. Whitespace runs (including newlines) become one space, so the text stays on its line.
 *
 * @example
 * ```ts
 * escapeMarkdownInline("take *2* <b>now</b>"); // "take \\*2\\* \\<b\\>now\\</b\\>"
 * ```
 */
export function escapeMarkdownInline(text: string): string {
  return escapeInline(text.replace(/\s+/g, " "));
}

// What makes a trimmed line a heading, list item, thematic break or setext underline when it comes
// first (`>`, `|`, `*`, backticks and `~` are escaped wherever they are).
const LINE_START = /^([#+\-=]|\d+[.)])/;

/**
 * Escapes multi-line text (a section kept as prose, text outside any section) so that every line
 * renders as the plain paragraph text it is: inline marks are escaped as in
 * {@link escapeMarkdownInline}, and a line that would start a heading, block quote, list, table
 * or code block is defused. Paragraph breaks (blank lines) are kept; other line breaks too.
 *
 * @example
 * ```ts
 * escapeMarkdownBlock("# not a heading\n- not a list"); // "\\# not a heading\n\\- not a list"
 * ```
 */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === "") return "";
      const inline = escapeInline(trimmed.replace(/[ \t]+/g, " "));
      return inline.replace(LINE_START, (mark: string) => (/^\d/.test(mark) ? `${mark.slice(0, -1)}\\${mark.slice(-1)}` : `\\${mark}`));
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/**
 * A Markdown code span showing `text` verbatim, fenced with more backticks than any run inside it.
 * @example
 * ```ts
 * codeSpan("soap-complete@1"); // "`soap-complete@1`"
 * ```
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // CommonMark strips one space at each end when both ends have one: pad so nothing is lost.
  const pad = flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
