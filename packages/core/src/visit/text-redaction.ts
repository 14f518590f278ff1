import * as z from "zod/mini";
import type { ParsedDialogue } from "../evidence/transcript-text.js";
import type { RedactionRecord } from "../note/soap-note.js";
import { scrubDialogue } from "../redact-text/scrub-dialogue.js";
import { SCRUBBER_POLICIES, scrubberPoliciesOf, type ScrubberPolicy } from "../redact-text/scrub-policies.js";
import { textRedactionRecord } from "./redaction.js";
import { UnredactedTextError } from "./text-redaction-error.js";
import type { TranscriptionParams } from "./visit-ports.js";

/**
 * What happens to a plain-text dialogue before it goes to the LLM Gateway, decided once per visit by
 * {@link planTextRedaction} (AssemblyAI's redaction applies only to what it transcribes):
 *
 * - `scrub`: the local scrubber removes the structured identifiers of the plan's policies, then the
 *   text is sent. `statement: "deidentified"` when the caller said the text is already de-identified.
 * - `refuse`: nothing is sent (a real gateway, and the caller said nothing): names cannot be scrubbed.
 * - `send_as_is`: redaction is off (`--no-redact`, `redaction: false`): the text goes unchanged.
 */
export type TextRedactionPlan =
  | { action: "scrub"; policies: ScrubberPolicy[]; substitution: "hash" | "entity_name"; statement?: "deidentified" | undefined }
  | { action: "refuse"; policies: ScrubberPolicy[]; substitution: "hash" | "entity_name" }
  | { action: "send_as_is"; statement: "no_redact" };

/** zod schema of a stored {@link TextRedactionPlan}. */
export const textRedactionPlanSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("scrub"),
    policies: z.array(z.enum(SCRUBBER_POLICIES)),
    substitution: z.enum(["hash", "entity_name"]),
    statement: z.optional(z.literal("deidentified")),
  }),
  z.object({ action: z.literal("refuse"), policies: z.array(z.enum(SCRUBBER_POLICIES)), substitution: z.enum(["hash", "entity_name"]) }),
  z.object({ action: z.literal("send_as_is"), statement: z.literal("no_redact") }),
]);

/**
 * The rule for text dialogues, written once for both apps. Redaction off: sent as it is. Otherwise
 * the scrubber runs with the plan's policies (those it can find), and on a real gateway the text is
 * refused unless the caller stated it is already de-identified; on the sandbox it is sent scrubbed.
 *
 * @example
 * ```ts
 * planTextRedaction(plan.transcription, "assemblyai", false).action; // "refuse"
 * planTextRedaction(plan.transcription, "assemblyai", true).action;  // "scrub" (statement "deidentified")
 * ```
 */
export function planTextRedaction(t: TranscriptionParams, environment: "assemblyai" | "sandbox", deidentified: boolean): TextRedactionPlan {
  if (t.redact_pii !== true) return { action: "send_as_is", statement: "no_redact" };
  const policies = scrubberPoliciesOf(t.redact_pii_policies ?? []);
  const substitution = t.redact_pii_sub === "entity_name" ? "entity_name" : "hash";
  if (deidentified) return { action: "scrub", policies, substitution, statement: "deidentified" };
  return environment === "sandbox" ? { action: "scrub", policies, substitution } : { action: "refuse", policies, substitution };
}

/** The part of a plan the text rule reads (a stored plan written before the rule has no `textRedaction`). */
export interface TextRedactionInput {
  transcription: TranscriptionParams;
  environment: "assemblyai" | "sandbox";
  textRedaction?: TextRedactionPlan | undefined;
}

/** A plan's text decision; for a plan stored before it had one, the rule applied with no statement. */
export function textRedactionOf(plan: TextRedactionInput): TextRedactionPlan {
  return plan.textRedaction ?? planTextRedaction(plan.transcription, plan.environment, false);
}

/**
 * Throws when the plan refuses text dialogues, before anything is read or sent: an app calls it as
 * soon as it knows the input is a dialogue; {@link prepareDialogue} calls it again before sending.
 * @throws {UnredactedTextError}
 */
export function checkTextInput(plan: TextRedactionInput): void {
  if (textRedactionOf(plan).action !== "refuse") return;
  throw new UnredactedTextError(
    "Refusing to send a text dialogue to the LLM Gateway: AssemblyAI redacts only what it transcribes, and the local scrubber " +
      "removes phone numbers, emails, SSNs, record and account numbers, URLs, IP addresses and dates of birth, but not names. " +
      "Nothing was sent. Plan the visit with deidentified: true if the text is already de-identified (the scrubber still runs), " +
      "or with redaction: false to send it as it is.",
  );
}

/** A dialogue as the plan says it may be sent, and the redaction record its note carries. */
export interface PreparedDialogue {
  dialogue: ParsedDialogue;
  redaction: RedactionRecord;
}

/**
 * Applies the plan's text decision to a dialogue: scrubs it, passes it as it is, or refuses it.
 * @throws {UnredactedTextError} when the plan refuses text dialogues (nothing was sent).
 */
export function prepareDialogue(d: ParsedDialogue, plan: TextRedactionInput): PreparedDialogue {
  checkTextInput(plan);
  const decision = textRedactionOf(plan);
  if (decision.action !== "scrub") return { dialogue: d, redaction: textRedactionRecord(decision) };
  const { dialogue, found } = scrubDialogue(d, { policies: decision.policies, substitution: decision.substitution });
  return { dialogue, redaction: textRedactionRecord(decision, found) };
}

/**
 * The dialogue a note from text was written from, rebuilt from the text the caller gives again: the
 * scrub its note records (`provenance.redaction`, method `local-scrubber`) is applied the same way,
 * so regenerating a section sends what the first request sent, and its content hash matches.
 */
export function dialogueAsRecorded(d: ParsedDialogue, redaction: RedactionRecord | undefined): ParsedDialogue {
  if (redaction?.method !== "local-scrubber") return d;
  return scrubDialogue(d, { policies: redaction.policies ?? [], substitution: redaction.substitution ?? "hash" }).dialogue;
}
