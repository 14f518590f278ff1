// The suite's seeded random source, for the crash plan.
export { seededRandom } from "../support/random.js";
