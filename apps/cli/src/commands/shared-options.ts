import { type Command, Option } from "commander";

/** `--config`, `--region`, `--base-url`, `--gateway-url`, `--sandbox`: where to talk to. */
export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option("--config <file>", "soap.config.json to use (default: ./soap.config.json if present, or $SOAP_NOTES_CONFIG)")
    .addOption(new Option("--region <region>", "AssemblyAI data region (or $ASSEMBLYAI_REGION)").choices(["us", "eu"]))
    .option("--base-url <url>", "override the AssemblyAI v2 API URL (or $ASSEMBLYAI_BASE_URL), e.g. a served sandbox")
    .option("--gateway-url <url>", "override the LLM Gateway URL, without /v1 (or $ASSEMBLYAI_GATEWAY_URL)")
    .option("--sandbox", "use the local in-process sandbox even when ASSEMBLYAI_API_KEY is set (no network, sample fixtures only)")
    .option("--timeout <seconds>", "give up on one HTTP request after this many seconds, then retry it where that is safe (default 60, or $SOAP_NOTES_TIMEOUT); a note's request also gets 50 ms per token it may write")
    .option("--upload-idle-timeout <seconds>", "give up on an upload when no byte moved for this many seconds, however long it takes in all (default 60, or $SOAP_NOTES_UPLOAD_IDLE_TIMEOUT)")
    .option("--chat-timeout-per-token <ms>", "extra time a note request gets per token it may write (default 50, or $SOAP_NOTES_CHAT_TIMEOUT_PER_TOKEN_MS)")
    .option("--retry-on-timeout", "send a note request again after it timed out (the gateway may bill the first answer too; or $SOAP_NOTES_RETRY_ON_TIMEOUT=1)");
}

/** `--template`, `--model`: how the note is written. */
function addGenerationOptions(cmd: Command): Command {
  return cmd
    .option("--template <spec>", "prompt template id@version (see `soap-notes prompts list`; or $SOAP_NOTES_TEMPLATE)")
    .option("--model <id>", "LLM Gateway model id (or $SOAP_NOTES_MODEL)");
}

/** Transcription parameters: redaction, speakers, key terms, Medical Mode, deletion. */
function addTranscriptionOptions(cmd: Command): Command {
  return cmd
    .option("--redact <policies>", 'PII policies to redact: "medical" (default: HIPAA Safe Harbor preset), or a comma list, e.g. medical,person_age')
    .option("--no-redact", "do not redact PII (not recommended for real patients); a text dialogue is then sent as it is")
    .option(
      "--deidentified",
      "state that text dialogues (--transcript-file) are already de-identified, so they may go to AssemblyAI's LLM Gateway (the local scrubber still removes phone numbers, dates of birth…); or $SOAP_NOTES_DEIDENTIFIED=1",
    )
    .addOption(new Option("--redact-sub <how>", "replace redacted words with #### (hash) or [PERSON_NAME] (entity_name)").choices(["hash", "entity_name"]))
    .option("--speakers-expected <n>", "how many speakers the recording has (diarization hint)")
    .option("--keyterms <terms>", "comma-separated terms to boost, e.g. drug names")
    .option("--medical", 'Medical Mode: transcribe with domain "medical-v1"')
    .addOption(new Option("--transcript-mode <mode>", "how the gateway gets the transcript: inline (speaker-labelled lines, core's default when there are utterances) or transcript_id").choices(["inline", "transcript_id"]))
    .option("--identify-roles", "ask the LLM Gateway which speaker is the clinician and which the patient (POST /v1/understanding)")
    .option("--delete-after", "delete the transcript and its upload at AssemblyAI once the note is safely written");
}

/** `--json`, `--quiet`, `--verbose`. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option("--json", "machine-readable output (JSON on stdout; progress as JSON lines on stderr)")
    .option("-q, --quiet", "print only errors on stderr")
    .option("-v, --verbose", "print each step on stderr");
}

/**
 * The options of a command that turns visits into notes (`note`, `batch`): generation, transcription,
 * connection and output options, in that order in `--help`.
 */
export function addVisitOptions(cmd: Command): Command {
  return addOutputOptions(addConnectionOptions(addTranscriptionOptions(addGenerationOptions(cmd))));
}
