import { UsageError } from "../errors/cli-errors.js";
import type { Settings } from "../config/settings.js";
import type { VisitSpec } from "../commands/batch/manifest.js";
import { InputError } from "../errors/cli-errors.js";
import type { RemoteNoteOptions } from "./remote-visit.js";

/** The environment variable that holds the edge API key (never a flag: it would land in shell history and `ps`). */
export const API_KEY_ENV = "SOAP_NOTES_API_KEY";

/** Where a remote batch goes and with which key. */
export interface RemoteTarget {
  /** Base URL without a trailing slash (and without `/v1`). */
  apiUrl: string;
  apiKey: string;
  /** The ledger's origin of its ids: `api:<url>`. */
  origin: string;
}

/**
 * `--api <url>` and `$SOAP_NOTES_API_KEY`, checked before anything is read or sent (exit 2 with the fix).
 * http is accepted only for loopback hosts (a local `wrangler dev`): the key and the audio travel in the clear otherwise.
 */
export function remoteTarget(api: unknown, env: Readonly<Record<string, string | undefined>>, apiKeyFlag: unknown): RemoteTarget {
  if (apiKeyFlag !== undefined) {
    throw new UsageError(`the API key is never taken as a flag (it would be kept in your shell history and shown by ps): remove --api-key and set ${API_KEY_ENV} instead`);
  }
  if (typeof api !== "string" || api.trim() === "") throw new UsageError("--api needs the edge API's URL, e.g. --api https://soap-notes-api.example.workers.dev");
  let url: URL;
  try {
    url = new URL(api.trim());
  } catch {
    throw new UsageError(`--api must be a URL such as https://soap-notes-api.example.workers.dev (got something that is not a URL)`);
  }
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new UsageError("--api must be an https URL (plain http only for localhost / 127.0.0.1, e.g. a local wrangler dev)");
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new UsageError("--api must be the API's base URL only, without a user name, password, query or fragment (the key goes in SOAP_NOTES_API_KEY)");
  }
  const apiKey = env[API_KEY_ENV]?.trim();
  if (!apiKey) throw new UsageError(`--api needs an API key of your tenant in ${API_KEY_ENV} (create one with apps/edge-api/scripts/create-key.mjs)`);
  const apiUrl = `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/v1$/, "")}`;
  return { apiUrl, apiKey, origin: `api:${apiUrl}` };
}

/**
 * The run's shared `POST /v1/notes` fields from the settings, refusing what the API decides by its own
 * deployment config (exit 2, before anything is sent).
 */
export function remoteNoteOptions(settings: Settings, flags: Record<string, unknown>): RemoteNoteOptions {
  const refused: [unknown, string][] = [
    [flags["deleteAfter"], "--delete-after (the API deletes transcripts under its RETENTION_HOURS)"],
    [flags["identifyRoles"], "--identify-roles"],
    [flags["keyterms"], "--keyterms"],
    [flags["transcriptMode"], "--transcript-mode"],
    [flags["model"], "--model (the deployment's SOAP_CONFIG chooses the model)"],
    [flags["deidentified"], "--deidentified (a remote batch takes audio only)"],
    [typeof flags["redact"] === "string" ? flags["redact"] : undefined, "--redact <policies> (the deployment's config sets the policies; --no-redact is passed on)"],
  ];
  for (const [value, what] of refused) {
    if (value !== undefined && value !== false) throw new UsageError(`${what} cannot be used with --api: remove it`);
  }
  const o = settings.overrides;
  return {
    ...(settings.templateExplicit ? { template: settings.template } : {}),
    ...(o.medical === true ? { medical: true } : {}),
    ...(o.speakersExpected !== undefined ? { speakers_expected: o.speakersExpected } : {}),
    ...(flags["redact"] === false ? { redaction: false as const } : {}),
  };
}

/** A remote batch takes recordings (files or URLs); transcript rows are refused with their line (exit 2). */
export function checkRemoteRows(visits: readonly VisitSpec[]): void {
  const bad = visits.filter((v) => v.source.kind !== "audio_file" && v.source.kind !== "audio_url");
  const first = bad[0];
  if (first === undefined) return;
  const where = first.line !== undefined ? `manifest line ${first.line}` : first.id;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : "";
  throw new InputError(`${where}${more}: a remote batch (--api) takes audio files and audio URLs only; run transcript rows without --api`);
}
