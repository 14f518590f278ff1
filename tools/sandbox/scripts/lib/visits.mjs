// The sample visits make-fixtures.mjs builds: which ACI-BENCH encounter, the fictional PII given
// to it and the lines that carry that PII.
//
// Every name, date of birth, phone number, clinic and occupation here is invented. Phone numbers
// use the 555-01XX block reserved for fiction. `replace` swaps the names the ACI dialogue and its
// reference note already contain for the fictional ones (whole words, case-insensitive), so every
// person named in a fixture is covered by a PII span. `insertAfter` is the index of the (cleaned)
// turn after which the PII lines are inserted; -1 puts them first.

/**
 * @typedef {{ policy: string, text: string }} PiiString
 * @typedef {{
 *   slug: string, title: string, encounterId: string,
 *   replace: Record<string, string>, insertAfter: number,
 *   insert: [string, string][], pii: PiiString[]
 * }} VisitSpec
 */

/** @param {string} first @param {string} last @returns {PiiString[]} */
function person(first, last) {
  return [
    { policy: "person_name", text: `${first} ${last}` },
    { policy: "person_name", text: first },
    { policy: "person_name", text: last },
  ];
}

/** @type {VisitSpec[]} */
export const VISITS = [
  {
    slug: "visit-01-finger-injury",
    title: "Right index finger injury after skiing (ACI-BENCH D2N072, full dialogue, fictional PII added)",
    encounterId: "D2N072",
    replace: { sharon: "Odalys", brooks: "Penberthy", baker: "Varnum" },
    insertAfter: 1,
    insert: [
      ["doctor", "Before we look at that finger, can you confirm your full name and date of birth for me?"],
      ["patient", "Sure. Odalys Penberthy, April 9, 1977."],
      ["doctor", "Thank you. And we can still reach you at 312-555-0147?"],
      ["patient", "Yes, that's my cell. I work as a locksmith, so I really need this hand."],
      ["doctor", "Understood. Welcome to Maplewood Family Clinic. I'm Doctor Ilse Varnum."],
    ],
    pii: [
      ...person("Odalys", "Penberthy"),
      ...person("Ilse", "Varnum"),
      { policy: "date_of_birth", text: "April 9, 1977" },
      { policy: "phone_number", text: "312-555-0147" },
      { policy: "occupation", text: "locksmith" },
      { policy: "organization", text: "Maplewood Family Clinic" },
    ],
  },
  {
    slug: "visit-02-knee-sprain",
    title: "Right knee pain after a fall from a ladder (ACI-BENCH D2N069, full dialogue, fictional PII added)",
    encounterId: "D2N069",
    replace: { thompson: "Quenby", moore: "Ashdown" },
    insertAfter: 3,
    insert: [
      ["doctor", "Before we get into it, I need to confirm a few details. What is your full name and date of birth?"],
      ["patient", "Marisol Quenby. My date of birth is November 14, 1982."],
      ["doctor", "And the best phone number for you?"],
      ["patient", "It's 617-555-0193. I'm a glassblower, so I'm on my feet all day."],
      ["doctor", "Okay. Thanks for coming to Bramblewood Orthopedic Group today. I'm Doctor Rafferty Ashdown."],
    ],
    pii: [
      ...person("Marisol", "Quenby"),
      ...person("Rafferty", "Ashdown"),
      { policy: "date_of_birth", text: "November 14, 1982" },
      { policy: "phone_number", text: "617-555-0193" },
      { policy: "occupation", text: "glassblower" },
      { policy: "organization", text: "Bramblewood Orthopedic Group" },
    ],
  },
  {
    slug: "visit-03-elbow-pain",
    title: "Right elbow pain from pottery (ACI-BENCH D2N083, full dialogue, fictional PII added)",
    encounterId: "D2N083",
    replace: { lawrence: "Thaddeus", butler: "Wrenfield" },
    insertAfter: 1,
    insert: [
      ["doctor", "I'm sorry to hear that. I'm Doctor Lucinda Farrowmere. Before we start, can you tell me your full name and date of birth?"],
      ["patient", "Thaddeus Wrenfield, June 2, 1980."],
      ["doctor", "And is 503-555-0128 still a good number for you?"],
      ["patient", "Yes, it is. I'm a piano tuner by trade, so I use my hands a lot."],
      ["doctor", "Okay. We'll take good care of you here at Cedar Hollow Sports Medicine."],
    ],
    pii: [
      ...person("Thaddeus", "Wrenfield"),
      ...person("Lucinda", "Farrowmere"),
      { policy: "date_of_birth", text: "June 2, 1980" },
      { policy: "phone_number", text: "503-555-0128" },
      { policy: "occupation", text: "piano tuner" },
      { policy: "organization", text: "Cedar Hollow Sports Medicine" },
    ],
  },
  {
    slug: "visit-04-shoulder-pain",
    title: "Left shoulder pain while renovating a basement (ACI-BENCH D2N079, full dialogue, fictional PII added)",
    encounterId: "D2N079",
    replace: { wayne: "Corvin", taylor: "Ashgrove" },
    insertAfter: 1,
    insert: [
      ["doctor", "Okay. Let me just confirm your details first. Can you tell me your full name and date of birth?"],
      ["patient", "Corvin Ashgrove, January 27, 1959."],
      ["doctor", "Thank you. And your phone number?"],
      ["patient", "720-555-0166. I used to work as a cartographer, but I'm retired now."],
      ["doctor", "Great. I'm Doctor Imogen Halloway, and welcome to Kestrel Ridge Orthopedics."],
    ],
    pii: [
      ...person("Corvin", "Ashgrove"),
      ...person("Imogen", "Halloway"),
      { policy: "date_of_birth", text: "January 27, 1959" },
      { policy: "phone_number", text: "720-555-0166" },
      { policy: "occupation", text: "cartographer" },
      { policy: "organization", text: "Kestrel Ridge Orthopedics" },
    ],
  },
  {
    slug: "visit-05-kidney-stone",
    title: "Right-sided abdominal pain, kidney stone (ACI-BENCH D2N085, full dialogue, fictional PII added; speaker tags swapped inside turns as in the source)",
    encounterId: "D2N085",
    replace: { russell: "Bartholomew" },
    insertAfter: 0,
    insert: [
      ["doctor", "Actually, before you tell me, let me confirm a couple of things. I'm Doctor Priyanka Oduya from Riverbend Urology Center. Can you give me your full name and date of birth?"],
      ["patient", "Bartholomew Keswick, August 30, 1971."],
      ["doctor", "And a good phone number?"],
      ["patient", "404-555-0112. I'm a beekeeper, so I'm usually outside, but I keep my phone on me."],
      ["doctor", "Perfect. So, what's been going on?"],
    ],
    pii: [
      ...person("Bartholomew", "Keswick"),
      ...person("Priyanka", "Oduya"),
      { policy: "date_of_birth", text: "August 30, 1971" },
      { policy: "phone_number", text: "404-555-0112" },
      { policy: "occupation", text: "beekeeper" },
      { policy: "organization", text: "Riverbend Urology Center" },
    ],
  },
  {
    slug: "visit-06-heart-failure-follow-up",
    title: "Telehealth follow-up after an emergency visit for heart failure (ACI-BENCH D2N084, full dialogue, fictional PII added)",
    encounterId: "D2N084",
    replace: { david: "Leopold", megan: "Rosalind" },
    insertAfter: -1,
    insert: [
      ["doctor", "Hi, this is Doctor Augustin Ferreby with Lakeshore Heart and Vascular. Before we begin, can you confirm your full name and date of birth?"],
      ["patient", "Leopold Thistlewood. October 5, 1968."],
      ["doctor", "And the best phone number in case we get disconnected?"],
      ["patient", "215-555-0184."],
      ["doctor", "And are you still working as a tugboat captain?"],
      ["patient", "Yes, still on the water most days."],
    ],
    pii: [
      ...person("Leopold", "Thistlewood"),
      ...person("Augustin", "Ferreby"),
      { policy: "person_name", text: "Rosalind" },
      { policy: "date_of_birth", text: "October 5, 1968" },
      { policy: "phone_number", text: "215-555-0184" },
      { policy: "occupation", text: "tugboat captain" },
      { policy: "organization", text: "Lakeshore Heart and Vascular" },
    ],
  },
  {
    slug: "visit-07-chest-pain",
    title: "New-patient visit for chest pain and suspected esophagitis, with dictation before and after (ACI-BENCH D2N075, full dialogue, fictional PII added)",
    encounterId: "D2N075",
    replace: { betty: "Henrietta", hill: "Quillon", sanders: "Merriweather", "2/21/1968": "September 12, 1967" },
    insertAfter: 3,
    insert: [
      ["doctor", "Welcome to Silverpine Digestive Health. Just to confirm, can you tell me your full name and date of birth?"],
      ["patient", "Henrietta Quillon, September 12, 1967."],
      ["doctor", "And we have 971-555-0175 as your phone number. Is that right?"],
      ["patient", "Yes, that's right."],
      ["doctor", "And what do you do for work?"],
      ["patient", "I'm a court stenographer. I just started a new position, actually."],
      ["doctor", "Great. I'm Doctor Tobias Merriweather."],
    ],
    pii: [
      ...person("Henrietta", "Quillon"),
      ...person("Tobias", "Merriweather"),
      { policy: "date_of_birth", text: "September 12, 1967" },
      { policy: "phone_number", text: "971-555-0175" },
      { policy: "occupation", text: "court stenographer" },
      { policy: "organization", text: "Silverpine Digestive Health" },
    ],
  },
];
