import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, type CliResult } from "../support/cli.js";
import { LEDGER_FILE } from "./check-out.js";
import type { KillMoment } from "./plan.js";

/** One attempt of a crash run: how it ended and when (ms after spawn) it was killed. */
export interface Attempt {
  result: CliResult;
  /** ms after spawn the SIGKILL was sent; undefined when the attempt ended first (or had no kill). */
  killedAtMs?: number;
  /** ms after spawn of the first byte of output; undefined when there was none. */
  firstOutputMs?: number;
  /** ms from spawn to exit. */
  elapsedMs: number;
  /** Notes on disk when the attempt started. */
  notesBefore: number;
  /** What a kill left in the out folder (for killed attempts): the next run must clean it up. */
  leftover?: Leftover;
}

/** Traces of a killed run in its out folder. */
export interface Leftover {
  /** Hidden temp files of interrupted atomic writes. */
  tempFiles: number;
  /** The dead process's lock file. */
  lock: boolean;
  /** The ledger's last line has no newline (torn mid-append). */
  tornLedger: boolean;
  /** Whole ledger lines at the kill: where the next attempt's lines start. */
  ledgerLines: number;
}

/** Reads what a killed attempt left behind. */
export function leftoverOf(outDir: string): Leftover {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return { tempFiles: 0, lock: false, tornLedger: false, ledgerLines: 0 };
  }
  let tornLedger = false;
  let ledgerLines = 0;
  if (names.includes(LEDGER_FILE)) {
    const text = readFileSync(join(outDir, LEDGER_FILE), "utf8");
    tornLedger = text !== "" && !text.endsWith("\n");
    ledgerLines = text.split("\n").length - 1;
  }
  const tempFiles = names.filter((n) => n.startsWith(".") && n.includes(".tmp-")).length;
  return { tempFiles, lock: names.includes(".soap-notes.lock"), tornLedger, ledgerLines };
}

/** `<id>.json` notes in an out folder (the temp files are hidden, so they do not count). */
export function notesOnDisk(outDir: string): number {
  try {
    return readdirSync(outDir).filter((n) => /^visit-\d+\.json$/.test(n)).length;
  } catch {
    return 0;
  }
}

/**
 * Runs the CLI once, SIGKILLing it at `kill` (if any). For an `after_output` kill the delay is the
 * planned fraction of `expectedMs` scaled by the share of visits still to do, counted from the
 * first byte on stdout or stderr.
 */
export async function runAttempt(
  args: readonly string[],
  o: { logName: string; outDir: string; total: number; expectedMs: number; kill?: KillMoment },
): Promise<Attempt> {
  const notesBefore = notesOnDisk(o.outDir);
  const started = performance.now();
  let killedAtMs: number | undefined;
  let firstOutputMs: number | undefined;
  const result = await runCli(args, {
    logName: o.logName,
    timeoutMs: 90_000,
    onSpawn: (child) => {
      const kill = o.kill;
      let timer: NodeJS.Timeout | undefined;
      const fire = (): void => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        killedAtMs = Math.round(performance.now() - started);
        child.kill("SIGKILL");
      };
      const onFirst = (): void => {
        if (firstOutputMs !== undefined) return;
        firstOutputMs = Math.round(performance.now() - started);
        if (kill?.kind === "after_output") {
          const remaining = (o.total - notesBefore) / o.total;
          timer = setTimeout(fire, Math.round(kill.fraction * remaining * o.expectedMs));
        }
      };
      child.stdout?.once("data", onFirst);
      child.stderr?.once("data", onFirst);
      if (kill?.kind === "early") timer = setTimeout(fire, kill.ms);
      child.once("exit", () => clearTimeout(timer));
    },
  });
  const elapsedMs = Math.round(performance.now() - started);
  const killed = killedAtMs !== undefined && result.signal === "SIGKILL";
  return {
    ...(killed ? { leftover: leftoverOf(o.outDir) } : {}),
    result,
    elapsedMs,
    notesBefore,
    ...(killed ? { killedAtMs } : {}),
    ...(firstOutputMs !== undefined ? { firstOutputMs } : {}),
  };
}
