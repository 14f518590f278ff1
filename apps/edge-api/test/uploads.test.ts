import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { UPLOAD_PART_BYTES } from "../src/uploads/upload-limits.js";
import { createHarness, type Harness } from "./support/harness.js";

interface Upload {
  id: string;
  status: string;
  size: number;
  part_size: number;
  parts: number;
  received_parts: number[];
}

async function startUpload(h: Harness, key: string, size: number, fileName = "visit-02-knee-sprain.mp3"): Promise<Upload> {
  const res = await h.request("/v1/uploads", { method: "POST", key, json: { size, content_type: "audio/mpeg", file_name: fileName } });
  expect(res.status).toBe(201);
  return (await res.json()) as Upload;
}

function putPart(h: Harness, key: string, id: string, part: number, bytes: Uint8Array): Promise<Response> {
  return h.request(`/v1/uploads/${id}/parts/${part}`, { method: "PUT", key, body: bytes, headers: { "content-type": "application/octet-stream" } });
}

async function digest(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function audioUrlOfTranscript(h: Harness): string {
  const transcripts = [...h.sandbox.state.transcripts.values()];
  const last = transcripts[transcripts.length - 1] as { params: { audio_url: string } };
  return last.params.audio_url;
}

describe("uploads (R2 multipart) and notes made from them", () => {
  it("uploads in parts, makes the note from a signed URL, serves the audio only to that URL, then deletes it", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const size = UPLOAD_PART_BYTES + 1000;
    const audio = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) audio[i] = (i / 4096) % 251;
    const upload = await startUpload(h, key, size);
    expect(upload).toMatchObject({ status: "uploading", parts: 2, part_size: UPLOAD_PART_BYTES, received_parts: [] });

    // a part of the wrong size is refused; the right ones are stored (sending one again replaces it)
    expect((await putPart(h, key, upload.id, 2, audio.slice(0, 10))).status).toBe(400);
    expect((await putPart(h, key, upload.id, 3, audio.slice(0, 10))).status).toBe(400);
    expect((await putPart(h, key, upload.id, 2, audio.slice(UPLOAD_PART_BYTES))).status).toBe(200);
    const early = await h.request(`/v1/uploads/${upload.id}/complete`, { method: "POST", key });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { details: { missing_parts: number[] } } }).error.details.missing_parts).toEqual([1]);
    // a note from an incomplete upload is refused before anything is sent
    const tooSoon = await h.request("/v1/notes", { method: "POST", key, json: { upload_id: upload.id } });
    expect(tooSoon.status).toBe(400);
    expect(h.sandbox.state.transcripts.size).toBe(0);
    expect((await putPart(h, key, upload.id, 1, audio.slice(0, UPLOAD_PART_BYTES))).status).toBe(200);
    const done = await h.request(`/v1/uploads/${upload.id}/complete`, { method: "POST", key });
    expect(done.status).toBe(200);
    expect(((await done.json()) as Upload).status).toBe("complete");
    // the object sits under the tenant's prefix
    const stored = await env.AUDIO.get(`tenants/${tenantId}/uploads/${upload.id}`);
    expect(stored?.size).toBe(size);

    // another tenant cannot see or use it
    const other = await h.seedTenant("Other clinic");
    expect((await h.request(`/v1/uploads/${upload.id}`, { key: other.key })).status).toBe(404);
    expect((await h.request("/v1/notes", { method: "POST", key: other.key, json: { upload_id: upload.id } })).status).toBe(400);

    const created = await h.request("/v1/notes", { method: "POST", key, json: { upload_id: upload.id }, headers: { "idempotency-key": "visit-upl-1" } });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const audioUrl = audioUrlOfTranscript(h);
    expect(audioUrl.startsWith("https://api.soap.test/v1/audio/")).toBe(true);
    expect(audioUrl.endsWith("/visit-02-knee-sprain.mp3")).toBe(true);

    // the signed URL serves the bytes without a key; a changed signature or expiry does not
    const served = await h.request(new URL(audioUrl).pathname);
    expect(served.status).toBe(200);
    expect(await digest(await served.arrayBuffer())).toBe(await digest(audio));
    const parts = new URL(audioUrl).pathname.split("/");
    const forged = [...parts];
    forged[5] = `${forged[5]?.slice(0, -1)}${forged[5]?.endsWith("A") ? "B" : "A"}`;
    expect((await h.request(forged.join("/"))).status).toBe(404);
    const extended = [...parts];
    extended[4] = String(Number(extended[4]) + 1);
    expect((await h.request(extended.join("/"))).status).toBe(404);

    // the note completes from it; the finished feed reports it once settled
    await h.finishTranscripts();
    await h.drainQueue();
    h.advance(5_000);
    const feed = (await (await h.request("/v1/notes/finished", { key })).json()) as { data: { id: string; status: string }[]; next_cursor: string };
    expect(feed.data).toEqual([expect.objectContaining({ id, status: "completed" })]);
    const again = (await (await h.request(`/v1/notes/finished?after=${feed.next_cursor}`, { key })).json()) as { data: unknown[]; next_cursor: string };
    expect(again).toEqual({ data: [], next_cursor: feed.next_cursor });
    expect(((await (await h.request("/v1/notes/finished", { key: other.key })).json()) as { data: unknown[] }).data).toEqual([]);
    // `since` starts the feed at an instant: before the note finished it lists it, after it does not
    const since = (ms: number) => h.request(`/v1/notes/finished?since=${ms}`, { key }).then((r) => r.json() as Promise<{ data: { id: string }[] }>);
    expect((await since(h.now() - 60_000)).data.map((n) => n.id)).toEqual([id]);
    expect((await since(h.now())).data).toEqual([]);

    // AssemblyAI has the audio: the sweep deletes the object, and the signed URL stops working
    await h.worker.scheduled(undefined, h.env);
    expect(await env.AUDIO.get(`tenants/${tenantId}/uploads/${upload.id}`)).toBeNull();
    expect((await h.request(new URL(audioUrl).pathname)).status).toBe(404);
    expect((await h.request(`/v1/uploads/${upload.id}`, { key })).status).toBe(404);
    // a retry of the create with the same key replays the first answer, without a second transcript
    const replay = await h.request("/v1/notes", { method: "POST", key, json: { upload_id: upload.id }, headers: { "idempotency-key": "visit-upl-1" } });
    expect(replay.status).toBe(202);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(h.sandbox.state.transcripts.size).toBe(1);
    // Two 8 MiB parts through workerd's R2: seconds on a loaded 2-core machine.
  }, 60_000);

  it("refuses bad upload requests with a clear error, and deletes unused uploads after 24 hours", async () => {
    const h = createHarness();
    const { key, tenantId } = await h.seedTenant("Clinic");
    const bad = await h.request("/v1/uploads", { method: "POST", key, json: { size: 0 } });
    expect(bad.status).toBe(400);
    expect((await h.request("/v1/uploads", { method: "POST", key, json: { size: 10, content_type: "text/html" } })).status).toBe(400);
    expect((await h.request("/v1/notes", { method: "POST", key, json: { upload_id: "upl_x", audio_url: "https://example.com/a.mp3" } })).status).toBe(400);
    expect((await h.request("/v1/notes", { method: "POST", key, json: {} })).status).toBe(400);
    const upload = await startUpload(h, key, 20);
    const tooBig = await putPart(h, key, upload.id, 1, new Uint8Array(21));
    expect(tooBig.status).toBe(413);
    expect((await putPart(h, key, upload.id, 1, new Uint8Array(20))).status).toBe(200);
    expect((await h.request(`/v1/uploads/${upload.id}`, { key }).then((r) => r.json())) as Upload).toMatchObject({ received_parts: [1] });
    expect((await h.request(`/v1/uploads/${upload.id}/complete`, { method: "POST", key })).status).toBe(200);
    expect(await env.AUDIO.head(`tenants/${tenantId}/uploads/${upload.id}`)).not.toBeNull();
    await h.worker.scheduled(undefined, h.env);
    expect(await env.AUDIO.head(`tenants/${tenantId}/uploads/${upload.id}`)).not.toBeNull();
    h.advance(24 * 60 * 60_000 + 1);
    await h.worker.scheduled(undefined, h.env);
    expect(await env.AUDIO.head(`tenants/${tenantId}/uploads/${upload.id}`)).toBeNull();
    const gone = await h.request("/v1/notes", { method: "POST", key, json: { upload_id: upload.id } });
    expect(gone.status).toBe(400);
  });

  it("rejects a cursor it did not make", async () => {
    const h = createHarness();
    const { key } = await h.seedTenant("Clinic");
    expect((await h.request("/v1/notes/finished?after=not-a-cursor", { key })).status).toBe(400);
  });
});
