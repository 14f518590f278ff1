/**
 * Function words and words too general to carry a clinical claim ("patient", "reports", "today"):
 * they name no finding, so the negation rule does not compare them and counted nouns skip them.
 */
const STOP = new Set(
  (
    "a an the this that these those there here it its it's i i'm i've i'd i'll me my mine you your you're you've he he's him his she " +
    "she's her hers we we're our us they they're their them what which who whom whose when where why how " +
    "is am are was were be been being do does did doing done have has had having get gets got getting " +
    "will would shall should can could may might must of in on at to for from by with about as into onto " +
    "over under up down out off than then so if or and but because while until also just only even still " +
    "very really quite some any all each every both either more most much many lot lots little bit few " +
    "other another such same own again too well okay ok yes yeah yep uh um mm hmm mm-hmm oh like kind sort " +
    "thing things stuff way time times day today now currently recently lately ago since per " +
    "patient patients pt mr mrs ms dr doctor states stated state says said say reports reported report " +
    "notes noted note endorses endorsed endorse admits complains complained complaint describes described " +
    "feel feels felt feeling think thinks thought know knows knew go goes going went come comes came " +
    "see sees saw seen make makes made tell told let lets want wants wanted need needs needed try tried " +
    "take takes took taken taking give gives gave given put keep kept start started continue continues " +
    "one two three first second last next new good bad better worse sure something anything everything nothing " +
    "someone somebody anyone else around back away actually probably maybe definitely pretty"
  ).split(" "),
);

/** True for function words and claim-free words (see above). */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * A light stem so that "fevers"/"fever", "swelling"/"swell" and "denied"/"deny" compare equal.
 * Deliberately crude: both sides of a comparison are stemmed the same way.
 *
 * @example
 * ```ts
 * stem("fevers"); // "fever"
 * ```
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, "");
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("es") && /(?:ch|sh|ss|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  // "smoke", "smokes", "smoked", "smoking" all end as "smok".
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}
