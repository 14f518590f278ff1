import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../errors/cli-errors.js";
import { checkAudioFile, readTranscriptFile } from "./visit-input.js";

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "soap-input-"));
  await writeFile(file("ok.mp3"), Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00rest", "latin1"));
  await writeFile(file("empty.mp3"), "");
  await writeFile(file("short.mp3"), "ID3\x04");
  await writeFile(file("prose.txt"), "Knee pain for two weeks.\nPlan: ice and rest.\n");
  await writeFile(file("text.mp3"), "[doctor] hello\n[patient] hi\n");
  await writeFile(file("dialogue.txt"), "[doctor] How is the knee?\n[patient] Better.\n");
  await writeFile(file("transcript.json"), JSON.stringify({ id: "t1", status: "completed", text: "hello", words: [], utterances: [] }));
  await writeFile(file("queued.json"), JSON.stringify({ id: "t2", status: "queued", text: null }));
  await writeFile(file("broken.json"), '{"id": ');
  await writeFile(file("latin1.txt"), Buffer.from([0x5b, 0x64, 0x5d, 0x20, 0xe9, 0xff]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("checkAudioFile", () => {
  it("accepts audio by its magic bytes and reports the format", async () => {
    expect(await checkAudioFile(file("ok.mp3"))).toMatchObject({ format: { format: "mp3", contentType: "audio/mpeg" } });
  });

  it.each([
    ["a missing file", "nope.mp3", /^audio file not found: .*nope\.mp3 \(check the path\)$/],
    ["an empty file", "empty.mp3", /^audio file is empty: .*empty\.mp3/],
    ["a text file named .mp3", "text.mp3", /^not an audio file: .*text\.mp3 \(it looks like text; .*use --transcript-file\)$/],
    ["a folder", "", /^audio file is a folder: .*use `soap-notes batch` for a folder/],
    ["a truncated file that starts like mp3", "short.mp3", /^audio file is truncated: .*short\.mp3 \(4 bytes, too short for any recording/],
  ])("refuses %s with one line", async (_label, name, message) => {
    const err = await checkAudioFile(file(name)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });
});

describe("readTranscriptFile", () => {
  it("reads a text dialogue", async () => {
    expect(await readTranscriptFile(file("dialogue.txt"))).toEqual({ kind: "transcript_text", text: "[doctor] How is the knee?\n[patient] Better.\n" });
  });

  it("reads a completed AssemblyAI transcript JSON", async () => {
    const r = await readTranscriptFile(file("transcript.json"));
    expect(r.kind).toBe("transcript_json");
  });

  it("reads stdin for -", async () => {
    expect(await readTranscriptFile("-", Readable.from([Buffer.from("[doctor] hi")]))).toEqual({ kind: "transcript_text", text: "[doctor] hi" });
  });

  it.each([
    ["a transcript that is not completed", "queued.json", /status "queued"; only completed transcripts/],
    ["broken JSON", "broken.json", /starts like JSON but is not valid JSON/],
    ["audio", "ok.mp3", /is audio, not a transcript/],
    ["a missing file", "gone.txt", /^transcript file not found/],
    ["an empty file", "empty.mp3", /^transcript file is empty/],
    ["non-UTF-8 text", "latin1.txt", /not UTF-8 text/],
    ["prose without a speaker label", "prose.txt", /prose\.txt is not a dialogue: no line starts with a speaker label/],
  ])("refuses %s", async (_label, name, message) => {
    await expect(readTranscriptFile(file(name))).rejects.toThrow(message);
  });
});
