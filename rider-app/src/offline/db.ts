/**
 * The phone's own storage (IndexedDB, one database): the outbox, the conflicts the server
 * answered, and the last route and box state for a start with no network. Survives reloads
 * and app restarts; cleared at logout.
 */
const DB_NAME = 'coldchain-rider';
const VERSION = 1;
export const STORES = ['events', 'fixes', 'conflicts', 'cache'] as const;
type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      for (const s of ['events', 'fixes', 'conflicts'] as const) if (!db.objectStoreNames.contains(s)) db.createObjectStore(s, { keyPath: 'seq', autoIncrement: true });
      if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => { opening = null; reject(r.error); };
  });
  return opening;
}

const done = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

/** One request in its own transaction, resolved once the transaction is durable. */
export async function tx<T>(store: StoreName, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await openDb();
  const t = db.transaction(store, mode, { durability: 'strict' } as IDBTransactionOptions);
  const req = f(t.objectStore(store));
  const result = req ? done(req) : Promise.resolve(undefined);
  await new Promise<void>((resolve, reject) => { t.oncomplete = () => resolve(); t.onerror = () => reject(t.error); t.onabort = () => reject(t.error); });
  return result;
}

export const cacheGet = async <T>(key: string) => (await tx<T>('cache', 'readonly', (s) => s.get(key) as IDBRequest<T>)) ?? null;
export const cachePut = async (key: string, value: unknown) => { await tx('cache', 'readwrite', (s) => s.put(value, key)); };
export const cacheDelete = async (key: string) => { await tx('cache', 'readwrite', (s) => s.delete(key)); };

export async function clearAll(): Promise<void> {
  for (const s of STORES) await tx(s, 'readwrite', (o) => o.clear());
}
