/**
 * Words and phrases the sandbox's entity finder knows, per openapi.yml `EntityType`, chosen from the
 * sample visits and the enum's own descriptions (drug: "Medications, vitamins, or supplements";
 * medical_condition: "disease, syndrome, deficit, or disorder"; injury: "Bodily injury";
 * medical_process: "treatments, procedures, and tests"). Lower case, words separated by one space;
 * matched against words with their case and surrounding punctuation dropped. It is a fixture, not
 * medical knowledge: extend it when a new sample visit needs it.
 */
export const ENTITY_LEXICON = {
  drug: [
    "ibuprofen", "motrin", "advil", "miralax", "digoxin", "tylenol", "acetaminophen", "oxycodone", "bumex", "cozaar",
    "norvasc", "lisinopril", "metformin", "aspirin", "naproxen", "lasix", "furosemide", "omeprazole", "prednisone",
  ],
  medical_condition: [
    "constipation", "afib", "atrial fibrillation", "anemia", "anxiety", "hypertension", "high blood pressure",
    "heart failure", "congestive heart failure", "chf", "heart attack", "gerd", "esophagitis", "dyspepsia",
    "heartburn", "indigestion", "nephrolithiasis", "hydronephrosis", "kidney stone", "kidney stones", "tendinopathy",
    "epicondylitis", "lateral epicondylitis", "fibroids", "uterine fibroids", "edema", "murmur", "mitral regurgitation",
    "nausea", "fever", "chills", "numbness", "tingling", "inflammation", "shortness of breath", "diabetes", "depression",
  ],
  injury: ["contusion", "sprain", "strain", "fracture", "fractures", "dislocation", "hyper extended", "hyperextended"],
  medical_process: [
    "x-ray", "x-rays", "mri", "ct scan", "ultrasound", "echocardiogram", "ekg", "egd", "endoscopy", "lithotripsy",
    "ureteroscopy", "urinalysis", "physical therapy", "steroid injection", "surgery", "surgeries", "nose job",
    "blood work", "urine culture",
  ],
  gender_sexuality: ["female", "male"],
} as const;

/** Body parts: `<body part> pain` is a medical_condition ("knee pain"). The enum has no body-part type. */
export const BODY_PARTS = [
  "knee", "finger", "elbow", "shoulder", "chest", "back", "abdominal", "flank", "neck", "wrist", "hand", "arm",
  "leg", "hip", "ankle", "foot", "groin", "stomach", "belly", "head", "joint",
] as const;

/** Number words the rules read as numbers (durations, ages, statistics). */
export const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
  "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
] as const;

/** Units of a duration ("two weeks", "6 hours"): openapi.yml "a number and a unit of time". */
export const TIME_UNITS = ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"] as const;

/** Month names (dates: "March 7", "April 9, 1977"). */
export const MONTHS = [
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
] as const;
