/**
 * The 102 `TranscriptLanguageCode` values of openapi.yml, in the spec's order (`no` is Norwegian, a
 * string: YAML 1.1 parsers read it as `false`). The drift test in contract.test.ts compares this list
 * with the spec file.
 */
export const TRANSCRIPT_LANGUAGE_CODES = [
  "en", "en_au", "en_uk", "en_us", "es", "fr", "de", "it", "pt", "nl", "af", "sq", "am", "ar", "hy", "as", "az", "ba",
  "eu", "be", "bn", "bs", "br", "bg", "my", "ca", "zh", "hr", "cs", "da", "et", "fo", "fi", "gl", "ka", "el", "gu",
  "ht", "ha", "haw", "he", "hi", "hu", "is", "id", "ja", "jw", "kn", "kk", "km", "ko", "lo", "la", "lv", "ln", "lt",
  "lb", "mk", "mg", "ms", "ml", "mt", "mi", "mr", "mn", "ne", "no", "nn", "oc", "pa", "ps", "fa", "pl", "ro", "ru",
  "sa", "sr", "sn", "sd", "si", "sk", "sl", "so", "su", "sw", "sv", "tl", "tg", "ta", "tt", "te", "th", "bo", "tr",
  "tk", "uk", "ur", "uz", "vi", "cy", "yi", "yo",
] as const;

/** One `TranscriptLanguageCode`. */
export type TranscriptLanguageCode = (typeof TRANSCRIPT_LANGUAGE_CODES)[number];
