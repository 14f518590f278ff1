import { stem } from "./words.js";

/**
 * Symptoms, signs and habits whose presence or absence a note states ("denies chest pain", "no
 * edema", "does not smoke"): the only words the negation rule compares. Written by hand from the
 * review-of-systems and physical-exam vocabulary of outpatient notes. Body parts, diagnoses and
 * plain words are left out on purpose: "no tenderness over the proximal phalanx" against "tenderness
 * over the distal phalanx" must compare "tenderness", not "phalanx".
 */
const FINDINGS =
  "pain painful ache aches aching hurt hurts hurting sore soreness tender tenderness swelling swollen edema effusion " +
  "fever fevers febrile chills sweats cough coughing sputum phlegm wheezing wheeze wheezes dyspnea breath breathing " +
  "nausea nauseous vomiting vomit diarrhea constipation bloating heartburn reflux indigestion bleeding bleed bruising bruise " +
  "bruises rash rashes itching itchy pruritus hives redness erythema warmth discharge drainage pus numbness numb tingling " +
  "weakness fatigue fatigued tired tiredness dizziness dizzy lightheaded lightheadedness vertigo syncope fainting " +
  "palpitations headache headaches migraine migraines blurry blurred confusion seizure seizures tremor tremors anxiety " +
  "depression depressed insomnia stiffness stiff cramping cramps cramp spasm spasms instability locking clicking popping " +
  "catching limp limping fracture fractures dislocation deformity crepitus laxity murmur murmurs rub gallop bruit bruits " +
  "rales crackles rhonchi jvd distention lymphadenopathy adenopathy thyromegaly hepatomegaly splenomegaly guarding " +
  "rebound mass masses lump lumps lesion lesions ulcer ulcers infection infected cellulitis abscess hematuria dysuria " +
  "urgency incontinence hydronephrosis snoring apnea congestion congested sneezing hoarseness hemoptysis melena " +
  "jaundice anaphylaxis allergies allergy allergic injury injuries trauma fall falls sprain strain ecchymosis atrophy " +
  "smoke smokes smoking smoker tobacco alcohol drinking vaping vape";

/** Stems of {@link FINDINGS}. */
const FINDING_STEMS: ReadonlySet<string> = new Set(FINDINGS.split(/\s+/).filter((w) => w.length > 0).map(stem));

/** True when a (stemmed) word names a symptom, sign or habit the negation rule compares. */
export function isFindingStem(stemmed: string): boolean {
  return FINDING_STEMS.has(stemmed);
}
