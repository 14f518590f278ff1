import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffAudio } from "./magic-bytes.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("sniffAudio", () => {
  it.each([
    ["an ID3-tagged mp3", bytes("ID3", [4, 0, 0, 0, 0, 0]), "mp3"],
    ["a bare MPEG-1 layer III frame", bytes([0xff, 0xfb, 0x90, 0x64]), "mp3"],
    ["an ADTS AAC stream", bytes([0xff, 0xf1, 0x50, 0x80]), "aac"],
    ["a RIFF WAVE file", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), "wav"],
    ["an Ogg stream", bytes("OggS", [0, 2]), "ogg"],
    ["a FLAC stream", bytes("fLaC", [0, 0, 0, 0x22]), "flac"],
    ["an m4a (ftyp M4A)", bytes([0, 0, 0, 0x20], "ftypM4A "), "mp4"],
    ["a webm (EBML)", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), "webm"],
    ["an AIFF file", bytes("FORM", [0, 0, 0, 0], "AIFF"), "aiff"],
    ["an AMR file", bytes("#!AMR\n"), "amr"],
  ])("recognises %s", (_label, input, format) => {
    expect(sniffAudio(input)?.format).toBe(format);
  });

  it.each([
    ["a text dialogue", bytes("[doctor] Hello there")],
    ["a JSON document", bytes('{"id":"abc"}')],
    ["a PDF", bytes("%PDF-1.7")],
    ["a PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ["a RIFF that is not WAVE (AVI)", bytes("RIFF", [0, 0, 0, 0], "AVI ")],
    ["an empty buffer", new Uint8Array(0)],
    ["a frame sync with the reserved version", bytes([0xff, 0xe9, 0, 0])],
  ])("rejects %s", (_label, input) => {
    expect(sniffAudio(input)).toBeNull();
  });

  it("never throws and rejects all printable ASCII text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (b) => {
        sniffAudio(b);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[\t\n\r -~]{0,32}$/), (s) => {
        // Every container magic we accept that is pure ASCII starts with one of these.
        fc.pre(!/^(ID3|OggS|fLaC|FORM|#!AMR|RIFF)/.test(s) && s.slice(4, 8) !== "ftyp");
        expect(sniffAudio(new TextEncoder().encode(s))).toBeNull();
      }),
    );
  });
});
