/** Formatting of benchmark figures for the results table. */

const KIB = 1024;
const MIB = 1024 * 1024;

/** Milliseconds as "812 ms" below 10 s, else "12.34 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  return Math.abs(ms) < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Bytes as B, KiB or MiB with 1 decimal (2 for MiB). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  const sign = bytes < 0 ? "-" : "";
  const b = Math.abs(bytes);
  if (b < KIB) return `${sign}${Math.round(b)} B`;
  if (b < MIB) return `${sign}${(b / KIB).toFixed(1)} KiB`;
  return `${sign}${(b / MIB).toFixed(2)} MiB`;
}

/** A ratio with 3 significant decimals, or "n/a". */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return "n/a";
  return r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(3);
}
