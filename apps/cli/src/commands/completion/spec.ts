import type { Command } from "commander";

/** One option as the completion scripts need it. */
export interface OptionSpec {
  long?: string;
  short?: string;
  /** Takes a value (`--out <dir>`), completed from `choices` or as a file name. */
  takesValue: boolean;
  choices?: readonly string[];
  description: string;
}

/** One command (or the program itself): its options and subcommands. */
export interface CommandSpec {
  /** Names from the program down, e.g. `["prompts", "show"]`; `[]` for the program. */
  path: string[];
  description: string;
  options: OptionSpec[];
  /** The choices of its first argument, if it has any (`completion <bash|zsh|fish>`). */
  argumentChoices: readonly string[];
  subcommands: CommandSpec[];
}

const HELP: OptionSpec = { long: "--help", short: "-h", takesValue: false, description: "display help for command" };

/** First line of a description, without characters that would need quoting in every shell. */
export function oneLine(text: string): string {
  return (text.split("\n")[0] ?? "").replace(/["'`$\\]/g, "").slice(0, 100);
}

/**
 * The command tree of a commander program, read from the program itself so the completion scripts
 * can never drift from the commands and options that exist.
 */
export function commandSpec(cmd: Command, path: string[] = []): CommandSpec {
  const options: OptionSpec[] = cmd.options
    .filter((o) => !o.hidden)
    .map((o) => ({
      ...(o.long !== undefined ? { long: o.long } : {}),
      ...(o.short !== undefined ? { short: o.short } : {}),
      takesValue: o.required || o.optional,
      ...(o.argChoices !== undefined ? { choices: o.argChoices } : {}),
      description: oneLine(o.description),
    }));
  return {
    path,
    description: oneLine(cmd.description()),
    options: [...options, HELP],
    argumentChoices: cmd.registeredArguments[0]?.argChoices ?? [],
    subcommands: cmd.commands.map((c) => commandSpec(c, [...path, c.name()])),
  };
}

/** Every command of the tree, the program first. */
export function flatten(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(flatten)];
}

/** The flags of an option (`--out`, `-o`). */
export function flagsOf(o: OptionSpec): string[] {
  return [o.long, o.short].filter((f): f is string => f !== undefined);
}
