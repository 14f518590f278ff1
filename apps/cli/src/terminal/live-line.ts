import type { TextSink } from "../context.js";

/** One line redrawn in place at the bottom of a terminal, with plain lines printed above it. */
export interface LiveLine {
  /** Starts drawing `render()` every `intervalMs` (counts that change show at the next frame). */
  start(): void;
  /** Prints `line` above the live line. */
  print(line: string): void;
  /** Clears the live line and stops drawing. */
  stop(): void;
}

/** Options of {@link openLiveLine}. */
export interface LiveLineOptions {
  sink: TextSink;
  /** The text of the line; cut to the terminal's width with `…`. */
  render: () => string;
  /** @default 250 */
  intervalMs?: number;
}

/** Some terminals (and `script`) report 0 columns: then assume this many (cli-progress's own default). */
const FALLBACK_COLUMNS = 80;

/** Cuts `text` so it fits `columns - 1` cells (a full last cell makes some terminals wrap). */
export function fitToWidth(text: string, columns: number | undefined): string {
  const cols = columns !== undefined && columns >= 20 ? columns : FALLBACK_COLUMNS;
  return text.length > cols - 1 ? `${text.slice(0, Math.max(0, cols - 2))}…` : text;
}

/**
 * The live progress line, drawn by `cli-progress` (loaded here, on first use, so a run that never
 * draws on a terminal never pays for it): a `MultiBar` with one bar, whose `log()` prints lines above
 * the bar. The library owns the redraw timer and the cursor moves; it installs no signal handler
 * (the CLI's own Ctrl-C handling stops it) and never hides the cursor or turns off line wrapping,
 * so a process killed mid-draw leaves the terminal as it was.
 */
export async function openLiveLine(o: LiveLineOptions): Promise<LiveLine> {
  // A CommonJS module: its `module.exports` is the default export, under Node and once bundled.
  const { MultiBar } = (await import("cli-progress")).default;
  const intervalMs = o.intervalMs ?? 250;
  const bars = new MultiBar({
    stream: o.sink as unknown as NodeJS.WritableStream,
    format: () => fitToWidth(o.render(), o.sink.columns),
    fps: 1000 / intervalMs,
    // Redraw every frame: printing a line above the bar erases it, the next frame draws it again.
    forceRedraw: true,
    clearOnComplete: true,
    hideCursor: false,
    linewrap: true,
    gracefulExit: false,
  });
  let running = false;
  return {
    start() {
      if (running) return;
      running = true;
      bars.create(1, 0);
      // The library's first frame waits one interval: draw it now.
      bars.update();
    },
    print(line) {
      if (!running) {
        o.sink.write(`${line}\n`);
        return;
      }
      // Buffered by the library, then written above the bar by the redraw forced right away.
      bars.log(`${line}\n`);
      bars.update();
    },
    stop() {
      if (!running) return;
      running = false;
      bars.stop();
    },
  };
}
