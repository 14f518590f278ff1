import type { NoteJobMessage } from "@org/soap-edge-api";

/**
 * A queue producer that records what was sent, so that the tests deliver it to the consumer themselves.
 * `failNextSends` makes the next calls (of `send` or `sendBatch`, a batch failing whole) throw like a
 * queue that is down; `calls` counts the calls that went through.
 */
export class RecordingQueue implements Queue<NoteJobMessage> {
  readonly sent: NoteJobMessage[] = [];
  failNextSends = 0;
  calls = { send: 0, sendBatch: 0, failed: 0 };

  async send(message: NoteJobMessage): Promise<QueueSendResponse> {
    this.refuseIfDown();
    this.calls.send++;
    this.sent.push(structuredClone(message));
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }

  async sendBatch(messages: Iterable<MessageSendRequest<NoteJobMessage>>): Promise<QueueSendBatchResponse> {
    this.refuseIfDown();
    this.calls.sendBatch++;
    for (const m of messages) this.sent.push(structuredClone(m.body));
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }

  private refuseIfDown(): void {
    if (this.failNextSends <= 0) return;
    this.failNextSends--;
    this.calls.failed++;
    throw new Error("Queue send failed: the queue is unavailable (chaos)");
  }

  async metrics(): Promise<QueueMetrics> {
    return { backlogCount: this.sent.length, backlogBytes: 0 };
  }

  /** Takes every recorded message off the queue. */
  drain(): NoteJobMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/** What the consumer did with one delivery. */
export type Settled = { kind: "ack" } | { kind: "retry"; delaySeconds: number | undefined } | { kind: "none" };

/**
 * A batch of one message that records ack/retry with its delay (the pool's createMessageBatch does
 * not report `delaySeconds`, which the retry-policy checks need).
 */
export function oneMessageBatch(queue: string, message: { id: string; body: unknown; attempts: number; timestamp: Date }) {
  let outcome: Settled = { kind: "none" };
  // Like the runtime: the first call wins.
  const settle = (next: Settled): void => {
    if (outcome.kind === "none") outcome = next;
  };
  const msg: Message<unknown> = {
    ...message,
    ack: () => settle({ kind: "ack" }),
    retry: (options?: QueueRetryOptions) => settle({ kind: "retry", delaySeconds: options?.delaySeconds }),
  };
  const batch: MessageBatch<unknown> = {
    queue,
    messages: [msg],
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => settle({ kind: "ack" }),
    retryAll: (options?: QueueRetryOptions) => settle({ kind: "retry", delaySeconds: options?.delaySeconds }),
  };
  return { batch, outcome: (): Settled => outcome };
}
