import type { Command } from "commander";
import { cliVersion } from "../../config/version.js";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";
import { bashScript } from "./bash.js";
import { fishScript } from "./fish.js";
import { commandSpec } from "./spec.js";
import { zshScript } from "./zsh.js";

/** The shells `completion` writes a script for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;

/** `completion <shell>`: the completion script of `program`, generated from its commands and options. */
export function runCompletion(ctx: CliContext, program: Command, shell: string): void {
  const spec = commandSpec(program);
  const version = cliVersion();
  switch (shell) {
    case "bash":
      ctx.stdout.write(bashScript(spec, version));
      return;
    case "zsh":
      ctx.stdout.write(zshScript(spec, version));
      return;
    case "fish":
      ctx.stdout.write(fishScript(spec, version));
      return;
    default:
      throw new UsageError(`no completion for the shell "${shell}": give one of ${SHELLS.join(", ")}`);
  }
}
