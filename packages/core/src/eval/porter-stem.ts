import { stemmer } from "stemmer";
import type { Stemmer } from "./tokenize.js";

/**
 * The Porter stemmer (Martin Porter's 1980 algorithm, from the `stemmer` package): what
 * `rouge-score`'s `use_stemmer=True` does, up to a few words where Porter implementations differ
 * (NLTK's adds some extensions), so stemmed scores agree with `rouge-score`'s to about 0.01.
 *
 * @example
 * ```ts
 * rougeScores(reference, prediction, { stemmer: porterStem });
 * porterStem("running"); // "run"
 * ```
 */
export const porterStem: Stemmer = (token) => stemmer(token);
