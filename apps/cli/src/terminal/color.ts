import { WriteStream } from "node:tty";
import { styleText } from "node:util";
import type { TextSink } from "../context.js";

/** The styles the CLI uses (names of `util.styleText`). */
export type Style = "green" | "red" | "yellow" | "bold" | "dim";

type Env = Record<string, string | undefined>;

/**
 * The environment Node's colour detection should see: `NO_COLOR` counts only when non-empty
 * (no-color.org), and `FORCE_COLOR` beats it, as in Node (dropping it avoids Node's warning that
 * it is ignored).
 */
export function colorEnv(env: Env): Env {
  const out: Env = { ...env };
  if ((out["NO_COLOR"] ?? "") === "" || out["FORCE_COLOR"] !== undefined) delete out["NO_COLOR"];
  return out;
}

/**
 * Colour depth of a stream under `env`, by Node's own rules (`tty.WriteStream#getColorDepth`:
 * `FORCE_COLOR` 0–3, `NO_COLOR`, `NODE_DISABLE_COLORS`, `TERM=dumb`, `COLORTERM`, CI…): 1 means no
 * colour. A stream that is not a terminal gets colour only when `FORCE_COLOR` asks for it.
 */
export function colorDepth(sink: TextSink, env: Env): number {
  const e = colorEnv(env);
  if (e["FORCE_COLOR"] === undefined && sink.isTTY !== true) return 1;
  const own = (sink as Partial<Pick<WriteStream, "getColorDepth">>).getColorDepth;
  // A real terminal stream answers for itself; a stand-in (tests, a pipe with FORCE_COLOR) through the prototype.
  return typeof own === "function" ? own.call(sink, e) : WriteStream.prototype.getColorDepth.call(sink as WriteStream, e);
}

/** Whether to colour what goes to `sink`. */
export function colorEnabled(sink: TextSink, env: Env): boolean {
  return colorDepth(sink, env) > 1;
}

/**
 * Whether `sink` may be redrawn in place (a live progress line): a terminal that is not
 * `TERM=dumb`. Elsewhere output is plain lines.
 */
export function canRedraw(sink: TextSink, env: Env): boolean {
  return sink.isTTY === true && env["TERM"] !== "dumb";
}

/**
 * A painter: `util.styleText` when colour is on, the text unchanged when it is off. The decision is
 * {@link colorEnabled}'s (the CLI's own stream and environment), not styleText's check of stdout.
 */
export function painter(on: boolean): (style: Style, text: string) => string {
  return on ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
