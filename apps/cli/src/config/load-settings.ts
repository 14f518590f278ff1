import type { CliContext } from "../context.js";
import { detectServedSandbox } from "./sandbox-probe.js";
import { loadConfigFile, type RawFlags, resolveSettings, type Settings } from "./settings.js";

/**
 * Reads the config file the flags or environment name, then resolves every setting, then learns
 * whether overridden URLs point at a served sandbox (core's `environment`, known before any plan).
 */
export async function loadSettings(ctx: CliContext, options: Record<string, unknown>): Promise<Settings> {
  const flags = options as RawFlags;
  const configFile = await loadConfigFile(flags.config, ctx.env, ctx.cwd);
  return detectServedSandbox(resolveSettings({ flags, env: ctx.env, ...(configFile ? { configFile } : {}) }), ctx);
}
