import type { AgreementToken } from "./tokens.js";

/** A side of the body: left, right, or both. */
export type Side = "left" | "right" | "bilateral";

/** Body parts and anatomical words a side word may qualify (singular and plural). */
const BODY = new Set(
  (
    "arm arms leg legs knee knees shoulder shoulders hip hips ankle ankles foot feet hand hands wrist wrists elbow elbows " +
    "eye eyes ear ears side sides sided lung lungs kidney kidneys breast breasts finger fingers thumb thumbs toe toes " +
    "flank flanks heel heels calf calves thigh thighs shin shins buttock buttocks groin jaw temple cheek " +
    "ventricle ventricular atrium atrial lobe lobes quadrant upper lower extremity extremities index middle ring pinky great big " +
    "ovary ovaries testicle testicles tonsil tonsils hemisphere carotid femoral radial ulnar tibia fibula femur humerus " +
    "clavicle rib ribs scapula patella acl mcl meniscus rotator hamstring quad quadriceps achilles biceps triceps " +
    "forearm forearms ureter hemithorax chest neck back lumbar cervical sciatic"
  ).split(" "),
);
const ON = new Set(["on", "to", "in", "at", "from"]);
const DETERMINER = new Set(["the", "my", "your", "his", "her", "their", "our"]);
/** After "right"/"left" these make it an adverb or a verb: "right now", "right in the middle", "I left the". */
const NOT_SIDE_AFTER = new Set(
  ("now away after before here there then so okay ok in at on into onto the a an about when as by to it that this me you him her them " +
    "for with of over off out up down behind home work early").split(" "),
);

const SIDE_WORDS = new Map<string, Side>([
  ["left", "left"],
  ["right", "right"],
  ["bilateral", "bilateral"],
  ["bilaterally", "bilateral"],
]);

/**
 * The sides a text mentions. "left" / "right" count only when they name a side: followed within
 * three words by a body part ("right index finger", "left lower extremity"), hyphenated ("left-sided"),
 * or after "on the" / "to your" ("pain on the right"), so "right now", "all right", "you're right"
 * and "I left" do not. "bilateral(ly)" and "both" + body part ("both knees") are `bilateral`.
 *
 * @example
 * ```ts
 * sidesOf(tokenize("pain in the right knee, all right")); // Set { "right" }
 * ```
 */
export function sidesOf(tokens: readonly AgreementToken[]): Set<Side> {
  const sides = new Set<Side>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]?.text ?? "";
    if (w === "both" && BODY.has(tokens[i + 1]?.text ?? "") && tokens[i + 1]?.text !== "side") {
      sides.add("bilateral");
      continue;
    }
    if (w === "both" && (tokens[i + 1]?.text === "sides" || tokens[i + 2]?.text === "sides")) {
      sides.add("bilateral");
      continue;
    }
    const side = SIDE_WORDS.get(w);
    if (!side) continue;
    if (side === "bilateral") {
      sides.add(side);
      continue;
    }
    const placed = DETERMINER.has(tokens[i - 1]?.text ?? "") && ON.has(tokens[i - 2]?.text ?? "");
    if (placed) {
      sides.add(side);
      continue;
    }
    if (NOT_SIDE_AFTER.has(tokens[i + 1]?.text ?? "")) continue;
    let body = false;
    for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
      const t = tokens[k];
      if (!t || t.kind === "symbol") {
        if (t?.text === "-") continue;
        break;
      }
      if (BODY.has(t.text)) {
        body = true;
        break;
      }
    }
    if (body) sides.add(side);
  }
  return sides;
}

/** Left and right named by a set of sides (bilateral names both). */
function expand(sides: ReadonlySet<Side>): Set<"left" | "right"> {
  const out = new Set<"left" | "right">();
  for (const s of sides) {
    if (s !== "right") out.add("left");
    if (s !== "left") out.add("right");
  }
  return out;
}

/**
 * The sides of a statement that its quote contradicts: both name a side and share none, "bilateral"
 * counting as both (so "bilateral" never contradicts "left": the quote may speak of one side only).
 * Returns null when they agree or one of them names no side.
 *
 * @example
 * ```ts
 * lateralityDisagreement(new Set(["left"]), new Set(["right"])); // { statement: ["left"], quote: ["right"] }
 * ```
 */
export function lateralityDisagreement(statement: ReadonlySet<Side>, quote: ReadonlySet<Side>): { statement: Side[]; quote: Side[] } | null {
  if (statement.size === 0 || quote.size === 0) return null;
  const q = expand(quote);
  for (const s of expand(statement)) if (q.has(s)) return null;
  return { statement: [...statement], quote: [...quote] };
}
