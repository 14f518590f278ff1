/** Test helpers: a fake fetch returning real `Response`s, and a fake clock/sleep. Never built. */

/** One request the fake fetch received. */
export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  init: RequestInit & { duplex?: string };
  /** The body exactly as passed (not read). */
  body: unknown;
  /** `this` fetch was called with. */
  thisArg: unknown;
}

/** What a handler may answer: a Response, an error to throw, or "hang" until aborted. */
export type FakeAnswer = Response | Error | "hang";

/** A fake fetch and the calls it saw. */
export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
}

/** A fake fetch answering each call with `handler(call, index)`. Honours `init.signal`. */
export function fakeFetch(handler: (call: RecordedCall, index: number) => FakeAnswer | Promise<FakeAnswer>): FakeFetch {
  const calls: RecordedCall[] = [];
  const fn = async function (this: unknown, input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const call: RecordedCall = {
      url: String(input instanceof Request ? input.url : input),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      init,
      body: init.body,
      thisArg: this,
    };
    calls.push(call);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const answer = await handler(call, calls.length - 1);
    if (answer === "hang") {
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason ?? new Error("aborted")), { once: true });
      });
    }
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fn as typeof fetch, calls };
}

/** A fake fetch answering calls in order; the last answer repeats (Responses are cloned, so they can). */
export function sequence(...answers: (FakeAnswer | (() => FakeAnswer))[]): FakeFetch {
  return fakeFetch((_, i) => {
    const a = answers[Math.min(i, answers.length - 1)];
    if (a === undefined) throw new Error("sequence() needs at least one answer");
    const answer = typeof a === "function" ? a() : a;
    return answer instanceof Response ? answer.clone() : answer;
  });
}

/** A JSON Response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** An error shaped like undici's `TypeError: fetch failed` with a system code in `cause`. */
export function netError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
  return new TypeError("fetch failed", { cause });
}

/** A fake clock whose sleep advances time instantly and records each wait. Honours abort. */
export function fakeTime(start = 1_700_000_000_000): {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  sleeps: number[];
  advance: (ms: number) => void;
} {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/** A transcript body in a given state. */
export function transcriptBody(id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, status, audio_url: "https://cdn.assemblyai.com/upload/abc", text: status === "completed" ? "Hello there." : null, ...extra };
}
