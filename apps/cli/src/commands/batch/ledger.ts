import { type FileHandle, open, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { fsyncDir } from "../../io/fs-durable.js";
import { applyEvent, type LedgerEvent, parseLedger, reduceLedger, type VisitState } from "./ledger-format.js";

/** The ledger's file name inside the output folder. */
export const LEDGER_FILE = ".soap-notes-ledger.jsonl";

/**
 * The batch ledger: JSON lines, append-only, each line fsynced before `append` resolves.
 *
 * Why append-only JSON lines rather than rewriting one JSON file: an append costs one small write
 * and one fsync whatever the batch size (a rewrite grows with every visit, under a lock, 8 workers
 * at once), and the only damage a crash can do is a torn LAST line, which {@link parseLedger}
 * recognises and {@link Ledger.open} truncates away. The log is also an audit trail.
 */
export class Ledger {
  readonly path: string;
  /** State of each visit as loaded at open time, then kept current by `append`. */
  readonly states: Map<string, VisitState>;
  /** Lines that could not be used when opening (line numbers only). */
  readonly warnings: string[];
  private readonly handle: FileHandle;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(path: string, handle: FileHandle, events: LedgerEvent[], warnings: string[]) {
    this.path = path;
    this.handle = handle;
    this.states = reduceLedger(events);
    this.warnings = warnings;
  }

  /** Opens (or creates) the ledger at `path`, truncating a torn last line left by a crash. */
  static async open(path: string): Promise<Ledger> {
    let text = "";
    let existed = true;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      existed = false;
    }
    const parsed = parseLedger(text);
    if (existed && parsed.validBytes < Buffer.byteLength(text)) await truncate(path, parsed.validBytes);
    const handle = await open(path, "a");
    if (!existed) await fsyncDir(dirname(path));
    return new Ledger(path, handle, parsed.events, parsed.warnings);
  }

  /** The state of one visit, if the ledger has seen it. */
  get(visit: string): VisitState | undefined {
    return this.states.get(visit);
  }

  /**
   * Appends one event and resolves once it is on disk. Appends are serialised, so concurrent
   * visits never interleave bytes within a line.
   */
  append(event: Omit<LedgerEvent, "v" | "at"> & { at?: string }): Promise<void> {
    if (this.closed) return Promise.reject(new Error("ledger is closed"));
    const full: LedgerEvent = { v: 1, at: event.at ?? new Date().toISOString(), ...event } as LedgerEvent;
    const line = `${JSON.stringify(full)}\n`;
    const next = this.queue.then(async () => {
      await this.handle.write(line);
      await this.handle.datasync();
      this.states.set(full.visit, applyEvent(this.states.get(full.visit), full));
    });
    // Keep the chain alive after a failed write; the caller still sees the failure.
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.handle.close();
  }
}
