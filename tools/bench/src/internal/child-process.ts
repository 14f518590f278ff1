import { fork, type ChildProcess } from "node:child_process";
import type { ChildMessage } from "../children/protocol.js";

/** A forked child and a way to wait for its next message of a kind. */
export interface Child {
  process: ChildProcess;
  next<K extends ChildMessage["kind"]>(kind: K, timeoutMs?: number): Promise<Extract<ChildMessage, { kind: K }>>;
  /** Every message received so far. */
  messages: ChildMessage[];
  kill(): void;
}

/** Forks a bundled child entry with an IPC channel. */
export function forkChild(file: string, args: readonly string[] = [], execArgv: readonly string[] = []): Child {
  const proc = fork(file, [...args], { execArgv: [...execArgv], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const messages: ChildMessage[] = [];
  const waiters: { kind: string; resolve: (m: ChildMessage) => void }[] = [];
  let exited: Error | null = null;
  const rejecters = new Set<(e: Error) => void>();
  proc.on("message", (m: ChildMessage) => {
    messages.push(m);
    const i = waiters.findIndex((w) => w.kind === m.kind);
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(m);
  });
  proc.on("exit", (code, signal) => {
    exited = new Error(`child ${file} exited (${code ?? signal})`);
    for (const r of rejecters) r(exited);
  });
  return {
    process: proc,
    messages,
    next: (kind, timeoutMs = 600_000) =>
      new Promise((resolve, reject) => {
        const seen = messages.findIndex((m) => m.kind === kind);
        if (seen >= 0) {
          resolve(messages.splice(seen, 1)[0] as never);
          return;
        }
        if (exited) return reject(exited);
        const timer = setTimeout(() => reject(new Error(`no "${kind}" message from ${file} within ${timeoutMs} ms`)), timeoutMs);
        const fail = (e: Error) => {
          clearTimeout(timer);
          reject(e);
        };
        rejecters.add(fail);
        waiters.push({
          kind,
          resolve: (m) => {
            clearTimeout(timer);
            rejecters.delete(fail);
            messages.splice(messages.indexOf(m), 1);
            resolve(m as never);
          },
        });
      }),
    kill: () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
    },
  };
}
