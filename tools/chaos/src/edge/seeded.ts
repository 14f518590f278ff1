import { env } from "cloudflare:workers";
import { seededRandom } from "../support/random.js";

/** The run's seed (CHAOS_SEED, handed in as a binding). */
export const SEED = Number(env.CHAOS_SEED);

export { seededRandom };

/** One of `items`, chosen by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
