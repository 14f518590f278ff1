/** A latency model for the sandbox: per-route latency (base + seeded jitter) and transcription time. */
export interface LatencyModel {
  /** Shown in the report, e.g. "standard". */
  name: string;
  upload: { baseMs: number; jitterMs: number };
  create: { baseMs: number; jitterMs: number };
  get: { baseMs: number; jitterMs: number };
  chat: { baseMs: number; jitterMs: number };
  /** Time a transcript stays `queued` (no jitter: the sandbox models it as fixed). */
  queuedMs: number;
  /** Time a transcript stays `processing` (no jitter). */
  processingMs: number;
}

/** B1, B2: upload 0.2 s, transcription 3 s, each gateway call 1.5 s, small API latencies, with jitter. */
export const STANDARD_MODEL: LatencyModel = {
  name: "standard",
  upload: { baseMs: 200, jitterMs: 20 },
  create: { baseMs: 30, jitterMs: 10 },
  get: { baseMs: 30, jitterMs: 10 },
  chat: { baseMs: 1500, jitterMs: 100 },
  queuedMs: 100,
  processingMs: 2900,
};

/** B3: shorter, so a 200-visit batch finishes in about a minute: upload 50 ms, transcription 1.5 s, gateway 0.4 s. */
export const BATCH_MODEL: LatencyModel = {
  name: "batch (shortened)",
  upload: { baseMs: 50, jitterMs: 10 },
  create: { baseMs: 20, jitterMs: 10 },
  get: { baseMs: 20, jitterMs: 10 },
  chat: { baseMs: 400, jitterMs: 40 },
  queuedMs: 100,
  processingMs: 1400,
};

/** The transcription time of a model (queued + processing). */
export function transcriptionMs(m: LatencyModel): number {
  return m.queuedMs + m.processingMs;
}

/** One line describing a model, for the report. */
export function describeModel(m: LatencyModel): string {
  const r = (s: { baseMs: number; jitterMs: number }) => `${s.baseMs}+U[0,${s.jitterMs}) ms`;
  return `${m.name}: upload ${r(m.upload)}, create ${r(m.create)}, get ${r(m.get)}, chat ${r(m.chat)}, transcription ${transcriptionMs(m)} ms (queued ${m.queuedMs} + processing ${m.processingMs}, no jitter)`;
}

/** The sandbox options (`latency`, `queuedMs`, `processingMs`) for a model. */
export function sandboxLatencyOptions(m: LatencyModel): {
  latency: Record<"upload" | "create" | "get" | "chat", { baseMs: number; jitterMs: number }>;
  queuedMs: number;
  processingMs: number;
} {
  return {
    latency: { upload: { ...m.upload }, create: { ...m.create }, get: { ...m.get }, chat: { ...m.chat } },
    queuedMs: m.queuedMs,
    processingMs: m.processingMs,
  };
}

/**
 * Transcription times for `reps` repetitions spread evenly over `centreMs` ± `spreadMs` (rep i at
 * the centre of the i-th of `reps` equal slices), so that no fixed poll interval is favoured by
 * landing exactly on the completion time (3 s polling against a 3.0 s transcription would).
 */
export function spreadTranscriptionTimes(reps: number, centreMs: number, spreadMs: number): number[] {
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError("reps must be a positive integer");
  return Array.from({ length: reps }, (_, i) => Math.round(centreMs - spreadMs + (2 * spreadMs * (i + 0.5)) / reps));
}
