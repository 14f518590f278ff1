import type { CreateTranscriptParams } from "@org/soap-core";
import type { SoapConfig } from "@org/soap-prompts";
import type { CreateNoteBody } from "./notes-schemas.js";

/**
 * The transcription options of a job (stored with it; never the audio URL or the webhook fields).
 * `Partial` rather than `Omit`: the params type has an index signature, which `Omit` would collapse.
 */
export type TranscriptionOptions = Partial<CreateTranscriptParams>;

/**
 * Merges the deployment's transcription defaults (`SOAP_CONFIG.transcription`) with the request's
 * `redaction`, `speakers_expected` and `medical`.
 */
export function transcriptionOptions(config: SoapConfig, body: CreateNoteBody): TranscriptionOptions {
  const options: TranscriptionOptions = { ...structuredClone(config.transcription) } as TranscriptionOptions;
  if (body.redaction === false) {
    options.redact_pii = false;
    delete options.redact_pii_policies;
    delete options.redact_pii_sub;
  } else if (body.redaction === true) {
    options.redact_pii = true;
  } else if (body.redaction) {
    options.redact_pii = true;
    if (body.redaction.policies) options.redact_pii_policies = body.redaction.policies;
    if (body.redaction.substitution) options.redact_pii_sub = body.redaction.substitution;
  }
  if (options.redact_pii && !options.redact_pii_policies?.length) {
    options.redact_pii_policies = ["person_name"];
  }
  if (body.speakers_expected !== undefined) {
    options.speaker_labels = true;
    options.speakers_expected = body.speakers_expected;
  }
  if (body.medical === true) options.domain = "medical-v1";
  else if (body.medical === false) delete options.domain;
  return options;
}
