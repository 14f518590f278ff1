import { ApiError, type ChatCompletion, ConnectionError, InvalidNoteError, ResponseValidationError, SectionGenerationError, SoapNotesError, SoapParseError, StructuredAnswerError } from "@org/soap-core";
import { checkEvidence, createSoapNote, generateSoapNote, type ParsedDialogue, parseSoapText, SoapNote, soapNoteFromText } from "@org/soap-core/engine";
import { getTemplate, type SoapTemplate } from "@org/soap-prompts";

/** Core's exported error classes: what a parser may throw. */
const TYPED = [SoapNotesError, SoapParseError, InvalidNoteError, StructuredAnswerError, SectionGenerationError, ApiError, ConnectionError, ResponseValidationError] as const;

/** How one call ended. `untyped` names the class only (never the message: it could quote the input). */
export type Outcome = { kind: "ok" } | { kind: "typed"; name: string } | { kind: "untyped"; name: string; detail: string };

function errorName(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}${e instanceof RangeError && /call stack/i.test(e.message) ? " (stack overflow)" : ""}` : typeof e;
}

/**
 * Sorts a thrown value. A typed error hiding an unexpected one counts as untyped: SoapParseError
 * "internal" (the parser caught its own bug) and a SectionGenerationError whose causes are not typed.
 */
export function classify(e: unknown): Outcome {
  if (!TYPED.some((cls) => e instanceof cls)) return { kind: "untyped", name: errorName(e), detail: "not one of core's error classes" };
  if (e instanceof SoapParseError && e.code === "internal") return { kind: "untyped", name: errorName((e as Error).cause), detail: "SoapParseError internal" };
  if (e instanceof SectionGenerationError) {
    const causes = (e.cause as AggregateError | undefined)?.errors ?? [];
    for (const c of causes) {
      const inner = classify(c);
      if (inner.kind === "untyped") return { ...inner, detail: `inside SectionGenerationError: ${inner.detail}` };
    }
  }
  return { kind: "typed", name: (e as Error).name };
}

/** A result that does not honour its type is as bad as an untyped throw. */
export class BadResult extends Error {
  override name = "BadResult";
}

function assertNote(note: unknown): void {
  const r = SoapNote.safeParse(note);
  if (!r.success) throw new BadResult(`not a SoapNote at ${r.error.issues[0]?.path.join(".") ?? "?"}`);
}

/** parseSoapText: a ParsedSoapText whose segments tile the input. */
export function fuzzParse(text: string, variant: number): void {
  const options = [{}, { assessmentAndPlan: "both" as const }, { section: "plan" as const }, { section: "subjective" as const, assessmentAndPlan: "both" as const }][variant % 4];
  const parsed = parseSoapText(text, options);
  let at = 0;
  for (const s of parsed.segments) {
    if (s.start !== at || s.end <= s.start) throw new BadResult("segments do not tile the input");
    at = s.end;
  }
  if (at !== text.length) throw new BadResult("segments do not cover the input");
  for (const sec of Object.values(parsed.sections)) if (typeof sec.text !== "string") throw new BadResult("section text is not a string");
}

/** soapNoteFromText: a valid SoapNote. */
export function fuzzNoteFromText(text: string, provenance: SoapNote["provenance"]): void {
  assertNote(soapNoteFromText(text, { provenance }));
}

/** checkEvidence on a note whose plan statements cite `quotes` taken from fuzzed text. */
export function fuzzEvidence(provenance: SoapNote["provenance"], quotes: string[], transcript: ParsedDialogue): void {
  const statements = quotes.map((quote, i) => ({ text: `statement ${i}`, evidence: [{ quote }] }));
  const note = createSoapNote({ sections: { plan: { text: "plan", statements } }, provenance });
  assertNote(checkEvidence(note, transcript));
}

const TEMPLATES: Record<"complete" | "sectioned" | "structured", SoapTemplate> = {
  complete: getTemplate("soap-complete@1"),
  sectioned: getTemplate("soap-sectioned@1"),
  structured: getTemplate("soap-structured@2"),
};

/** generateSoapNote with a gateway that answers `answers` in turn (the last one repeats). */
export async function fuzzGenerate(mode: keyof typeof TEMPLATES, answers: string[], transcript: ParsedDialogue): Promise<void> {
  let i = 0;
  const gateway = {
    chat: async (): Promise<ChatCompletion> => {
      const content = answers[Math.min(i++, answers.length - 1)] ?? "";
      return { choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 } } as ChatCompletion;
    },
  };
  const note = await generateSoapNote({ gateway, template: TEMPLATES[mode], templateHash: "sha256:fuzz", transcript, model: "chaos-fuzz", transcriptMode: "inline" });
  assertNote(note);
}
