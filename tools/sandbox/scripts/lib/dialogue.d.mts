// Types for dialogue.mjs, so the sandbox's TypeScript tests can import it.
export interface Turn { tag: string; raw: string }
export interface PiiString { policy: string; text: string }
export interface PiiSpan { policy: string; first_word: number; last_word: number }
export function splitTurns(src: string): Turn[];
export function cleanWords(raw: string, replacements?: Record<string, string>): string[];
export function replaceInText(text: string, replacements: Record<string, string>): string;
export function wordCore(word: string): string;
export function findPiiSpans(words: string[], piiStrings: PiiString[]): PiiSpan[];
export function splitClauses(words: string[]): string[][];
export function spokenForm(word: string): string;
export function wordWeight(word: string): { speech: number; pause: number };
export function timeWords(words: string[], startMs: number, endMs: number): { start: number; end: number }[];
