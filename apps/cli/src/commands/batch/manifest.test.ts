import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManifestError, parseCsvManifest, parseJsonlManifest, visitsFromFolder } from "./manifest.js";

const base = "/data/run";

describe("parseCsvManifest", () => {
  it("reads the samples' format with paths relative to the manifest", () => {
    const visits = parseCsvManifest("id,audio,template\nv1,visits/v1.mp3,\nv2,/abs/v2.wav,soap-structured@2\n", base);
    expect(visits).toEqual([
      { id: "v1", source: { kind: "audio_file", path: "/data/run/visits/v1.mp3" }, line: 2 },
      { id: "v2", source: { kind: "audio_file", path: "/abs/v2.wav" }, template: "soap-structured@2", line: 3 },
    ]);
  });

  it("accepts every input kind and derives missing ids", () => {
    const visits = parseCsvManifest(
      "audio,audio_url,transcript_id,transcript_file\n" +
        "a/first visit.mp3,,,\n,https://cdn.example/x/second.mp3?sig=1,,\n,,5551-aaaa,\n,,,t/fourth.txt\n",
      base,
    );
    expect(visits.map((v) => [v.id, v.source.kind])).toEqual([
      ["first-visit", "audio_file"],
      ["second", "audio_url"],
      ["5551-aaaa", "transcript_id"],
      ["fourth", "transcript_file"],
    ]);
  });

  it("reads a deidentified column (yes/no, true/false, 1/0) on transcript_file rows, in CSV and JSON lines", () => {
    const csv = parseCsvManifest("id,transcript_file,deidentified\nv1,t/v1.txt,yes\nv2,t/v2.txt,no\nv3,t/v3.txt,\n", base);
    expect(csv.map((v) => v.deidentified)).toEqual([true, false, undefined]);
    const jsonl = parseJsonlManifest('{"id":"v1","transcript_file":"v1.txt","deidentified":true}\n{"id":"v2","transcript_file":"v2.txt","de_identified":"0"}\n', base);
    expect(jsonl.map((v) => v.deidentified)).toEqual([true, false]);
  });

  it.each([
    ["a value that is not yes or no", "id,transcript_file,deidentified\nv1,t.txt,maybe\n", /manifest line 2: deidentified: must be yes or no .*got "maybe"/],
    ["a deidentified audio row", "id,audio,deidentified\nv1,a.mp3,yes\n", /manifest line 2: deidentified is a statement about a text dialogue: give it only on transcript_file rows/],
  ])("refuses %s, naming the line", (_name, text, error) => {
    expect(() => parseCsvManifest(text, base)).toThrow(error);
  });

  it("treats an https value in the audio column as a URL", () => {
    const [v] = parseCsvManifest("id,audio\nv,https://x.example/a.mp3\n", base);
    expect(v?.source).toEqual({ kind: "audio_url", url: "https://x.example/a.mp3" });
  });

  it.each([
    ["a row with no input", "id,audio\nv1,\n", /manifest line 2: no input/],
    ["a row with two inputs", "id,audio,transcript_id\nv1,a.mp3,t1\n", /manifest line 2: more than one input/],
    ["a bad id", "id,audio\n../etc,a.mp3\n", /manifest line 2: id "..\/etc" may only contain/],
    ["a repeated id", "id,audio\nv,a.mp3\nw,b.mp3\nv,c.mp3\n", /manifest line 4: id "v" repeats line 2/],
    ["ids that differ only by case", "id,audio\nV1,a.mp3\nw,b.mp3\nv1,c.mp3\n", /manifest line 4: id "v1" differs from id "V1" on line 2 only by case; .*macOS and Windows/],
    ["too many fields", "id,audio\nv,a.mp3,extra\n", /manifest line 2: 3 fields but the header has 2/],
    ["an unclosed quote", 'id,audio\nv,"a.mp3\n', /manifest line 2: a quoted field is never closed/],
    ["a header without an input column", "name,notes\nv,x\n", /manifest line 1: the header row names no input column/],
    ["an empty file", "", /manifest line 1: the manifest is empty/],
    ["a header only", "id,audio\n", /the manifest has a header but no visits/],
    ["a plain-http audio_url", "audio_url\nhttp://x/a.mp3\n", /manifest line 2: audio_url must start with https/],
    ["a plain-http URL in the audio column", "audio\nhttp://x/a.mp3\n", /manifest line 2: audio URLs must start with https/],
  ])("rejects %s with its line number", (_label, text, message) => {
    expect(() => parseCsvManifest(text, base)).toThrow(message);
  });

  it("throws only ManifestError on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseCsvManifest(text, base);
        } catch (err) {
          expect(err).toBeInstanceOf(ManifestError);
          expect((err as Error).message).toMatch(/^manifest line \d+: /);
        }
      }),
    );
  });
});

describe("parseJsonlManifest", () => {
  it("reads one object per line and skips blank lines", () => {
    const visits = parseJsonlManifest('{"id":"v1","audio":"visits/v1.mp3"}\n\n{"transcript_id":"t9"}\n', base);
    expect(visits.map((v) => [v.id, v.line])).toEqual([
      ["v1", 1],
      ["t9", 3],
    ]);
  });

  it.each([
    ["broken JSON", '{"id":"v1","audio":"a.mp3"}\n{"id":\n', /manifest line 2: not valid JSON/],
    ["an array", '["a.mp3"]\n', /manifest line 1: expected a JSON object/],
    ["a bad field type", '{"id":"v1","audio":{"x":1}}\n', /manifest line 1: audio:/],
    ["an empty file", "\n\n", /the manifest has no visits/],
  ])("rejects %s with its line number", (_label, text, message) => {
    expect(() => parseJsonlManifest(text, base)).toThrow(message);
  });

  it("throws only ManifestError on arbitrary lines", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.string()), { maxLength: 5 }), (lines) => {
        try {
          parseJsonlManifest(lines.join("\n"), base);
        } catch (err) {
          expect(err).toBeInstanceOf(ManifestError);
        }
      }),
    );
  });
});

describe("visitsFromFolder", () => {
  it("keeps audio files by extension, sorted, skipping hidden and other files", () => {
    const visits = visitsFromFolder("/in", ["b.WAV", "notes.txt", ".a.mp3", "a.mp3", "c.m4a"]);
    expect(visits.map((v) => v.id)).toEqual(["a", "b", "c"]);
    expect(visits[0]?.source).toEqual({ kind: "audio_file", path: "/in/a.mp3" });
  });

  it("refuses two files with the same id", () => {
    expect(() => visitsFromFolder("/in", ["a.mp3", "a.wav"])).toThrow(/share the id "a"/);
    // One file on macOS and Windows: refused everywhere, naming both files.
    expect(() => visitsFromFolder("/in", ["Visit-1.mp3", "visit-1.wav"])).toThrow(/ids that differ only by case, "Visit-1" and "visit-1" \(Visit-1\.mp3 and visit-1\.wav\)/);
  });
});
