import { describe, expect, it } from "vitest";
import { reportedSpeakerCount, speakerLabelMap, speakerLetter } from "./speakers.js";
import { tinyFixture, TINY_TURNS } from "./test-support/fixtures.js";
import type { Json } from "./test-support/http.js";
import { runTranscript, threeVoiceFixture, THREE_VOICE_TURNS } from "./test-support/run-transcript.js";

/** The turn (index into the dialogue) of each word, rebuilt from the dialogue the fixture was made of. */
function turnOfWords(turns: [string, string][]): string[] {
  return turns.flatMap(([speaker, text]) => text.split(" ").map(() => speaker));
}

describe("multichannel", () => {
  it("puts each voice on its own channel, numbered in order of first appearance", async () => {
    const { done } = await runTranscript({ multichannel: true });
    const truth = turnOfWords(TINY_TURNS);
    const channels = (done["words"] as Json[]).map((w) => w["channel"]);
    expect(channels).toEqual(truth.map((s) => (s === "A" ? "1" : "2")));
    expect(done["audio_channels"]).toBe(2);
    expect(done["multichannel"]).toBe(true);
  });

  it("gives words no speaker without speaker_labels, and utterances the channel id as speaker", async () => {
    const { done } = await runTranscript({ multichannel: true });
    expect((done["words"] as Json[]).every((w) => w["speaker"] === null)).toBe(true);
    const utterances = done["utterances"] as Json[];
    expect(utterances.map((u) => [u["speaker"], u["channel"]])).toEqual([["1", "1"], ["2", "2"], ["1", "1"], ["2", "2"]]);
    for (const u of utterances) expect((u["words"] as Json[]).every((w) => w["channel"] === u["channel"])).toBe(true);
    expect(utterances.map((u) => u["text"]).join(" ")).toBe(done["text"]);
  });

  it("labels speakers per channel (<channel><letter>) with speaker_labels too", async () => {
    const { done } = await runTranscript({ multichannel: true, speaker_labels: true, speakers_expected: 1 });
    const words = done["words"] as Json[];
    expect(new Set(words.map((w) => `${w["channel"]}:${w["speaker"]}`))).toEqual(new Set(["1:1A", "2:2A"]));
    expect((done["utterances"] as Json[]).map((u) => u["speaker"])).toEqual(["1A", "2A", "1A", "2A"]);
  });

  it("numbers a third voice channel 3", async () => {
    const { done } = await runTranscript({ multichannel: true }, { fixtures: [await threeVoiceFixture()], audio: "three-voices" });
    expect(done["audio_channels"]).toBe(3);
    expect((done["words"] as Json[]).map((w) => w["channel"])).toEqual(turnOfWords(THREE_VOICE_TURNS).map((s) => String("ABC".indexOf(s) + 1)));
  });

  it("has no audio_channels before the audio is processed, nor without multichannel", async () => {
    const multi = await runTranscript({ multichannel: true });
    expect(multi.created["status"]).toBe("queued");
    expect(multi.created).not.toHaveProperty("audio_channels");
    const plain = await runTranscript({ speaker_labels: true });
    expect(plain.done).not.toHaveProperty("audio_channels");
    expect((plain.done["words"] as Json[]).every((w) => w["channel"] === null)).toBe(true);
    expect((plain.done["utterances"] as Json[]).every((u) => u["channel"] === null)).toBe(true);
  });

  it("keeps sentences, paragraphs and word search consistent with the channelled words", async () => {
    const { a, id, done } = await runTranscript({ multichannel: true });
    const sentences = (await a.get(`/v2/transcript/${id}/sentences`)).json["sentences"] as Json[];
    for (const s of sentences) {
      expect(s["channel"]).toMatch(/^[12]$/);
      expect((s["words"] as Json[]).every((w) => w["channel"] === s["channel"])).toBe(true);
      expect(s["speaker"]).toBeNull();
    }
    expect(sentences.map((s) => s["text"]).join(" ")).toBe(done["text"]);
    const paragraphs = (await a.get(`/v2/transcript/${id}/paragraphs`)).json["paragraphs"] as Json[];
    expect(paragraphs.flatMap((p) => (p["words"] as Json[]).map((w) => w["channel"]))).toEqual((done["words"] as Json[]).map((w) => w["channel"]));
    const search = (await a.get(`/v2/transcript/${id}/word-search?words=mri`)).json;
    expect(search["total_count"]).toBe(1);
  });

  it("redacts channelled words like the others", async () => {
    const { done } = await runTranscript({ multichannel: true, redact_pii: true, redact_pii_policies: ["person_name"] });
    expect(done["text"]).not.toContain("Carter");
    expect((done["utterances"] as Json[]).map((u) => u["text"]).join(" ")).toBe(done["text"]);
  });
});

describe("speakers_expected and speaker_options", () => {
  const speakers = (t: Json) => [...new Set((t["words"] as Json[]).map((w) => w["speaker"]))];

  it("merges every voice into speaker A with speakers_expected: 1", async () => {
    const { a, id, done } = await runTranscript({ speaker_labels: true, speakers_expected: 1 });
    expect(speakers(done)).toEqual(["A"]);
    const utterances = done["utterances"] as Json[];
    expect(utterances).toHaveLength(1);
    expect(utterances[0]?.["text"]).toBe(done["text"]);
    const sentences = (await a.get(`/v2/transcript/${id}/sentences`)).json["sentences"] as Json[];
    expect(new Set(sentences.map((s) => s["speaker"]))).toEqual(new Set(["A"]));
  });

  it("keeps the fixture's voices when more are expected (diarization cannot invent voices)", async () => {
    const { done } = await runTranscript({ speaker_labels: true, speakers_expected: 5 });
    expect(speakers(done)).toEqual(["A", "B"]);
    const min = await runTranscript({ speaker_labels: true, speaker_options: { min_speakers_expected: 4 } });
    expect(speakers(min.done)).toEqual(["A", "B"]);
  });

  it("caps the count at speaker_options.max_speakers_expected", async () => {
    const { done } = await runTranscript({ speaker_labels: true, speaker_options: { min_speakers_expected: 1, max_speakers_expected: 1 } });
    expect(speakers(done)).toEqual(["A"]);
  });

  it("lets speakers_expected win over speaker_options", async () => {
    const { done } = await runTranscript({ speaker_labels: true, speakers_expected: 2, speaker_options: { max_speakers_expected: 1 } });
    expect(speakers(done)).toEqual(["A", "B"]);
  });

  it("merges later voices into the last kept speaker (three voices, two expected)", async () => {
    const { done } = await runTranscript({ speaker_labels: true, speakers_expected: 2 }, { fixtures: [await threeVoiceFixture()], audio: "three-voices" });
    const expected = turnOfWords(THREE_VOICE_TURNS).map((s) => (s === "A" ? "A" : "B"));
    expect((done["words"] as Json[]).map((w) => w["speaker"])).toEqual(expected);
    expect((done["utterances"] as Json[]).map((u) => u["speaker"])).toEqual(["A", "B", "A", "B"]);
  });

  it("changes nothing without speaker_labels", async () => {
    const { done } = await runTranscript({ speakers_expected: 1 });
    expect(speakers(done)).toEqual([null]);
    expect(done["utterances"]).toBeNull();
    expect(done["speakers_expected"]).toBe(1);
  });
});

describe("speaker helpers", () => {
  it("letters speakers A..Z, then AA, AB", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(speakerLetter)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("never reports more speakers than voices, nor fewer than one", () => {
    expect(reportedSpeakerCount(2, { speakersExpected: 9 })).toBe(2);
    expect(reportedSpeakerCount(3, { speakersExpected: 1, maxSpeakersExpected: 3 })).toBe(1);
    expect(reportedSpeakerCount(3, { maxSpeakersExpected: 2, minSpeakersExpected: 1 })).toBe(2);
    expect(reportedSpeakerCount(3, { minSpeakersExpected: 5 })).toBe(3);
    expect(reportedSpeakerCount(3, { speakersExpected: 0 })).toBe(1);
  });

  it("maps voices to letters in order of first appearance", async () => {
    const voices = [...new Set((await tinyFixture()).words.map((w) => w.speaker))].reverse();
    expect(Object.fromEntries(speakerLabelMap(voices, 2))).toEqual({ [voices[0]!]: "A", [voices[1]!]: "B" });
  });
});
