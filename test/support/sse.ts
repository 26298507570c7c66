/** One server-sent event as a client sees it. */
export interface SseEvent { id: string | undefined; type: string; data: unknown }

/** Reads server-sent events from a fetch() body, one at a time. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next event (comments skipped); fails when none comes within `ms`. */
  async next(ms = 10_000): Promise<SseEvent> {
    const deadline = setTimeout(() => void this.reader.cancel(), ms);
    try {
      for (;;) {
        const end = this.buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) return { id: /^id: (.*)$/m.exec(block)?.[1], type, data: JSON.parse(data) as unknown };
          continue;
        }
        const { value, done } = await this.reader.read();
        if (done) throw new Error('the stream ended (or no event came before the deadline)');
        this.buffer += this.decoder.decode(value, { stream: true });
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  /** The next `scan` event, skipping stats and reservation events. */
  async nextScan(ms?: number): Promise<SseEvent & { data: { scanId: string } }> {
    for (;;) {
      const event = await this.next(ms);
      if (event.type === 'scan') return event as SseEvent & { data: { scanId: string } };
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}
