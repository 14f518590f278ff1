import type { Quantity } from "./quantities.js";

/** Relative slack when comparing values: unit conversions of durations ("a month" = 30.44 days vs "4 weeks") and weights (lb → kg) round. */
const TOLERANCE: Partial<Record<Quantity["dimension"], number>> = { duration: 0.1, interval: 0.1, body_weight: 0.03 };
const DEFAULT_TOLERANCE = 0.005;
/** Most quote values a disagreement lists. */
const MAX_SHOWN = 4;

function agrees(a: Quantity, b: Quantity): boolean {
  if (a.dimension === "pair" || b.dimension === "pair") return a.dimension === b.dimension && a.lo === b.lo && a.hi === b.hi;
  const tol = TOLERANCE[a.dimension] ?? DEFAULT_TOLERANCE;
  const slack = tol * Math.max(Math.abs(a.base[1]), Math.abs(b.base[1]));
  return a.base[0] <= b.base[1] + slack && b.base[0] <= a.base[1] + slack;
}

/** A statement quantity that no comparable quote quantity agrees with, and those it was compared with. */
export interface NumberDisagreement {
  statement: Quantity;
  quote: Quantity[];
}

/**
 * Statement quantities that disagree with their quote: the quote holds at least one quantity of the
 * same kind (same dimension, or same counted noun / anchor word for unitless numbers), and none of
 * them agrees (ranges overlap, within rounding). A quantity the quote says nothing comparable about
 * is not a disagreement: the quote may support another part of the statement. Neither is one whose
 * value the quote spells anywhere (`quoteValues`, see `numberValues`): "day six" is how a quote may
 * say "6 days" (for a pair, both of its values must be there).
 *
 * @example
 * ```ts
 * const quote = tokenize("fifteen milligrams");
 * numberDisagreements(extractQuantities(tokenize("50 mg daily")), extractQuantities(quote), numberValues(quote));
 * // [{ statement: { display: "50 mg", … }, quote: [{ display: "15 mg", … }] }]
 * ```
 */
export function numberDisagreements(statement: readonly Quantity[], quote: readonly Quantity[], quoteValues: ReadonlySet<number> = new Set()): NumberDisagreement[] {
  // One entry per distinct quote quantity and key: a quote repeating "20 mg" costs nothing more.
  const byKey = new Map<string, Map<string, Quantity>>();
  for (const q of quote) {
    const signature = `${q.dimension}|${q.base[0]}|${q.base[1]}|${q.lo}|${q.hi}`;
    for (const k of q.keys) {
      const list = byKey.get(k) ?? new Map<string, Quantity>();
      if (!list.has(signature)) list.set(signature, q);
      byKey.set(k, list);
    }
  }
  const out: NumberDisagreement[] = [];
  const seen = new Set<string>();
  for (const s of statement) {
    if (seen.has(s.display)) continue;
    seen.add(s.display);
    let compared = false;
    let agreed = false;
    for (const k of s.keys) {
      for (const q of byKey.get(k)?.values() ?? []) {
        compared = true;
        if (agrees(s, q)) {
          agreed = true;
          break;
        }
      }
      if (agreed) break;
    }
    if (!compared || agreed) continue;
    const spelled = s.dimension === "pair" ? quoteValues.has(s.lo) && quoteValues.has(s.hi) : quoteValues.has(s.lo) || quoteValues.has(s.hi);
    if (spelled) continue;
    const shown = new Map<string, Quantity>();
    for (const k of s.keys) for (const q of byKey.get(k)?.values() ?? []) if (shown.size < MAX_SHOWN) shown.set(q.display, q);
    out.push({ statement: s, quote: [...shown.values()] });
  }
  return out;
}
