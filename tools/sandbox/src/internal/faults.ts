import { z } from "zod";
import type { Random } from "./random.js";
import { ROUTE_NAMES, type RouteName } from "./routes-names.js";

/** What a fault does. */
export const FAULT_KINDS = [
  "status", // answer with `status` (429 + Retry-After, 500, 502, 503, 504) and AssemblyAI's error body
  "reset", // connection reset (in-process: fetch rejects with TypeError "fetch failed", cause ECONNRESET)
  "hang", // never answer until the request's signal aborts
  "malformed_json", // 200 with a truncated JSON body
  "transcript_error", // create: the transcript ends in status "error"
  "duplicate_webhook", // webhook: the notification is delivered twice
  "out_of_order_webhook", // webhook: the notification is held back `delayMs` so later ones overtake it
  "invented_quote", // chat: one quote is not in the transcript
  "missing_section", // chat: one section is left out
  "schema_violation", // chat: JSON that breaks the requested schema
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault to inject. Without `times` or `probability` it fires on every matching call until removed. */
export const faultSpecSchema = z.strictObject({
  route: z.union([z.enum(ROUTE_NAMES), z.literal("*")]),
  kind: z.enum(FAULT_KINDS),
  /** For kind "status". @default 500 */
  status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  /** Retry-After seconds for 429. @default 1 */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** Fire on the next N matching calls only. */
  times: z.number().int().positive().optional(),
  /** Fire on this fraction of matching calls (seeded random). */
  probability: z.number().min(0).max(1).optional(),
  /**
   * For status/reset/hang/malformed_json: run the handler first (its side effects happen, e.g. the
   * transcript IS created) and then fail the response. @default false
   */
  after: z.boolean().optional(),
  /** For transcript_error: the error message. */
  message: z.string().optional(),
  /** For out_of_order_webhook: how long to hold the notification back. @default 1000 */
  delayMs: z.number().int().nonnegative().optional(),
  /** For missing_section: which section to leave out. @default "plan" */
  section: z.enum(["subjective", "objective", "assessment", "plan"]).optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** A fault in the plan, with how often it fired. */
export interface ActiveFault extends FaultSpec {
  id: string;
  fired: number;
  remaining: number | null;
}

/** The sandbox's fault plan. */
export class FaultPlan {
  #faults: ActiveFault[] = [];
  #next = 1;
  readonly #random: Random;

  constructor(random: Random) {
    this.#random = random;
  }

  /** Adds a fault (validated) and returns its id. */
  add(spec: FaultSpec): string {
    const parsed = faultSpecSchema.parse(spec);
    const id = `fault-${this.#next++}`;
    this.#faults.push({ ...parsed, id, fired: 0, remaining: parsed.times ?? null });
    return id;
  }

  /** Removes one fault; returns whether it existed. */
  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    return this.#faults.length !== before;
  }

  clear(): void {
    this.#faults = [];
  }

  /** A copy of the plan. */
  list(): ActiveFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** The first fault of one of `kinds` that fires for this call of `route` (consumes one of its `times`). */
  take(route: RouteName, kinds: readonly FaultKind[]): ActiveFault | undefined {
    for (const fault of this.#faults) {
      if (fault.route !== route && fault.route !== "*") continue;
      if (!kinds.includes(fault.kind)) continue;
      if (fault.remaining === 0) continue;
      if (fault.probability !== undefined && this.#random() >= fault.probability) continue;
      if (fault.remaining !== null) fault.remaining--;
      fault.fired++;
      return { ...fault };
    }
    return undefined;
  }
}
