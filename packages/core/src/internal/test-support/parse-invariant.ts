import type { ParsedSoapText, ParseTarget } from "../../parse/parse-soap-text.js";
import { nonWhitespace } from "../text/normalize.js";

/**
 * Checks the parser's no-text-lost invariant (see parseSoapText's JSDoc) and returns a list of
 * violations (empty when it holds).
 */
export function invariantViolations(input: string, parsed: ParsedSoapText): string[] {
  const problems: string[] = [];
  let at = 0;
  for (const s of parsed.segments) {
    if (s.start !== at) problems.push(`segment gap/overlap at ${at}..${s.start}`);
    at = s.end;
  }
  if (at !== input.length) problems.push(`segments end at ${at}, input length ${input.length}`);
  const expected = (target: ParseTarget, index?: number): string =>
    parsed.segments
      .filter((s) => s.kind === "body" && s.targets.includes(target) && s.unassignedIndex === index)
      .map((s) => nonWhitespace(input.slice(s.start, s.end)))
      .join("");
  const check = (label: string, actual: string, target: ParseTarget, index?: number): void => {
    if (nonWhitespace(actual) !== expected(target, index)) problems.push(`${label} does not hold its body segments`);
  };
  check("preamble", parsed.preamble, "preamble");
  for (const [name, section] of Object.entries(parsed.sections)) check(name, section.text, name as ParseTarget);
  parsed.unassigned.forEach((u, i) => check(`unassigned[${i}]`, u.text, "unassigned", i));
  for (const s of parsed.segments) {
    const slice = input.slice(s.start, s.end);
    if (s.kind === "markup" && !/^ {0,3}(```|~~~)/.test(slice)) problems.push(`non-fence markup at ${s.start}`);
    if (s.kind === "body" && s.targets.length === 0) problems.push(`body without target at ${s.start}`);
  }
  return problems;
}
