/**
 * Duration of an MP3 file in milliseconds, computed by walking its frames (no ffprobe needed).
 * Skips a leading ID3v2 tag and a Xing/Info metadata frame; ignores the encoder's delay/padding,
 * so the result is a few tens of milliseconds longer than the audio that was encoded.
 * @throws Error when the bytes are not a sequence of MPEG audio layer III frames.
 */
export function mp3DurationMs(bytes: Uint8Array): number {
  let offset = 0;
  if (bytes.length >= 10 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    offset = 10 + size;
  }
  let samples = 0;
  let sampleRate = 0;
  let first = true;
  while (offset + 4 <= bytes.length) {
    const frame = parseFrameHeader(bytes, offset);
    if (!frame) throw new Error(`no MPEG layer III frame at byte ${offset}`);
    const isInfo = first && hasInfoTag(bytes, offset, frame.infoOffset);
    if (!isInfo) samples += frame.samples;
    sampleRate = frame.sampleRate;
    first = false;
    offset += frame.length;
  }
  if (sampleRate === 0) throw new Error("no MPEG audio frames");
  return (samples * 1000) / sampleRate;
}

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

interface FrameHeader { length: number; samples: number; sampleRate: number; infoOffset: number }

function parseFrameHeader(b: Uint8Array, o: number): FrameHeader | undefined {
  const b1 = b[o + 1]!;
  const b2 = b[o + 2]!;
  const b3 = b[o + 3]!;
  if (b[o] !== 0xff || (b1 & 0xe0) !== 0xe0 || ((b1 >> 1) & 3) !== 1) return undefined;
  const version = (b1 >> 3) & 3;
  const rate = SAMPLE_RATES[version]?.[(b2 >> 2) & 3];
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[(b2 >> 4) & 0xf];
  if (!rate || !kbps) return undefined;
  const padding = (b2 >> 1) & 1;
  const mono = ((b3 >> 6) & 3) === 3;
  const v1 = version === 3;
  const length = Math.floor(((v1 ? 144 : 72) * kbps * 1000) / rate) + padding;
  const sideInfo = v1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { length, samples: v1 ? 1152 : 576, sampleRate: rate, infoOffset: o + 4 + sideInfo };
}

function hasInfoTag(b: Uint8Array, frameStart: number, at: number): boolean {
  const tag = String.fromCharCode(...b.subarray(at, at + 4));
  return at > frameStart && (tag === "Xing" || tag === "Info");
}
