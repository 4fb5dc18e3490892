// The kiosk's IndexedDB: the offline queue (keyed by the client nonce) and what it keeps for working
// offline (the revocation list and the county's public keys).
import type { PublicKeys, Revocations } from './kiosk-api';
import type { QueuedScan, ScanStore } from './kiosk-queue';

const DB_NAME = 'hongyun-kiosk';
const QUEUE = 'queue';
const META = 'meta';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'nonce' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('indexedDB.open failed'));
    };
  });
  return opening;
}

/** Runs one request in a transaction and resolves when the transaction has committed. */
async function run<T>(store: string, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = body(tx.objectStore(store));
    tx.oncomplete = () => resolve(req?.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The offline queue in IndexedDB (survives a reload or a power cut). */
export const idbScanStore: ScanStore = {
  async put(item: QueuedScan) {
    await run(QUEUE, 'readwrite', (s) => s.put(item));
  },
  async list() {
    const all = await run<QueuedScan[]>(QUEUE, 'readonly', (s) => s.getAll() as IDBRequest<QueuedScan[]>);
    return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  },
  async remove(nonces: readonly string[]) {
    if (!nonces.length) return;
    await run(QUEUE, 'readwrite', (s) => {
      for (const n of nonces) s.delete(n);
      return undefined;
    });
  },
  async count() {
    return run<number>(QUEUE, 'readonly', (s) => s.count());
  },
};

/** What the kiosk keeps to refuse revoked cards and bad member QR codes while offline. */
export type OfflineData = { revocations: Revocations | null; keys: PublicKeys | null; syncedAt: string | null };

const meta = <T>(key: string) => run<T | undefined>(META, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);

/** Reads the stored revocation list and keys. */
export async function loadOfflineData(): Promise<OfflineData> {
  const [revocations, keys, syncedAt] = await Promise.all([
    meta<Revocations>('revocations'),
    meta<PublicKeys>('keys'),
    meta<string>('syncedAt'),
  ]);
  return { revocations: revocations ?? null, keys: keys ?? null, syncedAt: syncedAt ?? null };
}

/** Stores a fresh revocation list and key set. */
export async function saveOfflineData(data: { revocations?: Revocations; keys?: PublicKeys }, at = new Date()) {
  await run(META, 'readwrite', (s) => {
    if (data.revocations) s.put(data.revocations, 'revocations');
    if (data.keys) s.put(data.keys, 'keys');
    s.put(at.toISOString(), 'syncedAt');
    return undefined;
  });
}
