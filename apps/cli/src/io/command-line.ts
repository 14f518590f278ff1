/** One argument as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** The command to type to run `soap-notes` again with the same arguments (to resume a batch). */
export function rerunCommand(argv: readonly string[]): string {
  return ["soap-notes", ...argv.map(shellQuote)].join(" ");
}
