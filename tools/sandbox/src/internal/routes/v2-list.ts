import type { Context } from "hono";
import type { Engine } from "../engine.js";
import type { SandboxEnv } from "../middleware.js";
import type { StoredTranscript } from "../state.js";
import { listTimestamp } from "../transcript-json.js";
import { describeIssue } from "../transcript-params.js";
import { z } from "zod";

/** Query of GET /v2/transcript. */
export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(10),
  status: z.enum(["queued", "processing", "completed", "error"]).optional(),
  created_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").optional(),
  before_id: z.uuid().optional(),
  after_id: z.uuid().optional(),
  throttled_only: z.enum(["true", "false"]).optional(),
});

interface Page {
  page_details: { limit: number; result_count: number; current_url: string; prev_url: string | null; next_url: string | null };
  transcripts: StoredTranscript[];
}

/**
 * Newest first. `before_id` pages to older jobs, `after_id` to newer ones (the page next to the id).
 * `prev_url` points to older jobs, `next_url` to newer ones; null when there are none.
 */
export function listTranscripts(engine: Engine, c: Context<SandboxEnv>): Page | string {
  const parsed = listQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return describeIssue(parsed.error);
  const q = parsed.data;
  const owner = c.get("owner");
  let all = [...engine.state.transcripts.values()].filter((t) => t.owner === owner);
  if (q.throttled_only === "true") all = all.filter((t) => t.throttled && t.status === "queued");
  else if (q.status) all = all.filter((t) => t.status === q.status);
  if (q.created_on) all = all.filter((t) => listTimestamp(t.createdAt).slice(0, 10) === q.created_on);
  // creation order is insertion order; newest first for the answer
  const newestFirst = all.slice().reverse();
  let page: StoredTranscript[];
  if (q.after_id) {
    const idx = newestFirst.findIndex((t) => t.id === q.after_id);
    const newer = idx === -1 ? [] : newestFirst.slice(0, idx);
    page = newer.slice(Math.max(0, newer.length - q.limit));
  } else {
    const idx = q.before_id ? newestFirst.findIndex((t) => t.id === q.before_id) : -1;
    const older = q.before_id ? (idx === -1 ? [] : newestFirst.slice(idx + 1)) : newestFirst;
    page = older.slice(0, q.limit);
  }
  const base = `${c.get("origin")}/v2/transcript`;
  const params = (extra: Record<string, string>) => {
    const sp = new URLSearchParams({ limit: String(q.limit) });
    if (q.status) sp.set("status", q.status);
    if (q.created_on) sp.set("created_on", q.created_on);
    for (const [k, v] of Object.entries(extra)) sp.set(k, v);
    return `${base}?${sp.toString()}`;
  };
  const current = new URL(c.req.url);
  const first = page[0];
  const last = page[page.length - 1];
  const hasOlder = last ? newestFirst.indexOf(last) < newestFirst.length - 1 : false;
  const hasNewer = first ? newestFirst.indexOf(first) > 0 : false;
  return {
    page_details: {
      limit: q.limit,
      result_count: page.length,
      current_url: `${base}${current.search}`,
      prev_url: hasOlder && last ? params({ before_id: last.id }) : null,
      next_url: hasNewer && first ? params({ after_id: first.id }) : null,
    },
    transcripts: page,
  };
}
