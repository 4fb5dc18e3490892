/**
 * A small read-through cache for hot lookups (an activity or a kiosk on the check-in path): each
 * value is kept for `ttlMs`, concurrent misses of the same key share one load (a burst of scans
 * for an activity costs one query, not one per request), and a full cache is emptied rather than
 * grown. Changes made in this process drop their keys at once (`delete`); the TTL bounds how long
 * another node's change can go unseen.
 */
export class TtlCache<V> {
  private readonly values = new Map<string, { v: V; at: number }>();
  private readonly loading = new Map<string, Promise<V>>();
  private deletes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  /** The cached value, or the one `load` returns (shared by every caller waiting for this key). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.values.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.v;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const p = load().then(
      (v) => {
        // A delete while loading means the value may be stale: hand it out once, do not keep it.
        if (this.loading.get(key) === p) {
          if (this.values.size >= this.maxEntries) this.values.clear();
          this.values.set(key, { v, at: Date.now() });
          this.loading.delete(key);
        }
        return v;
      },
      (e) => {
        if (this.loading.get(key) === p) this.loading.delete(key);
        throw e;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  /** Drops a key (and forgets a load in flight, whose result will not be kept). */
  delete(key: string) {
    this.deletes++;
    this.values.delete(key);
    this.loading.delete(key);
  }

  /** A token for `set`: taken before reading values in bulk. */
  get version() {
    return this.deletes;
  }

  /**
   * Stores a value read in bulk (a warm-up), unless a key was deleted since `version` was taken:
   * the bulk read may then predate that change.
   */
  set(key: string, v: V, version: number) {
    if (version !== this.deletes) return false;
    if (this.values.size >= this.maxEntries) this.values.clear();
    this.values.set(key, { v, at: Date.now() });
    return true;
  }
}
