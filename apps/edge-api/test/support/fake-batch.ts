/** What the consumer did with one message. */
export type MessageOutcome = { kind: "ack" } | { kind: "retry"; delaySeconds: number | undefined } | { kind: "none" };

/**
 * A MessageBatch of one message that records ack/retry with its options. (The pool's
 * `createMessageBatch` + `getQueueResult` do not report `delaySeconds`, which these tests check.)
 */
export function fakeBatch<Body>(queue: string, message: { id: string; body: Body; attempts: number; timestamp: Date }) {
  let outcome: MessageOutcome = { kind: "none" };
  const settle = (next: MessageOutcome) => {
    // Like the runtime: the first call wins.
    if (outcome.kind === "none") outcome = next;
  };
  const msg: Message<Body> = {
    ...message,
    ack: () => settle({ kind: "ack" }),
    retry: (options?: QueueRetryOptions) => settle({ kind: "retry", delaySeconds: options?.delaySeconds }),
  };
  const batch: MessageBatch<Body> = {
    queue,
    messages: [msg],
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => settle({ kind: "ack" }),
    retryAll: (options?: QueueRetryOptions) => settle({ kind: "retry", delaySeconds: options?.delaySeconds }),
  };
  return { batch, outcome: () => outcome };
}
