// Minimal PCM WAV reading and writing for make-fixtures.mjs (node built-ins only).

/**
 * Parses a PCM WAV file (as espeak-ng writes it) and returns its format and raw sample bytes.
 * Walks the RIFF chunks instead of assuming a 44-byte header; tolerates a bogus data-chunk size
 * (some writers leave 0xFFFFFFFF when streaming) by taking the rest of the file.
 * @param {Buffer} buf
 * @returns {{ sampleRate: number, channels: number, bitsPerSample: number, data: Buffer }}
 */
export function parseWav(buf) {
  if (buf.length < 12 || buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error("not a RIFF/WAVE file");
  }
  let offset = 12;
  let fmt;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      const audioFormat = buf.readUInt16LE(body);
      if (audioFormat !== 1) throw new Error(`unsupported WAV format ${audioFormat} (PCM expected)`);
      fmt = {
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === "data") {
      if (!fmt) throw new Error("WAV data chunk before fmt chunk");
      const end = Math.min(buf.length, body + size);
      return { ...fmt, data: buf.subarray(body, end) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error("WAV file has no data chunk");
}

/**
 * Builds a 16-bit PCM WAV file from raw little-endian sample bytes.
 * @param {{ sampleRate: number, channels: number, data: Buffer }} pcm
 * @returns {Buffer}
 */
export function buildWav({ sampleRate, channels, data }) {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Finds the first and last sample (mono, 16-bit) whose magnitude exceeds `threshold`, i.e. where
 * espeak-ng's speech starts and ends inside a turn (it pads each utterance with silence).
 * @param {Buffer} data 16-bit mono samples
 * @param {number} threshold
 * @returns {{ first: number, last: number }} sample indices; the whole range when all is silent
 */
export function speechBounds(data, threshold = 400) {
  const n = Math.floor(data.length / 2);
  let first = 0;
  while (first < n && Math.abs(data.readInt16LE(first * 2)) <= threshold) first++;
  let last = n - 1;
  while (last > first && Math.abs(data.readInt16LE(last * 2)) <= threshold) last--;
  if (first >= n) return { first: 0, last: Math.max(0, n - 1) };
  return { first, last };
}
