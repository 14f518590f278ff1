/** The first words of every note that was not made on the local sandbox. */
export const AI_DRAFT_HEADLINE = "AI-drafted, review before signing.";

/** What the headline means for the clinician who reads the note. */
export const AI_DRAFT_NOTICE =
  "A language model wrote this note from the visit transcript: check every statement against its quotes (and the recording) before you sign it.";
