/** Messages between the B4 parent and its child processes (over the fork IPC channel). */

/** A server child is listening. */
export interface ReadyMessage {
  kind: "ready";
  port: number;
  rssBytes: number;
}

/** A server child's memory, on request. */
export interface MemoryReport {
  kind: "memory";
  rssBytes: number;
  maxRssBytes: number;
}

/** The hash sink received one whole request body. */
export interface ReceivedMessage {
  kind: "received";
  bytes: number;
  sha256: string;
}

/** What an upload client measured. */
export interface UploadReport {
  kind: "upload";
  mode: UploadMode;
  ok: boolean;
  error?: string;
  ms: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  /** Peak RSS sampled every 5 ms minus the RSS before the upload. */
  growthBytes: number;
  /** The kernel's maxRSS minus the RSS before the upload (an upper bound: it includes start-up). */
  maxRssGrowthBytes: number;
}

/** How the upload client sends the file. */
export const UPLOAD_MODES = ["limit", "ours-blob", "ours-stream", "ours-request", "baseline"] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** Parent → server child. */
export type ParentMessage = { kind: "report" } | { kind: "close" };

/** Child → parent. */
export type ChildMessage = ReadyMessage | MemoryReport | ReceivedMessage | UploadReport;

/** Sends a message to the parent (no-op without an IPC channel). */
export function toParent(m: ChildMessage): void {
  process.send?.(m);
}

/** This process's peak resident set size so far, in bytes. */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
