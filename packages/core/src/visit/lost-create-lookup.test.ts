import { describe, expect, it } from "vitest";
import type { TranscriptListItem } from "../clients/transcripts/transcript-schemas.js";
import { lookUpLostCreate } from "./recover-create.js";
import type { ListTranscripts } from "./recover-create.js";

const SENT_AT = Date.parse("2026-11-25T10:00:00Z");
const URL_A = "https://media.example.com/a.mp3";
const URL_B = "https://media.example.com/b.mp3";

/** Rows newest first; `minutesAfter` is relative to SENT_AT. */
function rows(...spec: [id: string, audioUrl: string, minutesAfter: number][]): TranscriptListItem[] {
  return spec.map(([id, audio_url, m]) => ({
    id,
    audio_url,
    created: new Date(SENT_AT + m * 60_000).toISOString().replace("Z", ""),
    status: "completed",
    resource_url: `https://api.example.com/v2/transcript/${id}`,
    completed: null,
    error: null,
  }));
}

function listOf(items: TranscriptListItem[]): ListTranscripts & { pulled: () => number } {
  let pulled = 0;
  const list = async function* () {
    for (const item of items) {
      pulled++;
      yield item;
    }
  };
  return Object.assign(list as unknown as ListTranscripts, { pulled: () => pulled });
}

describe("lookUpLostCreate", () => {
  it("finds the create's transcript by its audio_url", async () => {
    const list = listOf(rows(["t3", URL_B, 2], ["t2", URL_A, 0.1], ["t1", URL_B, -1]));
    expect(await lookUpLostCreate(list, { audioUrl: URL_A, sentAtMs: SENT_AT })).toEqual({ kind: "found", id: "t2", status: "completed" });
  });

  it("answers not_created only once the scan passed the start of the window", async () => {
    const list = listOf(rows(["t3", URL_B, 2], ["t2", URL_B, -5], ["t1", URL_A, -11]));
    expect(await lookUpLostCreate(list, { audioUrl: URL_A, sentAtMs: SENT_AT })).toEqual({ kind: "not_created" });
    // t1 has the URL but is older than the 10-minute skew: another visit's, and the scan stopped there.
    expect(list.pulled()).toBe(3);
  });

  it("answers not_created at the end of the list", async () => {
    expect(await lookUpLostCreate(listOf(rows(["t1", URL_B, 1])), { audioUrl: URL_A, sentAtMs: SENT_AT })).toEqual({ kind: "not_created" });
  });

  it("answers unknown (never not_created) when the row cap stops the scan inside the window", async () => {
    const many = rows(...Array.from({ length: 30 }, (_, i): [string, string, number] => [`t${i}`, URL_B, 3 - i * 0.1]), ["old", URL_A, -20]);
    expect(await lookUpLostCreate(listOf(many), { audioUrl: URL_A, sentAtMs: SENT_AT }, { maxRows: 10 })).toEqual({ kind: "unknown", scanned: 10 });
    expect(await lookUpLostCreate(listOf(many), { audioUrl: URL_A, sentAtMs: SENT_AT }, { maxRows: 100 })).toEqual({ kind: "not_created" });
  });

  it("skips a transcript with the same audio_url that isOurs refuses (another visit's)", async () => {
    const list = listOf(rows(["theirs", URL_A, 1], ["ours", URL_A, 0.5], ["t0", URL_B, -1]));
    const asked: string[] = [];
    const isOurs = async (id: string) => {
      asked.push(id);
      return id === "ours";
    };
    expect(await lookUpLostCreate(list, { audioUrl: URL_A, sentAtMs: SENT_AT }, { isOurs })).toEqual({ kind: "found", id: "ours", status: "completed" });
    expect(asked).toEqual(["theirs", "ours"]);
    const none = listOf(rows(["theirs", URL_A, 1], ["t0", URL_B, -11]));
    expect(await lookUpLostCreate(none, { audioUrl: URL_A, sentAtMs: SENT_AT }, { isOurs })).toEqual({ kind: "not_created" });
  });

  it("lets a failing list request throw: a failed scan concludes nothing", async () => {
    const failing = async function* () {
      yield* [];
      throw new Error("list failed");
    } as unknown as ListTranscripts;
    await expect(lookUpLostCreate(failing, { audioUrl: URL_A, sentAtMs: SENT_AT })).rejects.toThrow("list failed");
  });
});
