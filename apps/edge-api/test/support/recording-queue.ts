import type { NoteJobMessage } from "../../src/index.js";

/** A queue producer that records what was sent, so that tests deliver it to the consumer themselves. */
export class RecordingQueue implements Queue<NoteJobMessage> {
  readonly sent: NoteJobMessage[] = [];
  failNextSends = 0;
  /** `sendBatch` calls made (each also counts its messages as sends). */
  batches = 0;

  async send(message: NoteJobMessage): Promise<QueueSendResponse> {
    if (this.failNextSends > 0) {
      this.failNextSends--;
      throw new Error("queue unavailable");
    }
    this.sent.push(structuredClone(message));
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }

  async sendBatch(messages: Iterable<MessageSendRequest<NoteJobMessage>>): Promise<QueueSendBatchResponse> {
    this.batches++;
    for (const m of messages) await this.send(m.body);
    return { metadata: { metrics: { backlogCount: this.sent.length, backlogBytes: 0 } } };
  }

  async metrics(): Promise<QueueMetrics> {
    return { backlogCount: this.sent.length, backlogBytes: 0 };
  }

  /** Takes every recorded message off the queue. */
  drain(): NoteJobMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}
