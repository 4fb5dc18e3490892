/**
 * Group commit for hot write paths: requests push items and wait; one flush at a time takes
 * everything queued (up to `maxItems`) and writes it in one transaction, then settles each
 * item's promise with its own result or error. Under light load a flush holds one item and
 * starts at once (no added latency); under a burst the items that arrive while a flush runs go
 * into the next one, so commits per second stay bounded while throughput grows with load.
 * A caller's promise resolves only after the flush that wrote its item has committed.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  private closed = false;

  constructor(
    /** Writes a batch; returns one result or Error per item, in order. Throwing fails every item. */
    private readonly flush: (items: I[]) => Promise<(O | Error)[]>,
    private readonly maxItems = 500,
  ) {}

  /** Queues an item; resolves with its result once its batch has committed. */
  push(item: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('batcher closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests of the same tick join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Items waiting for a flush. */
  get pending() {
    return this.queue.length;
  }

  /** Refuses new items and waits for the queued ones to be written. */
  async close() {
    this.closed = true;
    while (this.running || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain() {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxItems);
      try {
        const out = await this.flush(batch.map((b) => b.item));
        batch.forEach((b, i) => {
          const o = out[i];
          if (o instanceof Error) b.reject(o);
          else b.resolve(o);
        });
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.running = false;
  }
}
