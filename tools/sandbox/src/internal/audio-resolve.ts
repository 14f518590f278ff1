import type { Fixture } from "./fixture-schema.js";
import type { StoredUpload } from "./state.js";

/** Where to send people whose audio the sandbox does not know. */
export const UNKNOWN_AUDIO_HELP =
  "The soap-notes sandbox only knows its fixture audio: upload one of the files in samples/visits/ " +
  "(recognised by SHA-256) or use an audio_url whose last path segment is a fixture's file name or slug " +
  "(e.g. https://example.com/visit-01-knee-pain.mp3). To add a fixture, see tools/sandbox/README.md " +
  "(\"Adding a fixture\").";

export interface AudioResolution {
  fixture: Fixture | null;
  uploadId: string | null;
  failure: string | null;
}

/** Lookup tables over the fixtures. */
export class FixtureIndex {
  readonly #bySha = new Map<string, Fixture>();
  readonly #byName = new Map<string, Fixture>();

  constructor(fixtures: readonly Fixture[]) {
    for (const f of fixtures) {
      this.#bySha.set(f.audio.sha256, f);
      const file = f.audio.file.split("/").pop() ?? f.audio.file;
      this.#byName.set(file.toLowerCase(), f);
      this.#byName.set(f.slug.toLowerCase(), f);
    }
  }

  bySha256(sha: string): Fixture | undefined {
    return this.#bySha.get(sha);
  }

  /** A fixture named by a URL's last path segment: its audio file name, or its slug with any extension. */
  byLastSegment(segment: string): Fixture | undefined {
    const name = segment.toLowerCase();
    return this.#byName.get(name) ?? this.#byName.get(name.replace(/\.[a-z0-9]+$/, ""));
  }
}

const UPLOAD_PATH = /\/upload\/([0-9a-f-]{36})$/i;

/**
 * Maps an `audio_url` to a fixture. Rule (documented in the README):
 * 1. a URL whose path ends in `/upload/<id>` of an upload of this sandbox -> the fixture whose SHA-256
 *    equals the uploaded bytes' (any host, so the sandbox's own upload_url works behind any origin);
 * 2. otherwise the URL's last path segment, decoded, equal to a fixture's audio file name
 *    (`visit-01-knee-pain.mp3`) or slug (`visit-01-knee-pain`, with or without an extension);
 * 3. otherwise the job ends in status "error" with `UNKNOWN_AUDIO_HELP`.
 */
export function resolveAudio(
  audioUrl: string,
  owner: string,
  uploads: ReadonlyMap<string, StoredUpload>,
  index: FixtureIndex,
): AudioResolution | { forbidden: true } {
  const url = new URL(audioUrl);
  const uploadMatch = UPLOAD_PATH.exec(url.pathname);
  const upload = uploadMatch?.[1] ? uploads.get(uploadMatch[1].toLowerCase()) : undefined;
  if (upload) {
    if (upload.owner !== owner) return { forbidden: true };
    if (upload.deleted) {
      return { fixture: null, uploadId: upload.id, failure: "The uploaded file was deleted (its transcript was deleted)." };
    }
    const fixture = index.bySha256(upload.sha256) ?? null;
    return {
      fixture,
      uploadId: upload.id,
      failure: fixture ? null : `Unknown audio: the uploaded file (sha256 ${upload.sha256}) is not a sandbox fixture. ${UNKNOWN_AUDIO_HELP}`,
    };
  }
  const segments = url.pathname.split("/").filter(Boolean);
  const last = segments[segments.length - 1];
  let decoded = last ?? "";
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep the raw segment: a malformed escape cannot name a fixture anyway
  }
  const fixture = decoded ? index.byLastSegment(decoded) : undefined;
  if (fixture) return { fixture, uploadId: null, failure: null };
  return { fixture: null, uploadId: null, failure: `Unknown audio at audio_url. ${UNKNOWN_AUDIO_HELP}` };
}
