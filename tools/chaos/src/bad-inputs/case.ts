/** A file to create in a case's folder: text, bytes, or a folder. */
export type CaseFile = string | Uint8Array | { dir: true } | { text: string; mode: number };

/** One bad input given to the CLI, with what it must answer. */
export interface BadInputCase {
  /** Short name (no PHI, no secret): the test's name. */
  name: string;
  /**
   * What the input family is (files, manifests, configs, flags, env, regenerate, transcripts, auth;
   * and the process's corners: a closed pipe, a signal, no network or a broken proxy).
   */
  family: "file" | "transcript" | "manifest" | "config" | "flag" | "env" | "regenerate" | "auth" | "pipe" | "signal" | "network";
  /** Files to create, relative to the case's folder (the CLI's cwd). */
  files?: Record<string, CaseFile>;
  /** Arguments after `soap-notes` (paths relative to the case folder). */
  args: string[];
  /** Add `--base-url/--gateway-url` of the run's sandbox. @default true */
  target?: boolean;
  /** Add `--verbose` (the suite runs the product at its most verbose). @default true for note/batch/regenerate */
  verbose?: boolean;
  env?: Record<string, string | undefined>;
  stdin?: string | Uint8Array;
  /**
   * Expected exit code: 2 usage/input, 3 key refused, 4 AssemblyAI unreachable, 130 / 143 stopped by
   * SIGINT / SIGTERM, 0 for a reader that closed the pipe early (not an error).
   */
  exit: 0 | 2 | 3 | 4 | 130 | 143;
  /** Phrases the error line must hold: what was wrong, and how to fix it. */
  phrases: (string | RegExp)[];
  /**
   * What may reach the sandbox: `none` (default): no request at all; `refused`: requests answered
   * 401 only (the key check), nothing uploaded or created.
   */
  sends?: "none" | "refused";
  /** Why the case cannot run here (e.g. root reads any file), or undefined. */
  skip?: () => string | undefined;
  /** Close the CLI's stdout at once, as a reader that exits early (`| true`) does: its writes fail with EPIPE. */
  closeStdout?: boolean;
  /**
   * Send `name` to the CLI when its stderr first matches `onStderr`, or when the file `whenFile` (in
   * the case folder) gains text matching `grows` after the start.
   */
  signal?: { name: "SIGINT" | "SIGTERM"; onStderr?: RegExp; whenFile?: { path: string; grows: RegExp } };
  /**
   * Entries the run may add to the case folder (as `+ path` lines of the tree diff), e.g. a stopped
   * batch's ledger. Anything else written fails the case. @default nothing
   */
  mayWrite?: RegExp;
}

const ID3 = (rest: string): Uint8Array => Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "latin1"), Buffer.from(rest)]);

/** A small file that passes the CLI's audio checks (ID3 header); never uploaded in these cases. */
export const FAKE_MP3 = ID3("fake audio frames for a bad-input case");
/** The first bytes of a PNG image. */
export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
/** A two-line dialogue with no PHI. */
export const DIALOGUE = "[doctor] how is the knee today ?\n[patient] it still hurts on the stairs .\n";
