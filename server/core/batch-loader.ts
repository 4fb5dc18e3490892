/**
 * Groups the lookups asked for in the same turn of the event loop into one fetch (the DataLoader
 * pattern): when 64 kiosk requests arrive for 64 different activities, the database sees one
 * query for 64 keys instead of 64 queries. Keys the fetch does not return resolve to `missing`.
 */
export class BatchLoader<V> {
  private pending = new Map<string, { resolve: (v: V) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;

  constructor(
    /** Loads many keys at once; returns what it found. */
    private readonly fetch: (keys: string[]) => Promise<Map<string, V>>,
    private readonly missing: V,
    private readonly maxKeys = 500,
  ) {}

  /** The value of one key, fetched together with the other keys asked for in this turn. */
  load(key: string): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.run());
      }
    });
  }

  private run() {
    this.scheduled = false;
    const all = [...this.pending];
    this.pending.clear();
    for (let i = 0; i < all.length; i += this.maxKeys) {
      const chunk = all.slice(i, i + this.maxKeys);
      this.fetch(chunk.map(([k]) => k)).then(
        (found) => {
          for (const [k, ws] of chunk) for (const w of ws) w.resolve(found.has(k) ? (found.get(k) as V) : this.missing);
        },
        (e) => {
          for (const [, ws] of chunk) for (const w of ws) w.reject(e);
        },
      );
    }
  }
}
