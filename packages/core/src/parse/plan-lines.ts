/**
 * The "split" rule for ASSESSMENT AND PLAN blocks: a line goes to Plan when, after an optional list
 * marker, it either
 * - starts with a label (up to 6 words before a colon) naming an action: plan, treatment, testing,
 *   education, counseling, follow-up, referral, instructions, disposition, medication(s),
 *   prescription, therapy, orders, procedure; or
 * - starts with "Plan", "Follow up"/"follow-up", "Return", an ordering verb (order, prescribe,
 *   start, continue, increase, decrease, reduce, discontinue, stop, hold, refer, schedule, recommend,
 *   advise, obtain, repeat, administer, monitor, begin, initiate, switch, taper, resume, counsel,
 *   educate, encourage, instruct) or a first-person future/plan ("We will", "I'll", "I have ordered",
 *   "I recommend", "The patient will").
 * Every other line (problem names, reasoning, history) goes to Assessment.
 */
const LABEL = /^([A-Za-z][A-Za-z /&-]{0,60}?):\s*/;
const ACTION_LABEL =
  /\b(plan|treatment|testing|tests|education|counsel(l)?ing|follow[- ]?up|referrals?|instructions?|disposition|medications?|prescriptions?|therapy|orders?|procedures?)\b/i;
const ACTION_START =
  /^(plan\b|follow[- ]?up\b|return\b|(order|prescrib|start|continu|increas|decreas|reduc|discontinu|stop|hold|refer|schedul|recommend|advis|obtain|repeat|administer|monitor|begin|initiat|switch|taper|resum|counsel|educat|encourag|instruct)\w*\b|(we|i)(\s+will|'ll|\u2019ll|\s+would like to|\s+am going to|\s+are going to|\s+have (ordered|prescribed|referred|recommended|advised|scheduled)|\s+(recommend|advise|ordered|prescribed|referred))\b|(the )?patient (will|is to|should)\b)/i;

/**
 * True when an ASSESSMENT AND PLAN line reads as a plan line (see the module rule).
 * @example
 * ```ts
 * looksLikePlan("• Medical Treatment: Increase Lasix to 80 mg daily."); // true
 * looksLikePlan("Congestive heart failure."); // false
 * ```
 */
export function looksLikePlan(line: string): boolean {
  const text = line.trim().replace(/^(?:[-*+\u2022]|\d{1,2}[.)])\s+/, "").replace(/^(\*\*|__)/, "");
  const label = LABEL.exec(text);
  if (label && (label[1] ?? "").split(/\s+/).length <= 6) {
    if (ACTION_LABEL.test(label[1] ?? "")) return true;
    return ACTION_START.test(text.slice(label[0].length).replace(/^(\*\*|__)\s*/, ""));
  }
  return ACTION_START.test(text);
}
