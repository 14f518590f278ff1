/** Size of every part of an upload but the last (R2 needs parts of one size, at least 5 MiB, except the last). */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;
/** Largest recording one upload may hold (1 GiB: ten hours of 192 kbit/s audio is about 860 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** An upload (and its object in R2) is deleted this long after it was created, whatever happened to it. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;
/** How long the signed GET URL handed to AssemblyAI works (never past the object's own deletion). */
export const AUDIO_URL_TTL_MS = UPLOAD_TTL_MS;

/** How many parts an upload of `size` bytes has. */
export function partCount(size: number): number {
  return Math.max(1, Math.ceil(size / UPLOAD_PART_BYTES));
}

/** The exact byte length part `partNumber` (1-based) of an upload of `size` bytes must have; undefined when there is no such part. */
export function expectedPartBytes(size: number, partNumber: number): number | undefined {
  const parts = partCount(size);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > parts) return undefined;
  return partNumber < parts ? UPLOAD_PART_BYTES : size - (parts - 1) * UPLOAD_PART_BYTES;
}

/**
 * The file name kept for an upload: the last path segment, with anything but letters, digits, `.`, `_`
 * and `-` replaced, at most 100 characters; `audio` when nothing is left. It ends the signed URL handed
 * to AssemblyAI (which receives the recording itself), never a log.
 */
export function safeFileName(name: string | undefined): string {
  const last = (name ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = last.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[.-]+/, "").slice(0, 100);
  return cleaned === "" ? "audio" : cleaned;
}
