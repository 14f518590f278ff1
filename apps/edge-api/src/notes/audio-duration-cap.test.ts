import { describe, expect, it } from "vitest";
import { checkAudioDuration } from "./audio-duration-cap.js";

describe("checkAudioDuration", () => {
  it("passes a recording up to the cap, and one whose duration is not reported", () => {
    expect(checkAudioDuration({ audio_duration: 7200 }, 7200)).toEqual({ ok: true });
    expect(checkAudioDuration({ audio_duration: null }, 60)).toEqual({ ok: true });
    expect(checkAudioDuration({}, 60)).toEqual({ ok: true });
  });

  it("refuses a longer one, saying how long it is, what the cap is and what to do", () => {
    const verdict = checkAudioDuration({ audio_duration: 7290 }, 7200);
    expect(verdict).toEqual({ ok: false, durationSeconds: 7290, reason: expect.stringMatching(/121\.5 min long.*up to 120 min \(MAX_AUDIO_MINUTES\).*shorter recording/) });
  });
});
