import { describe, expect, it } from "vitest";
import { codeBlocks } from "./docs-blocks.js";
import { curlCommands } from "./docs-curl.js";
import { extractPage, SKIP_REASONS } from "./docs-requests.js";

/** The docs replay's extractor, on small pages written for each form it reads. */

const fence = (lang: string, code: string, meta = "") => `\`\`\`${lang}${meta ? ` ${meta}` : ""}\n${code}\n\`\`\``;
const page = (...blocks: string[]) => `---\ntitle: t\n---\n\n${blocks.join("\n\nSome prose.\n\n")}\n`;
const read = (text: string, runtime: string[] = []) => extractPage("p.mdx", text, { runtime: new Set(runtime) });

describe("code blocks", () => {
  it("closes a fence on as many backticks or more, and marks blocks inside a JSX comment", () => {
    const text = ["```python", "a = 1", "````", "{/* <Tab>", "```js", "b = 2", "```", "</Tab> */}", "```bash", "echo", "```"].join("\n");
    const blocks = codeBlocks(text);
    expect(blocks.map((b) => [b.lang, b.line, b.code, b.commented])).toEqual([
      ["python", 1, "a = 1", false],
      ["js", 5, "b = 2", true],
      ["bash", 9, "echo", false],
    ]);
  });
});

describe("curl", () => {
  it("reads method, URL, headers and a multi-line quoted body across continuations and comments", () => {
    const cmds = curlCommands(
      [
        "# Step 1",
        'curl -X POST "https://api.example.com/v2/transcript" \\',
        '  -H "authorization: <KEY>" \\',
        "  -d '{",
        '    "audio_url": "https://a/b.mp3"',
        "  }'",
        "",
        "curl https://api.example.com/v2/transcript/{id} --header \"Authorization: K\"",
        "pip install requests",
      ].join("\n"),
    );
    expect(cmds).toEqual([
      { line: 1, method: "POST", url: "https://api.example.com/v2/transcript", headers: { authorization: "<KEY>" }, data: '{\n    "audio_url": "https://a/b.mp3"\n  }' },
      { line: 7, method: "GET", url: "https://api.example.com/v2/transcript/{id}", headers: { authorization: "K" } },
    ]);
  });

  it("takes POST when a body is given without -X", () => {
    expect(curlCommands("curl https://h/x --data '{}'")[0]?.method).toBe("POST");
  });
});

describe("Python snippets", () => {
  const py = fence(
    "python",
    [
      "import requests",
      'base_url = "https://api.assemblyai.com"',
      'headers = {"authorization": "<YOUR_API_KEY>"}  # the raw key',
      'with open("./a.mp3", "rb") as f:',
      '  response = requests.post(base_url + "/v2/upload", headers=headers, data=f)',
      'upload_url = response.json()["upload_url"]',
      "data = {",
      '    "audio_url": upload_url, # a comment with "quotes"',
      '    "speaker_labels": True,',
      '    "speech_threshold": None,',
      '    "prompt": ("one "',
      '               "two"),',
      "}",
      "response = requests.post(base_url + '/v2/transcript', json=data, headers=headers)",
      "transcript_id = response.json()['id']",
      'result = requests.get(f"{base_url}/v2/transcript/{transcript_id}", headers=headers).json()',
    ].join("\n"),
  );

  it("reads each call with its URL, JSON body and Authorization, and names run-time values by their variable", () => {
    const p = read(page(py));
    expect(p.requests.map(({ method, url, body, upload, authorization }) => ({ method, url, body, upload, authorization }))).toEqual([
      { method: "POST", url: "https://api.assemblyai.com/v2/upload", body: undefined, upload: true, authorization: "<YOUR_API_KEY>" },
      {
        method: "POST",
        url: "https://api.assemblyai.com/v2/transcript",
        body: { audio_url: "⟦upload_url⟧", speaker_labels: true, speech_threshold: null, prompt: "one two" },
        upload: undefined,
        authorization: "<YOUR_API_KEY>",
      },
      { method: "GET", url: "https://api.assemblyai.com/v2/transcript/⟦transcript_id⟧", body: undefined, upload: undefined, authorization: "<YOUR_API_KEY>" },
    ]);
    // The page header takes 4 lines and the fence one: code line 5 is page line 10.
    expect(p.requests.map((r) => r.line)).toEqual([10, 19, 21]);
  });

  it("reads a body shown without its call as a request to the endpoint its fields imply, resolving names of earlier snippets", () => {
    const later = fence("python", ['data = {"audio_url": upload_url, "speakers_expected": 2}', "# ...", 'requests.get(base_url + "/v2/transcript/" + transcript_id + "/redacted-audio", headers=headers)'].join("\n"));
    const p = read(page(py, later));
    const [implied, get] = p.requests.slice(3);
    expect(implied).toMatchObject({ implied: true, method: "POST", url: "https://api.assemblyai.com/v2/transcript", body: { audio_url: "⟦upload_url⟧", speakers_expected: 2 } });
    expect(get).toMatchObject({ method: "GET", url: "https://api.assemblyai.com/v2/transcript/⟦transcript_id⟧/redacted-audio", authorization: "<YOUR_API_KEY>" });
  });

  it("reads the first iteration of a for loop, and keeps run-time names as markers even when assigned a literal", () => {
    const loop = fence(
      "python",
      [
        "model = None",
        'questions = [{"q": "first?"}, {"q": "second?"}]',
        "for item in questions:",
        '    prompt = f"""Q: {item[\'q\']} ({n:.1f})"""',
        '    requests.post("https://llm-gateway.assemblyai.com/v1/chat/completions", headers=headers, json={"model": model, "prompt": prompt})',
      ].join("\n"),
    );
    const [req] = read(page(loop), ["model"]).requests;
    expect(req?.body).toEqual({ model: "⟦model⟧", prompt: "Q: first? (⟦n⟧)" });
  });
});

describe("JavaScript snippets", () => {
  it("reads fetch (method, JSON.stringify body, shorthand headers) and axios calls", () => {
    const js = fence(
      "javascript",
      [
        'const baseUrl = "https://api.assemblyai.com";',
        "const headers = { authorization: apiKey, 'content-type': 'application/json' };",
        "// a comment with fetch(",
        "const res = await fetch(`${baseUrl}/v2/transcript`, { method: 'POST', headers, body: JSON.stringify({ audio_url: url, speaker_labels: true, }) });",
        "const { id: transcriptId } = await res.json();",
        "await axios.delete(`${baseUrl}/v2/transcript/${transcriptId}`, { headers: headers });",
      ].join("\n"),
    );
    const p = read(page(js));
    expect(p.requests.map(({ method, url, body, authorization }) => ({ method, url, body, authorization }))).toEqual([
      { method: "POST", url: "https://api.assemblyai.com/v2/transcript", body: { audio_url: "⟦url⟧", speaker_labels: true }, authorization: "⟦apiKey⟧" },
      { method: "DELETE", url: "https://api.assemblyai.com/v2/transcript/⟦transcriptId⟧", body: undefined, authorization: "⟦apiKey⟧" },
    ]);
  });
});

describe("classification", () => {
  it("reads error examples, request bodies and responses from JSON blocks", () => {
    const p = read(
      page(
        fence("json", '# Status code: 401\n{\n"error": "Nope."\n}'),
        fence("json", '{"error": {"code": 404, "message": "x"}}'),
        fence("json", '{\n  "status": "error",\n  "audio_url": "https://foo.bar",\n  "error": "Failed.",\n  ...\n}'),
        fence("json", '{"audio_url": "YOUR_AUDIO_URL", "redact_pii": true}'),
        fence("json", '{"request_id": "abc", "choices": []}'),
      ),
    );
    expect(p.errors.map((e) => [e.status, e.body])).toEqual([
      [401, { error: "Nope." }],
      [404, { error: { code: 404, message: "x" } }],
      [null, { status: "error", audio_url: "https://foo.bar", error: "Failed." }],
    ]);
    expect(p.requests).toMatchObject([{ via: "json", url: "https://api.assemblyai.com/v2/transcript", body: { audio_url: "YOUR_AUDIO_URL" } }]);
    expect(p.other).toHaveLength(1);
  });

  it("skips SDK snippets, streaming code and commented-out blocks with their reason, and flags a block it could not read", () => {
    const p = read(
      page(
        fence("python", 'import assemblyai as aai\nconfig = aai.TranscriptionConfig(speaker_labels=True)\naai.Transcriber().transcribe("a.mp3", config)'),
        fence("python", 'ws = websocket.WebSocketApp("wss://streaming.assemblyai.com/v3/ws")'),
        `{/* hidden\n${fence("javascript", "fetch('https://api.assemblyai.com/v2/transcript')")}\n*/}`,
        fence("python", 'httpx.post("https://api.assemblyai.com/v2/transcript", json={})'),
        fence("bash", "pip install requests"),
      ),
    );
    expect(p.skipped.map((s) => s.reason)).toEqual([SKIP_REASONS.sdk, SKIP_REASONS.streaming, SKIP_REASONS.commented]);
    expect(p.unread).toHaveLength(1);
    expect(p.other).toHaveLength(1);
    expect(p.requests).toEqual([]);
  });
});
