import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { connect, createServer as createNetServer, type AddressInfo } from "node:net";
import { join } from "node:path";

/** A tiny HTTP proxy for tests: forwards absolute-URI requests (http targets) and tunnels CONNECT (https targets). */
export interface TestProxy {
  url: string;
  /** `GET http://host/path` for a forwarded request, `CONNECT host:port` for a tunnel. */
  log: string[];
  /** Answer CONNECT with this status instead of opening the tunnel (e.g. 502, 407). */
  refuseConnect?: number;
  close(): Promise<void>;
}

function listen(server: Server | ReturnType<typeof createTlsServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function closeServer(server: Server | ReturnType<typeof createTlsServer>): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts the proxy on 127.0.0.1 (a free port). */
export async function startProxy(): Promise<TestProxy> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "/");
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const proxy: TestProxy = { url: "", log, close: () => closeServer(server) };
  server.on("connect", (req, client, head) => {
    log.push(`CONNECT ${req.url}`);
    client.on("error", () => undefined);
    if (proxy.refuseConnect !== undefined) {
      client.end(`HTTP/1.1 ${proxy.refuseConnect} Refused by the test proxy\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host as string, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.on("close", () => upstream.destroy());
  });
  proxy.url = `http://127.0.0.1:${await listen(server)}`;
  return proxy;
}

/** A port on 127.0.0.1 where nothing listens (taken, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A self-signed certificate for 127.0.0.1 made with openssl, or undefined when openssl is missing. */
export function selfSignedCert(dir: string): { key: string; cert: string; certFile: string } | undefined {
  const keyFile = join(dir, "tls.key");
  const certFile = join(dir, "tls.crt");
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
      { stdio: "ignore" },
    );
  } catch {
    return undefined;
  }
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}

/** An HTTPS front on 127.0.0.1 that passes every request on to `target` (an http:// origin). */
export async function startTlsFront(tls: { key: string; cert: string }, target: string): Promise<{ url: string; close(): Promise<void> }> {
  const to = new URL(target);
  const server = createTlsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("tlsClientError", () => undefined);
  const port = await listen(server);
  return { url: `https://127.0.0.1:${port}`, close: () => closeServer(server) };
}
