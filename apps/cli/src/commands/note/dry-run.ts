import type { VisitPlan } from "@org/soap-core/visit";
import type { NoteFormat, Settings } from "../../config/settings.js";
import type { CliContext } from "../../context.js";
import { alignRows, describeTarget, planJson, planRows, targetJson } from "../../terminal/plan-view.js";
import type { CheckedVisitInput } from "../../visit/visit-runner.js";

/** The input of a visit as `--dry-run` shows it: its kind and where it is, never its content. */
export function inputJson(visit: CheckedVisitInput): Record<string, unknown> {
  switch (visit.kind) {
    case "audio_file":
      return { kind: "audio_file", path: visit.file.path, bytes: visit.file.size, format: visit.file.format.format };
    case "audio_bytes":
      return { kind: "audio_stdin", bytes: visit.bytes.length, content_type: visit.contentType };
    case "audio_url":
      return { kind: "audio_url", url: visit.url };
    case "transcript_id":
      return { kind: "transcript_id", transcript_id: visit.transcriptId };
    case "transcript_text":
      return { kind: "transcript_text", lines: visit.text.split("\n").filter((l) => l.trim() !== "").length };
    case "transcript_json":
      return { kind: "transcript_json", transcript_id: visit.transcript.id };
  }
}

function inputLine(i: Record<string, unknown>): string {
  switch (i["kind"]) {
    case "audio_file":
      return `audio file ${String(i["path"])} (${String(i["format"])}, ${String(i["bytes"])} bytes)`;
    case "audio_stdin":
      return `audio on stdin (${String(i["content_type"])}, ${String(i["bytes"])} bytes)`;
    case "audio_url":
      return `audio URL ${String(i["url"])} (transcribed from the URL, nothing uploaded)`;
    case "transcript_id":
      return `AssemblyAI transcript ${String(i["transcript_id"])} (nothing transcribed)`;
    case "transcript_text":
      return `text dialogue, ${String(i["lines"])} lines (nothing transcribed)`;
    default:
      return `transcript JSON of ${String(i["transcript_id"])} (nothing transcribed)`;
  }
}

/** What `note --dry-run` checked and would do. */
export interface NoteDryRun {
  settings: Settings;
  visit: CheckedVisitInput;
  visitId: string;
  plan: VisitPlan;
  format: NoteFormat;
  /** The output file, or `undefined` for stdout. */
  outPath: string | undefined;
  deleteAfter: boolean;
}

/**
 * Prints the plan of `note --dry-run` (text, or one JSON object with `--json`) on stdout. Called
 * once every check of a real run passed; nothing was sent and nothing is written.
 */
export function printNoteDryRun(ctx: CliContext, d: NoteDryRun): void {
  const input = inputJson(d.visit);
  const target = targetJson(d.settings, ctx.env);
  const plan = planJson(d.plan);
  const output = { format: d.format, path: d.outPath ?? "-" };
  if (d.settings.json) {
    const out = { dry_run: true, command: "note", sent: false, visit_id: d.visitId, input, target, plan, output, delete_after: d.deleteAfter };
    ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const lines = [
    "soap-notes note --dry-run: every check passed; nothing was sent or written. A real run would:",
    ...alignRows([
      ["visit", d.visitId],
      ["input", inputLine(input)],
      ["send to", describeTarget(target)],
      ...planRows(plan),
      ["output", `${d.format} to ${d.outPath ?? "stdout"}`],
      ["delete after", d.deleteAfter ? "yes: the transcript is deleted at AssemblyAI once the note is written" : "no"],
    ]),
  ];
  ctx.stdout.write(`${lines.join("\n")}\n`);
}
