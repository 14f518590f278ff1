/** An audio container recognised from its first bytes. */
export interface AudioFormat {
  /** Short name, e.g. `mp3`. */
  format: "mp3" | "aac" | "wav" | "ogg" | "flac" | "mp4" | "webm" | "aiff" | "amr";
  /** MIME type to send with the upload. */
  contentType: string;
}

/** How many leading bytes {@link sniffAudio} needs. */
export const SNIFF_BYTES = 16;

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Recognises an audio file from its magic bytes: ID3 / MPEG frame sync (mp3), ADTS (aac), RIFF WAVE,
 * OggS, fLaC, ISO-BMFF `ftyp` (m4a/mp4/mov), EBML (webm/mkv), FORM AIFF, `#!AMR`.
 * Returns `null` for anything else (text, JSON, images, PDFs…).
 *
 * @example
 * ```ts
 * sniffAudio(new TextEncoder().encode("ID3\x04...")); // { format: "mp3", contentType: "audio/mpeg" }
 * ```
 */
export function sniffAudio(bytes: Uint8Array): AudioFormat | null {
  if (ascii(bytes, 0, "ID3")) return { format: "mp3", contentType: "audio/mpeg" };
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return { format: "wav", contentType: "audio/wav" };
  if (ascii(bytes, 0, "OggS")) return { format: "ogg", contentType: "audio/ogg" };
  if (ascii(bytes, 0, "fLaC")) return { format: "flac", contentType: "audio/flac" };
  if (ascii(bytes, 4, "ftyp")) return { format: "mp4", contentType: "audio/mp4" };
  if (ascii(bytes, 0, "FORM") && (ascii(bytes, 8, "AIFF") || ascii(bytes, 8, "AIFC"))) {
    return { format: "aiff", contentType: "audio/aiff" };
  }
  if (ascii(bytes, 0, "#!AMR")) return { format: "amr", contentType: "audio/amr" };
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0x1a && b1 === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return { format: "webm", contentType: "audio/webm" };
  }
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0) {
    const layer = (b1 >> 1) & 0x03;
    // ADTS AAC: 12 sync bits and layer 00.
    if ((b1 & 0xf0) === 0xf0 && layer === 0) return { format: "aac", contentType: "audio/aac" };
    // MPEG audio frame (mp3/mp2): 11 sync bits, version 01 and layer 00 are reserved.
    if (((b1 >> 3) & 0x03) === 1 || layer === 0) return null;
    return { format: "mp3", contentType: "audio/mpeg" };
  }
  return null;
}
