import { getTemplate, listTemplates, type RenderedRequest, type SoapTemplate, templateHash, TemplateNotFoundError, templateRef } from "@org/soap-prompts";
import type { CliContext } from "../../context.js";
import { UsageError } from "../../errors/cli-errors.js";
import { diffLines } from "./line-diff.js";

const EXAMPLE_INPUT = { transcript: { kind: "transcript_id" as const, transcriptId: "<transcript-id>" } };

function lookup(spec: string): SoapTemplate {
  try {
    return getTemplate(spec);
  } catch (err) {
    if (err instanceof TemplateNotFoundError) {
      throw new UsageError(`unknown template "${spec}": ${err.message}`, { cause: err });
    }
    throw err;
  }
}

/** A template's requests as readable text, one block per message. */
export function renderAsText(t: SoapTemplate): string[] {
  const lines: string[] = [`# ${templateRef(t)} (${t.mode}, max_tokens ${t.maxTokens})`, t.description];
  t.render(EXAMPLE_INPUT).forEach((r: RenderedRequest, i) => {
    lines.push("", `## request ${i + 1}${r.section ? ` (${r.section})` : ""}: max_tokens ${r.max_tokens}${r.temperature === undefined ? "" : `, temperature ${r.temperature}`}${r.response_format ? `, response_format ${r.response_format.json_schema.name}` : ""}`);
    for (const m of r.messages) lines.push("", `### ${m.role}`, ...m.content.split("\n"));
  });
  return lines;
}

/** `prompts list`. */
export async function runPromptsList(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const rows = await Promise.all(
    listTemplates().map(async (t) => ({ ref: templateRef(t), id: t.id, version: t.version, mode: t.mode, max_tokens: t.maxTokens, hash: await templateHash(t), description: t.description })),
  );
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const width = Math.max(...rows.map((r) => r.ref.length));
  for (const r of rows) ctx.stdout.write(`${r.ref.padEnd(width)}  ${r.mode.padEnd(10)}  ${r.hash.replace(/^sha256:/, "").slice(0, 12)}  ${r.description}\n`);
}

/** `prompts show <spec>`. */
export async function runPromptsShow(ctx: CliContext, spec: string, options: { json?: boolean }): Promise<void> {
  const t = lookup(spec);
  if (options.json) {
    const out = { ref: templateRef(t), id: t.id, version: t.version, mode: t.mode, max_tokens: t.maxTokens, description: t.description, hash: await templateHash(t), requests: t.render(EXAMPLE_INPUT) };
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  ctx.stdout.write(`${[...renderAsText(t), "", `hash ${await templateHash(t)}`].join("\n")}\n`);
}

/** `prompts diff <a> <b>`: exits 0 whether or not they differ (like `git diff`). */
export async function runPromptsDiff(ctx: CliContext, a: string, b: string): Promise<void> {
  const ta = lookup(a);
  const tb = lookup(b);
  const diff = diffLines(renderAsText(ta), renderAsText(tb));
  ctx.stdout.write(`--- ${templateRef(ta)}\n+++ ${templateRef(tb)}\n`);
  if (diff.every((l) => l.op === " ")) {
    ctx.stdout.write("(no differences in the rendered requests)\n");
    return;
  }
  for (const l of diff) ctx.stdout.write(`${l.op}${l.text}\n`);
}
